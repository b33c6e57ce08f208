import { Injectable } from '@nestjs/common';
import { Access, roleMayAccess } from '../../../domain/access';
import { latestValueStream } from '../../../infrastructure/messaging/latest-value-stream';
import type { AuthenticatedKey } from '../../auth';
import type { ParsedTopic, TopicParseResult, TopicSource } from '../../realtime';
import type { WarmupUpdate } from './warmup';
import { WarmupProgressFeed } from './warmup-progress.feed';

const WARMUP_TOPIC = /^warmup:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export interface WarmupTopicParams {
  id: string;
}

/**
 * `warmup:{id}` on the realtime stream: the warmup's progress (status, percent, ETA, symbols
 * remaining, failures), the latest state as the snapshot, then each change. Served by the instance
 * running the warmup (warmups are held in its memory: docs/market-data.md).
 */
@Injectable()
export class WarmupTopicSource implements TopicSource<WarmupTopicParams, WarmupUpdate> {
  readonly conflation = 'latest' as const;

  constructor(private readonly feed: WarmupProgressFeed) {}

  parse(topic: string): TopicParseResult<WarmupTopicParams> {
    const match = WARMUP_TOPIC.exec(topic);
    if (match === null) {
      return {
        ok: false,
        error: { code: 'INVALID_TOPIC', message: 'A warmup topic reads warmup:{id}', details: { topic } },
      };
    }
    const id = (match[1] as string).toLowerCase();
    if (this.feed.latest(id) === undefined) {
      return {
        ok: false,
        error: { code: 'WARMUP_NOT_FOUND', message: `No warmup ${id} on this instance`, details: { id } },
      };
    }
    return { ok: true, topic: { topic: `warmup:${id}`, params: { id } } };
  }

  authorize(_topic: ParsedTopic<WarmupTopicParams>, key: AuthenticatedKey): boolean {
    return roleMayAccess(key.role, Access.read);
  }

  snapshot(topic: ParsedTopic<WarmupTopicParams>): Promise<WarmupUpdate | undefined> {
    return Promise.resolve(this.feed.latest(topic.params.id));
  }

  /**
   * The warmup's changes. Once it has finished the iterable stays open without yielding, until the
   * topic manager closes it: subscribers keep the topic (and its final state as the snapshot for
   * late ones) as long as they hold it.
   */
  open(topic: ParsedTopic<WarmupTopicParams>): AsyncIterable<WarmupUpdate> {
    return latestValueStream((onValue) => {
      const subscription = this.feed.updates(topic.params.id).subscribe({ next: onValue });
      return () => subscription.unsubscribe();
    });
  }
}
