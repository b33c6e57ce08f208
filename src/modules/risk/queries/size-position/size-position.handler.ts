import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InvalidRiskInputError, sizePosition, type RiskFieldViolation } from '../../../../domain/risk';
import { Dec, isDecimalString, toWire } from '../../../../domain/shared/decimal';
import { AccountDirectory, MarketInfo, PositionsReader } from '../../../accounts';
import { totalEquity } from '../../pre-trade/account-equity';
import { SizePositionQuery } from './size-position.query';
import type { SizePositionResponseDto } from './size-position.response.dto';

@QueryHandler(SizePositionQuery)
export class SizePositionHandler implements IQueryHandler<SizePositionQuery> {
  constructor(
    private readonly accounts: AccountDirectory,
    private readonly positions: PositionsReader,
    private readonly markets: MarketInfo,
  ) {}

  async execute({ accountId, request: r }: SizePositionQuery): Promise<SizePositionResponseDto> {
    const account = await this.accounts.get(accountId);
    const bad: RiskFieldViolation[] = (['riskPct', 'entryPrice', 'stopPrice', 'equity'] as const)
      .filter((f) => r[f] !== undefined && !isDecimalString(r[f]))
      .map((f) => ({ field: f, message: `${JSON.stringify(r[f])} is not a decimal string` }));
    if (bad.length > 0) throw new InvalidRiskInputError(bad);
    const instrument = await this.markets.instrument(account.exchange, r.symbol);
    const equity =
      r.equity !== undefined ? new Dec(r.equity) : totalEquity(await this.positions.balances(accountId));
    const sized = sizePosition({
      equity,
      riskPct: new Dec(r.riskPct),
      entryPrice: new Dec(r.entryPrice),
      stopPrice: new Dec(r.stopPrice),
      instrument,
    });
    return {
      quantity: toWire(sized.quantity),
      riskAmount: toWire(sized.riskAmount),
      stopDistance: toWire(sized.stopDistance),
      riskAtStop: toWire(sized.riskAtStop),
      equity: toWire(equity),
      lotSize: toWire(instrument.lotSize),
    };
  }
}
