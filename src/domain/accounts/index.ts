/**
 * The account aggregate (issue 5): one venue account per stream `account-<id>`. Opening it, the
 * funding the venue pays or charges (once per funding id), and each reconciliation's result.
 * Risk state lives on its own stream (src/domain/risk), orders on theirs (src/domain/orders).
 */
export * from './account.events';
export * from './account.commands';
export * from './account.errors';
export * from './account.state';
export * from './account.decide';
