/** Market data, the pure part: request parsing, candle range maths, warmup planning and progress. */
export * from './market-data.errors';
export * from './market-data-request';
export * from './candle-ranges';
export * from './warmup-plan';
export * from './warmup-progress';
