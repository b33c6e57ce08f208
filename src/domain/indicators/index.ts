/**
 * Technical indicators in float64 (ARCHITECTURE.md §6: signal maths may be binary floats; anything
 * that becomes an order is rounded to tick and lot as a decimal later). Each comes streaming (a class
 * with update() per bar, O(1), NaN until warm) and batch (a function over an array, same numbers).
 */
export { Sma, sma } from './sma.indicator';
export { Ema, ema } from './ema.indicator';
export { Rsi, rsi } from './rsi.indicator';
export { Atr, atr } from './atr.indicator';
export { Bollinger, bollinger, type BollingerSeries, type BollingerValue } from './bollinger.indicator';
export { Macd, macd, type MacdSeries, type MacdValue } from './macd.indicator';
export { InvalidIndicatorPeriodError } from './indicator-period';
