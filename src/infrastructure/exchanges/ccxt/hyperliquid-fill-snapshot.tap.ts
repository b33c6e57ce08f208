import { isRecord, type MessageTap } from './message-tap';
import type { TapVerdict } from './venue-profile';

/**
 * Hyperliquid replays recent fills as `{"channel":"userFills","data":{"isSnapshot":true,...}}` on
 * every (re)subscription; ccxt passes them through as new trades. They are history, not news: the
 * adapter drops them here, and reconciliation reads missed fills over REST (fetchFills).
 * Source: hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket/subscriptions.
 */
export class HyperliquidFillSnapshotTap implements MessageTap {
  skipped = 0;

  inspect(_client: unknown, message: unknown): TapVerdict {
    if (!isRecord(message) || message.channel !== 'userFills' || !isRecord(message.data)) return 'pass';
    if (message.data.isSnapshot !== true) return 'pass';
    this.skipped += 1;
    return 'drop';
  }
}
