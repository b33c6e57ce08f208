import { Body, Controller, Injectable, Module, Param, Post } from '@nestjs/common';
import { IsIn, IsInt, IsOptional, IsString, Min } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { Public } from '../../src/modules/auth';
import { ExpectedVersion } from '../../src/infrastructure/event-store/event-store.types';
import { PostgresEventStore } from '../../src/infrastructure/event-store/postgres-event-store';
import type { StoredEvent } from '../../src/infrastructure/event-store/event-store.types';
import type { SqlClient } from '../../src/infrastructure/event-store/sql-client';
import { ProcessManager, Projection } from '../../src/infrastructure/event-store/subscription.decorators';
import type { ProjectionHandler, ReactorHandler } from '../../src/infrastructure/event-store/subscription.types';

class AppendProbeDto {
  @IsString() type!: string;
  @IsOptional() @IsIn(['any', 'no_stream', 'stream_exists']) expected?: 'any' | 'no_stream' | 'stream_exists';
  @IsOptional() @IsInt() @Min(0) expectedVersion?: number;
}

/** How many /probe/slow requests have reached the handler: a test waits for this rather than guessing. */
export const slowProbe = { entered: 0 };

/** A test-only route that appends through the real store, to drive the error filter and metadata. */
@Public()
@Controller('probe')
class ProbeHttpController {
  constructor(private readonly store: PostgresEventStore) {}

  @Post('streams/:id/events')
  async append(@Param('id') id: string, @Body() dto: AppendProbeDto): Promise<{ nextVersion: string }> {
    const expected =
      dto.expectedVersion !== undefined
        ? ExpectedVersion.exactly(dto.expectedVersion)
        : ({ kind: dto.expected ?? 'any' } as ExpectedVersion);
    const result = await this.store.append(id, [{ eventId: randomUUID(), type: dto.type, data: { at: 'probe' } }], expected);
    return { nextVersion: result.nextVersion.toString() };
  }

  @Post('slow')
  async slow(): Promise<{ done: true }> {
    slowProbe.entered += 1;
    await new Promise((r) => setTimeout(r, 1_500));
    return { done: true };
  }
}

/** Declared the Nest way: counts ProbeHappened events in a table, checkpointed with it. */
@Projection()
@Injectable()
export class ProbeCountProjection implements ProjectionHandler {
  readonly name = 'probe-count';
  readonly eventTypes = ['ProbeHappened'];

  async handle(events: readonly StoredEvent[], tx: SqlClient): Promise<void> {
    await tx.query('CREATE TABLE IF NOT EXISTS probe_counts (stream_id text PRIMARY KEY, n int NOT NULL)');
    for (const e of events) {
      await tx.query(
        `INSERT INTO probe_counts (stream_id, n) VALUES ($1, 1) ON CONFLICT (stream_id) DO UPDATE SET n = probe_counts.n + 1`,
        [e.streamId],
      );
    }
  }

  async reset(tx: SqlClient): Promise<void> {
    await tx.query('DROP TABLE IF EXISTS probe_counts');
  }
}

/** Declared the Nest way: answers each ProbeHappened with a ProbeAnswered on a stream of its own. */
@ProcessManager()
@Injectable()
export class ProbeAnswerer implements ReactorHandler {
  readonly name = 'probe-answerer';
  readonly eventTypes = ['ProbeHappened'];

  constructor(private readonly store: PostgresEventStore) {}

  async handle(event: StoredEvent): Promise<void> {
    await this.store.append(`answer-${event.streamId}`, [{ eventId: randomUUID(), type: 'ProbeAnswered', data: {} }], ExpectedVersion.Any);
  }
}

@Module({ controllers: [ProbeHttpController], providers: [ProbeCountProjection, ProbeAnswerer] })
export class ProbeModule {}
