import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { toAuditEventDto } from '../../audit-event.response.dto';
import { AuditEventsRepository } from '../../audit-events.repository';
import { ListEventsQuery } from './list-events.query';
import type { EventPageResponseDto } from './list-events.response.dto';

@QueryHandler(ListEventsQuery)
export class ListEventsHandler implements IQueryHandler<ListEventsQuery> {
  constructor(private readonly events: AuditEventsRepository) {}

  async execute({ filter }: ListEventsQuery): Promise<EventPageResponseDto> {
    // One extra row tells whether another page follows.
    const rows = await this.events.list({ ...filter, limit: filter.limit + 1 });
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return {
      events: page.map(toAuditEventDto),
      nextCursor: rows.length > filter.limit && last !== undefined ? last.position.toString() : null,
    };
  }
}
