/** The most topics one subscribe/unsubscribe request may name, and the longest topic accepted. */
export const MAX_TOPICS_PER_REQUEST = 100;
export const MAX_TOPIC_LENGTH = 200;

export type SubscriptionRequestCheck =
  { ok: true; topics: string[] } | { ok: false; message: string; details: Record<string, unknown> };

/** `{topics: string[]}` with 1..100 non-empty strings of at most 200 characters. */
export function checkSubscriptionRequest(payload: unknown): SubscriptionRequestCheck {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { ok: false, message: 'The payload must be an object {topics: string[]}', details: {} };
  }
  const topics = (payload as { topics?: unknown }).topics;
  if (!Array.isArray(topics) || topics.length === 0 || topics.length > MAX_TOPICS_PER_REQUEST) {
    return {
      ok: false,
      message: `topics must be an array of 1 to ${MAX_TOPICS_PER_REQUEST} topic strings`,
      details: { field: 'topics' },
    };
  }
  const bad = topics.findIndex((t) => typeof t !== 'string' || t.length === 0 || t.length > MAX_TOPIC_LENGTH);
  if (bad !== -1) {
    return {
      ok: false,
      message: `topics[${bad}] must be a non-empty string of at most ${MAX_TOPIC_LENGTH} characters`,
      details: { field: `topics[${bad}]` },
    };
  }
  return { ok: true, topics: [...new Set(topics as string[])] };
}
