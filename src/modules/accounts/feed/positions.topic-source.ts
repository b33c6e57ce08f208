import { Injectable } from '@nestjs/common';
import { roleMayAccess } from '../../../domain/access';
import type { AuthenticatedKey } from '../../auth';
import type { ParsedTopic, TopicParseResult, TopicSource } from '../../realtime';
import { AccountDirectory } from '../account-directory';
import { PositionsReader } from '../positions.reader';
import { TradingFeed, type TradingTopic } from './trading-feed';

interface AccountTopic {
  accountId: string;
}

/** Who may watch an account's orders and positions: the roles that may read them over REST. */
const READERS = ['trader', 'viewer'] as const;

/** `orders:{accountId}` and `positions:{accountId}`: every change, in order, as the projections commit it. */
export function accountTopicSource<T extends TradingTopic>(
  topic: T,
  feed: TradingFeed,
  accounts: AccountDirectory,
  snapshot: (accountId: string) => Promise<unknown>,
): TopicSource<AccountTopic, unknown> {
  return {
    conflation: 'sequence',
    async parse(raw: string): Promise<TopicParseResult<AccountTopic>> {
      const match = new RegExp(`^${topic}:([A-Za-z0-9_-]{1,64})$`).exec(raw);
      const accountId = match?.[1];
      if (accountId === undefined)
        return { ok: false, error: { code: 'INVALID_TOPIC', message: `expected ${topic}:{accountId}` } };
      if ((await accounts.find(accountId)) === undefined)
        return {
          ok: false,
          error: { code: 'UNKNOWN_ACCOUNT', message: `no account ${accountId}`, details: { accountId } },
        };
      return { ok: true, topic: { topic: `${topic}:${accountId}`, params: { accountId } } };
    },
    authorize: (_topic: ParsedTopic<AccountTopic>, key: AuthenticatedKey) => roleMayAccess(key.role, READERS),
    snapshot: (t: ParsedTopic<AccountTopic>) => snapshot(t.params.accountId),
    open: (t: ParsedTopic<AccountTopic>) => feed.stream(topic, t.params.accountId),
  };
}

@Injectable()
export class PositionsTopicSource {
  readonly source: TopicSource<AccountTopic, unknown>;

  constructor(feed: TradingFeed, accounts: AccountDirectory, positions: PositionsReader) {
    this.source = accountTopicSource('positions', feed, accounts, (accountId) => positions.views(accountId));
  }
}
