import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth';
import { checkRange, timeParam } from './audit-query.params';
import { InvalidAuditQueryError } from './audit.errors';
import { EventExporter } from './export/event-exporter';
import { ExportEventsRequestDto } from './export/export-events.request.dto';
import { GetCorrelationQuery } from './queries/get-correlation/get-correlation.query';
import { CorrelationResponseDto } from './queries/get-correlation/get-correlation.response.dto';
import { GetStreamQuery } from './queries/get-stream/get-stream.query';
import { GetStreamRequestDto } from './queries/get-stream/get-stream.request.dto';
import { StreamAtResponseDto } from './queries/get-stream/get-stream.response.dto';
import { ListEventsQuery } from './queries/list-events/list-events.query';
import { ListEventsRequestDto } from './queries/list-events/list-events.request.dto';
import { EventPageResponseDto } from './queries/list-events/list-events.response.dto';
import { VerifyChainsQuery } from './queries/verify-chains/verify-chains.query';
import { VerificationResponseDto } from './queries/verify-chains/verify-chains.response.dto';

@ApiTags('audit')
@Controller('v1/audit')
@Roles('auditor')
@ApiBadRequestResponse({ description: 'VALIDATION_FAILED or INVALID_AUDIT_QUERY: a bad parameter' })
export class AuditHttpController {
  constructor(
    private readonly queries: QueryBus,
    private readonly exporter: EventExporter,
  ) {}

  @Get('events')
  @ApiOperation({
    summary: 'Search the event store',
    description:
      'Events filtered by stream, type, actor, correlation id and time range, in $all order (commit-safe: a page never skips an event committed later). Pass nextCursor as `after` for the next page.',
  })
  @ApiOkResponse({ type: EventPageResponseDto })
  list(@Query() q: ListEventsRequestDto): Promise<EventPageResponseDto> {
    const from = timeParam(q.from);
    const to = timeParam(q.to);
    checkRange(from, to);
    return this.queries.execute(
      new ListEventsQuery({
        stream: q.stream,
        type: q.type,
        actor: q.actor,
        correlationId: q.correlationId,
        from,
        to,
        after: q.after === undefined ? undefined : BigInt(q.after),
        limit: q.limit ?? 100,
      }),
    );
  }

  @Get('streams/:id')
  @ApiOperation({
    summary: 'A stream at a point in time',
    description:
      "The stream's events up to `version` or up to the time `at` (inclusive; give at most one, none for the whole stream) and the state replayed from them by the stream's registered replayer (null when the stream's context registered none).",
  })
  @ApiOkResponse({ type: StreamAtResponseDto })
  @ApiNotFoundResponse({ description: 'STREAM_NOT_FOUND: no events up to that point' })
  stream(@Param('id') id: string, @Query() q: GetStreamRequestDto): Promise<StreamAtResponseDto> {
    if (q.at !== undefined && q.version !== undefined) {
      throw new InvalidAuditQueryError('Give at most one of at and version', {
        at: q.at,
        version: q.version,
      });
    }
    return this.queries.execute(
      new GetStreamQuery(id, {
        at: timeParam(q.at),
        version: q.version === undefined ? undefined : BigInt(q.version),
      }),
    );
  }

  @Get('correlations/:id')
  @ApiOperation({
    summary: 'Everything one request caused',
    description:
      'Every event with this correlation id, as a tree by causation: roots are the events the request appended, children what process managers did in reaction, and so on.',
  })
  @ApiOkResponse({ type: CorrelationResponseDto })
  @ApiNotFoundResponse({ description: 'STREAM_NOT_FOUND: no event has this correlation id' })
  correlation(@Param('id') id: string): Promise<CorrelationResponseDto> {
    return this.queries.execute(new GetCorrelationQuery(id));
  }

  @Get('export')
  @ApiOperation({
    summary: 'Export events',
    description:
      'Streams every committed event of the time range (all when omitted) as JSON lines or CSV, in $all order, with bounded memory. The export is consistent as of its start. Records are as stored (schemaVersion tells their shape).',
  })
  @ApiProduces('application/x-ndjson', 'text/csv')
  @ApiQuery({ name: 'format', required: false, enum: ['jsonl', 'csv'] })
  @ApiOkResponse({ description: 'One event per line (jsonl), or a CSV with a header row' })
  async export(@Query() q: ExportEventsRequestDto, @Res() res: Response): Promise<void> {
    const format = q.format ?? 'jsonl';
    const from = timeParam(q.from);
    const to = timeParam(q.to);
    checkRange(from, to);
    res.status(200);
    res.setHeader(
      'Content-Type',
      format === 'jsonl' ? 'application/x-ndjson; charset=utf-8' : 'text/csv; charset=utf-8',
    );
    res.setHeader('Content-Disposition', `attachment; filename="events.${format}"`);
    try {
      await this.exporter.export(res, { format, from, to });
      res.end();
    } catch (err) {
      // Headers are gone: the only honest signal left is a truncated, aborted response.
      if (res.headersSent) res.destroy(err as Error);
      else throw err;
    }
  }

  @Get('verify')
  @ApiOperation({
    summary: 'Verify the hash chains',
    description:
      "Recomputes every stream's hash chain (or one stream's, with `stream`) in the database and names the first broken link: stream, version, position and reason (hash_mismatch, version_gap, head_mismatch).",
  })
  @ApiQuery({ name: 'stream', required: false })
  @ApiOkResponse({ type: VerificationResponseDto })
  verify(@Query('stream') stream?: string): Promise<VerificationResponseDto> {
    return this.queries.execute(new VerifyChainsQuery(stream === '' ? undefined : stream));
  }
}
