import type { Discrepancy } from '../../../domain/accounts';
import { Dec, toWire } from '../../../domain/shared/decimal';
import type { TradingSession } from '../../../infrastructure/exchanges/exchange-adapter.port';
import type { VenuePosition } from '../../../infrastructure/exchanges/trading.types';
import { settleCurrencyOf, type LedgerBalance } from '../../accounts';

/** Balances are compared to this many decimal places (venues round money). */
const MONEY_DP = 8;
const READ_ATTEMPTS = 3;

/** Our ledger wallet per currency against the venue's: a balance_mismatch for each that differs. */
export async function compareBalances(
  ledger: readonly LedgerBalance[],
  session: TradingSession,
): Promise<Discrepancy[]> {
  const discrepancies: Discrepancy[] = [];
  const venue = await venueWallets(session);
  for (const b of ledger) {
    const v = venue.wallets.get(b.currency);
    if (v === undefined) {
      discrepancies.push({
        kind: 'balance_mismatch',
        subject: b.currency,
        ours: b.wallet,
        venue: null,
        message: 'no such balance at the venue',
      });
      continue;
    }
    const ours = new Dec(b.wallet).toDecimalPlaces(MONEY_DP);
    if (
      v
        .minus(ours)
        .abs()
        .gt(venue.tolerance.get(b.currency) ?? 0)
    )
      discrepancies.push({
        kind: 'balance_mismatch',
        subject: b.currency,
        ours: toWire(ours),
        venue: toWire(v),
        message: 'wallet balances differ',
      });
  }
  return discrepancies;
}

function unrealizedBy(positions: readonly VenuePosition[]): Map<string, Dec> {
  const sums = new Map<string, Dec>();
  for (const p of positions) {
    const c = settleCurrencyOf(p.symbol);
    sums.set(c, (sums.get(c) ?? new Dec(0)).plus(p.unrealizedPnl));
  }
  return sums;
}

/**
 * The venue's wallet per currency: its total (equity at its mark) minus its positions' unrealized
 * PnL. Balances and positions are two calls, and the mark may move between them: positions are read
 * before and after the balances until both reads agree; if they never do, the drift seen is the tolerance.
 */
async function venueWallets(
  session: TradingSession,
): Promise<{ wallets: Map<string, Dec>; tolerance: Map<string, Dec> }> {
  for (let attempt = 1; ; attempt++) {
    const before = unrealizedBy(await session.fetchPositions());
    const balances = await session.fetchBalances();
    const after = unrealizedBy(await session.fetchPositions());
    const currencies = new Set([...before.keys(), ...after.keys()]);
    const drift = new Map(
      [...currencies].map(
        (c) => [c, (before.get(c) ?? new Dec(0)).minus(after.get(c) ?? new Dec(0)).abs()] as const,
      ),
    );
    if ([...drift.values()].every((d) => d.isZero()) || attempt >= READ_ATTEMPTS) {
      const wallets = new Map(
        balances.map(
          (b) =>
            [
              b.currency,
              new Dec(b.total).minus(after.get(b.currency) ?? new Dec(0)).toDecimalPlaces(MONEY_DP),
            ] as const,
        ),
      );
      return { wallets, tolerance: drift };
    }
  }
}
