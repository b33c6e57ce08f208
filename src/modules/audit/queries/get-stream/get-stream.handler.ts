import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { toAuditEventDto } from '../../audit-event.response.dto';
import { AuditEventsRepository } from '../../audit-events.repository';
import { StreamNotFoundError } from '../../audit.errors';
import { StreamReplayerRegistry } from '../../stream-replayer.registry';
import { GetStreamQuery } from './get-stream.query';
import type { StreamAtResponseDto } from './get-stream.response.dto';

@QueryHandler(GetStreamQuery)
export class GetStreamHandler implements IQueryHandler<GetStreamQuery> {
  constructor(
    private readonly events: AuditEventsRepository,
    private readonly replayers: StreamReplayerRegistry,
  ) {}

  async execute({ streamId, until }: GetStreamQuery): Promise<StreamAtResponseDto> {
    const events = await this.events.streamUntil(streamId, until);
    const last = events[events.length - 1];
    if (last === undefined) throw new StreamNotFoundError(streamId);
    const replayer = this.replayers.for(streamId);
    return {
      streamId,
      version: last.streamVersion.toString(),
      events: events.map(toAuditEventDto),
      state: replayer?.replay(events) ?? null,
      replayer: replayer?.name ?? null,
    };
  }
}
