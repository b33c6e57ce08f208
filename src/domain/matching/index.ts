// The matching engine's public surface: the sim venue, paper trading and the backtester share it.
export { MatchingEngine } from './matching-engine';
export { InvalidInstrumentError } from './instrument-spec';
export type * from './matching.types';
