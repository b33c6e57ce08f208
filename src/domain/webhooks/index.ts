export * from './webhook.events';
export * from './webhook.commands';
export * from './webhook.errors';
export * from './webhook.state';
export * from './webhook.decide';
export * from './delivery-policy';
export * from './webhook-signature';
