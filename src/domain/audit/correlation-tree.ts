/** The part of a stored event that places it in a causation tree. */
export interface CausalEvent {
  eventId: string;
  causationId: string | null;
}

export interface CausationNode<E extends CausalEvent> {
  event: E;
  children: CausationNode<E>[];
}

/**
 * Everything one request caused, as a forest by causationId. An event whose cause is not among the
 * given events (the command's request, or an event outside the correlation) is a root. Order within
 * each level is the input order, i.e. the order of $all.
 */
export function buildCausationTree<E extends CausalEvent>(events: readonly E[]): CausationNode<E>[] {
  const nodes = new Map<string, CausationNode<E>>();
  for (const event of events) nodes.set(event.eventId, { event, children: [] });
  const roots: CausationNode<E>[] = [];
  for (const event of events) {
    const node = nodes.get(event.eventId);
    if (node === undefined) continue;
    const parent = event.causationId === null ? undefined : nodes.get(event.causationId);
    // A self-cause would make a cycle and hide the event: treat it as a root.
    if (parent === undefined || parent === node) roots.push(node);
    else parent.children.push(node);
  }
  return roots;
}
