/**
 * The strategy as an aggregate (issue 7): registered -> running (paper | live) -> stopped, with a
 * versioned configuration, and the facts of each run (signals with their inputs, routed and refused
 * orders, failure, stop with the final snapshot). Pure: the runner lives in src/modules/strategies.
 */
export * from './strategy-lifecycle.events';
export * from './strategy-lifecycle.commands';
export * from './strategy-lifecycle.errors';
export * from './strategy-lifecycle.state';
export { decideStrategy, runOrderPrefix, strategyDecider } from './strategy-lifecycle.decide';
