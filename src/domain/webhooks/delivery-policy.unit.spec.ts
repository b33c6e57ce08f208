import fc from 'fast-check';
import { deciderSpec } from '../shared/testing/decider-spec';
import { afterFailure, isDelivered, retryDelayMs } from './delivery-policy';
import { webhookDecider } from './webhook.decide';
import { WebhookNotFoundError } from './webhook.errors';
import type { WebhookRegistered } from './webhook.events';
import { isFreshTimestamp, signedPayload, subscribesTo } from './webhook-signature';

const policy = { baseMs: 1_000, maxMs: 60_000 };

describe('webhook retries', () => {
  it('doubles the step per attempt, with half of it jittered', () => {
    // attempt 1: step 1000 -> 500 + 500 * random
    expect(retryDelayMs(1, policy, 0)).toBe(500);
    expect(retryDelayMs(1, policy, 0.999)).toBe(1000);
    // attempt 4: step 8000 -> 4000 .. 8000
    expect(retryDelayMs(4, policy, 0.5)).toBe(6000);
    // attempt 20: capped at maxMs
    expect(retryDelayMs(20, policy, 0)).toBe(30_000);
  });

  it('stays within [step / 2, step] for any attempt and draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 0.9999, noNaN: true }),
        (attempt, random) => {
          const step = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
          const delay = retryDelayMs(attempt, policy, random);
          return delay >= step / 2 && delay <= step;
        },
      ),
    );
  });

  it('dead-letters at the last attempt', () => {
    expect(afterFailure(3, 4, policy, 0)).toEqual({ status: 'pending', retryInMs: 2000 });
    expect(afterFailure(4, 4, policy, 0)).toEqual({ status: 'dead' });
    expect([
      isDelivered(200),
      isDelivered(204),
      isDelivered(302),
      isDelivered(500),
      isDelivered(null),
    ]).toEqual([true, true, false, false, false]);
  });

  it('signs the timestamp with the body and matches subscriptions', () => {
    expect(signedPayload(1700000000, '{"a":1}')).toBe('1700000000.{"a":1}');
    expect(isFreshTimestamp(1000, 1200)).toBe(true);
    expect(isFreshTimestamp(1000, 1400)).toBe(false);
    expect(subscribesTo(['*'], 'X')).toBe(true);
    expect(subscribesTo(['A', 'B'], 'B')).toBe(true);
    expect(subscribesTo(['A'], 'B')).toBe(false);
  });
});

describe('the webhook decider', () => {
  const registered: WebhookRegistered = {
    type: 'WebhookRegistered',
    webhookId: 'wh_1',
    url: 'https://x',
    eventTypes: ['*'],
    registeredAt: 't0',
  };
  const spec = deciderSpec(webhookDecider);

  it('registers, removes, and refuses to act on a removed endpoint', () => {
    spec
      .given([])
      .when({ type: 'RegisterWebhook', webhookId: 'wh_1', url: 'https://x', eventTypes: ['*'], now: 't0' })
      .then([{ ...registered, eventTypes: ['*'] }]);
    spec
      .given([registered])
      .when({ type: 'RemoveWebhook', webhookId: 'wh_1', now: 't1' })
      .then([{ type: 'WebhookRemoved', webhookId: 'wh_1', removedAt: 't1' }]);
    spec
      .given([registered, { type: 'WebhookRemoved', webhookId: 'wh_1', removedAt: 't1' }])
      .when({ type: 'RequestRedelivery', webhookId: 'wh_1', deliveryId: 'd', now: 't2' })
      .thenThrows(WebhookNotFoundError);
  });
});
