import { Query } from '@nestjs/cqrs';
import type { EventFilter } from '../../audit-events.repository';
import type { EventPageResponseDto } from './list-events.response.dto';

export class ListEventsQuery extends Query<EventPageResponseDto> {
  constructor(readonly filter: EventFilter) {
    super();
  }
}
