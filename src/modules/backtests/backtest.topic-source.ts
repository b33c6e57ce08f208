import { Injectable } from '@nestjs/common';
import { Access, roleMayAccess } from '../../domain/access';
import { latestValueStream } from '../../infrastructure/messaging/latest-value-stream';
import type { AuthenticatedKey } from '../auth';
import type { ParsedTopic, TopicParseResult, TopicSource } from '../realtime';
import { BacktestProgressFeed, type BacktestProgress } from './runner/backtest-progress.feed';

const BACKTEST_TOPIC = /^backtest:((?:bt|sw)_[0-9a-f-]{36})$/i;

export interface BacktestTopicParams {
  readonly id: string;
}

/**
 * `backtest:{id}` on the realtime stream: the run's progress (stage, percent, bars or sweep cells
 * done, then the hash or the error), the latest state as the snapshot, then each change. Served by
 * the instance running the backtest.
 */
@Injectable()
export class BacktestTopicSource implements TopicSource<BacktestTopicParams, BacktestProgress> {
  readonly conflation = 'latest' as const;

  constructor(private readonly feed: BacktestProgressFeed) {}

  parse(topic: string): TopicParseResult<BacktestTopicParams> {
    const match = BACKTEST_TOPIC.exec(topic);
    if (match === null) {
      return {
        ok: false,
        error: { code: 'INVALID_TOPIC', message: 'A backtest topic reads backtest:{id}', details: { topic } },
      };
    }
    const id = (match[1] as string).toLowerCase();
    if (this.feed.latest(id) === undefined) {
      return {
        ok: false,
        error: { code: 'BACKTEST_NOT_FOUND', message: `No backtest ${id} on this instance`, details: { id } },
      };
    }
    return { ok: true, topic: { topic: `backtest:${id}`, params: { id } } };
  }

  authorize(_topic: ParsedTopic<BacktestTopicParams>, key: AuthenticatedKey): boolean {
    return roleMayAccess(key.role, Access.read);
  }

  snapshot(topic: ParsedTopic<BacktestTopicParams>): Promise<BacktestProgress | undefined> {
    return Promise.resolve(this.feed.latest(topic.params.id));
  }

  /** The run's changes; after the last one the iterable stays open, quiet, until the manager closes it. */
  open(topic: ParsedTopic<BacktestTopicParams>): AsyncIterable<BacktestProgress> {
    return latestValueStream((onValue) => this.feed.listen(topic.params.id, onValue));
  }
}
