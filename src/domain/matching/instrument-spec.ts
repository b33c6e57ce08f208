import type { Dec } from '../shared/decimal';
import { MONEY_DP, fromScaled, pow10n, toScaledInt } from './fixed-point';
import type { Instrument, RejectCode } from './matching.types';

/** An instrument with its steps as integers: what the hot path works with. */
export interface InstrumentSpec {
  readonly instrument: Instrument;
  readonly symbol: string;
  readonly tickDp: number;
  readonly tickUnits: number; // tickSize * 10^tickDp
  readonly lotDp: number;
  readonly lotUnits: number;
  readonly minLots: number;
  /** Money units (10^-MONEY_DP) of one tick times one lot: notional = ticks * lots * unitMoney. */
  readonly unitMoney: bigint;
}

export class InvalidInstrumentError extends Error {}

export function compileInstrument(instrument: Instrument): InstrumentSpec {
  const tickDp = instrument.tickSize.decimalPlaces();
  const lotDp = instrument.lotSize.decimalPlaces();
  const tickUnits = toScaledInt(instrument.tickSize, tickDp);
  const lotUnits = toScaledInt(instrument.lotSize, lotDp);
  if (tickUnits === undefined || tickUnits <= 0 || lotUnits === undefined || lotUnits <= 0) {
    throw new InvalidInstrumentError(`${instrument.symbol}: tick and lot sizes must be positive`);
  }
  if (tickDp + lotDp > 16) throw new InvalidInstrumentError(`${instrument.symbol}: steps too fine`);
  const minLots = instrument.minQuantity.div(instrument.lotSize).ceil().toNumber();
  return {
    instrument,
    symbol: instrument.symbol,
    tickDp,
    tickUnits,
    lotDp,
    lotUnits,
    minLots: Math.max(1, minLots),
    unitMoney: BigInt(tickUnits) * BigInt(lotUnits) * pow10n(MONEY_DP - tickDp - lotDp),
  };
}

export type Checked = { ok: true; value: number } | { ok: false; reason: RejectCode; message: string };

export function priceToTicks(spec: InstrumentSpec, price: Dec): Checked {
  if (!price.gt(0))
    return { ok: false, reason: 'INVALID_PRICE', message: `price ${price.toString()} must be positive` };
  const scaled = toScaledInt(price, spec.tickDp);
  if (scaled === undefined || scaled % spec.tickUnits !== 0) {
    return {
      ok: false,
      reason: 'PRICE_OFF_TICK',
      message: `price ${price.toString()} is not a multiple of ${spec.instrument.tickSize.toString()}`,
    };
  }
  return { ok: true, value: scaled / spec.tickUnits };
}

export function quantityToLots(spec: InstrumentSpec, quantity: Dec): Checked {
  const scaled = quantity.gt(0) ? toScaledInt(quantity, spec.lotDp) : 0;
  const belowMinimum =
    scaled === undefined ? quantity.lt(spec.instrument.minQuantity) : scaled < spec.minLots * spec.lotUnits;
  if (belowMinimum) {
    return {
      ok: false,
      reason: 'BELOW_MIN_QUANTITY',
      message: `quantity ${quantity.toString()} is below ${spec.instrument.minQuantity.toString()}`,
    };
  }
  if (scaled === undefined || scaled % spec.lotUnits !== 0) {
    return {
      ok: false,
      reason: 'QUANTITY_OFF_LOT',
      message: `quantity ${quantity.toString()} is not a multiple of ${spec.instrument.lotSize.toString()}`,
    };
  }
  return { ok: true, value: scaled / spec.lotUnits };
}

export function ticksToPrice(spec: InstrumentSpec, ticks: number): Dec {
  return fromScaled(ticks * spec.tickUnits, spec.tickDp);
}

export function lotsToQuantity(spec: InstrumentSpec, lots: number): Dec {
  return fromScaled(lots * spec.lotUnits, spec.lotDp);
}

export function notionalMoney(spec: InstrumentSpec, ticks: number, lots: number): bigint {
  const product = ticks * lots;
  // One BigInt conversion instead of two when the product is still exact as a number.
  if (product <= Number.MAX_SAFE_INTEGER) return BigInt(product) * spec.unitMoney;
  return BigInt(ticks) * BigInt(lots) * spec.unitMoney;
}

/** A price given in Dec (mark, funding) as a float number of ticks: only for comparisons and estimates. */
export function ticksOf(spec: InstrumentSpec, price: Dec): number {
  return price.div(spec.instrument.tickSize).toNumber();
}
