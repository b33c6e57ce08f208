export type RiskRule =
  | 'account_halted'
  | 'account_reducing'
  | 'allowed_symbols'
  | 'max_order_notional'
  | 'max_position_notional'
  | 'max_gross_exposure'
  | 'max_open_orders'
  | 'max_daily_loss'
  | 'max_drawdown_pct'
  | 'price_band_pct'
  | 'max_orders_per_second';

/** One rule a pre-trade check or the loss monitor found broken: limit and value as decimal strings. */
export interface RiskViolation {
  readonly rule: RiskRule;
  readonly limit: string;
  readonly value: string;
  readonly message: string;
}
