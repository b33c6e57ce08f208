import type { Logger } from 'pino';
import type { StrategyFeed } from '../../../domain/strategy';
import { LeaderFillsFeed } from './leader-fills.feed';
import { LeaderPositionsPoll } from './leader-positions.poll';

export interface LeaderSources {
  readonly wsUrl: string;
  readonly restUrl: string;
  readonly positionsEveryMs: number;
}

/**
 * copy-trader's inputs: the leader's fills (websocket) and, for the drift check, its positions
 * (polled). Returns what closes them.
 */
export function followLeader(
  leader: string,
  sources: LeaderSources,
  now: () => number,
  toSession: (feed: StrategyFeed) => void,
  log: { logger: Logger; strategyId: string },
): (() => void)[] {
  const warn = (what: string) => (error: unknown) =>
    log.logger.warn({ strategyId: log.strategyId, err: error }, what);
  const fills = new LeaderFillsFeed(sources.wsUrl, leader, toSession, warn('leader fills feed error'));
  const positions = new LeaderPositionsPoll(
    sources.restUrl,
    leader,
    sources.positionsEveryMs,
    now,
    toSession,
    warn('leader positions read failed'),
  );
  fills.open();
  positions.open();
  return [() => fills.close(), () => positions.close()];
}
