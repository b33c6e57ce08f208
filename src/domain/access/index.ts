export * from './roles';
export * from './api-key-format';
export * from './api-key.events';
export * from './api-key.commands';
export * from './api-key.state';
export * from './api-key.decide';
export * from './access.errors';
export * from './rate-window';
