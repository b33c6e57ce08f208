import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { buildCausationTree, type CausationNode } from '../../../../domain/audit';
import { toAuditEventDto, type AuditEventDto } from '../../audit-event.response.dto';
import { AuditEventsRepository } from '../../audit-events.repository';
import { StreamNotFoundError } from '../../audit.errors';
import { GetCorrelationQuery } from './get-correlation.query';
import type { CausationNodeDto, CorrelationResponseDto } from './get-correlation.response.dto';

const MAX_EVENTS = 10_000;

type Causal = AuditEventDto & { causationId: string | null };

function toNodeDto(node: CausationNode<Causal>): CausationNodeDto {
  const { causationId: _causationId, ...event } = node.event;
  return { event, children: node.children.map(toNodeDto) };
}

@QueryHandler(GetCorrelationQuery)
export class GetCorrelationHandler implements IQueryHandler<GetCorrelationQuery> {
  constructor(private readonly events: AuditEventsRepository) {}

  async execute({ correlationId }: GetCorrelationQuery): Promise<CorrelationResponseDto> {
    const events = await this.events.byCorrelation(correlationId, MAX_EVENTS + 1);
    if (events.length === 0) throw new StreamNotFoundError(`correlation ${correlationId}`);
    const shown = events
      .slice(0, MAX_EVENTS)
      .map((e): Causal => ({ ...toAuditEventDto(e), causationId: e.metadata.causationId }));
    return {
      correlationId,
      eventCount: shown.length,
      truncated: events.length > MAX_EVENTS,
      tree: buildCausationTree(shown).map(toNodeDto),
    };
  }
}
