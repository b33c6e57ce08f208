import { Injectable } from '@nestjs/common';
import { roleMayAccess } from '../../domain/access';
import type { AuthenticatedKey } from '../auth';
import type { ParsedTopic, TopicParseResult, TopicSource } from '../realtime';
import { StrategyRuntime } from './runtime/strategy-runtime';
import { StrategyUpdates } from './runtime/strategy-updates';
import { StrategyJournal } from './strategy-journal';

interface StrategyTopic {
  strategyId: string;
}

const READERS = ['trader', 'viewer'] as const;

/**
 * `strategy:{id}`: on subscribe the strategy's status and runtime table, then every signal (with
 * its inputs), refusal, state change and, while running, the runtime table once a second.
 */
@Injectable()
export class StrategyTopicSource implements TopicSource<StrategyTopic, unknown> {
  readonly conflation = 'sequence' as const;

  constructor(
    private readonly journal: StrategyJournal,
    private readonly runtime: StrategyRuntime,
    private readonly updates: StrategyUpdates,
  ) {}

  async parse(raw: string): Promise<TopicParseResult<StrategyTopic>> {
    const strategyId = /^strategy:([A-Za-z0-9_-]{1,64})$/.exec(raw)?.[1];
    if (strategyId === undefined)
      return { ok: false, error: { code: 'INVALID_TOPIC', message: 'expected strategy:{strategyId}' } };
    if (!(await this.journal.exists(strategyId)))
      return {
        ok: false,
        error: { code: 'STRATEGY_NOT_FOUND', message: `no strategy ${strategyId}`, details: { strategyId } },
      };
    return { ok: true, topic: { topic: `strategy:${strategyId}`, params: { strategyId } } };
  }

  authorize(_topic: ParsedTopic<StrategyTopic>, key: AuthenticatedKey): boolean {
    return roleMayAccess(key.role, READERS);
  }

  async snapshot(topic: ParsedTopic<StrategyTopic>): Promise<unknown> {
    const state = await this.journal.load(topic.params.strategyId);
    const live = this.runtime.snapshot(topic.params.strategyId);
    return {
      kind: 'snapshot',
      strategyId: state.strategyId,
      status: state.status,
      run: state.run,
      mode: state.mode,
      table: live?.table ?? null,
    };
  }

  open(topic: ParsedTopic<StrategyTopic>): AsyncIterable<unknown> {
    return this.updates.stream(topic.params.strategyId);
  }
}
