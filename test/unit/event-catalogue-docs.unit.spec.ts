import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiKeyEvent } from '../../src/domain/access';
import type { WebhookEvent } from '../../src/domain/webhooks';
import type { AccountEvent } from '../../src/domain/accounts';
import type { OrderEvent } from '../../src/domain/orders';
import type { AccountRiskEvent } from '../../src/domain/risk';
import type { StrategyLifecycleEvent } from '../../src/domain/strategy/lifecycle';
import { EVENT_CATALOGUE } from '../../src/domain/audit';

// Compile-time: the catalogue names exactly the types of each context's event union.
type Catalogued =
  | 'ApiKeyCreated'
  | 'ApiKeyRevoked'
  | 'WebhookRegistered'
  | 'WebhookRemoved'
  | 'WebhookRedeliveryRequested'
  | OrderEvent['type']
  | AccountEvent['type']
  | AccountRiskEvent['type']
  | StrategyLifecycleEvent['type'];
const exhaustive: Record<
  | ApiKeyEvent['type']
  | WebhookEvent['type']
  | OrderEvent['type']
  | AccountEvent['type']
  | AccountRiskEvent['type']
  | StrategyLifecycleEvent['type'],
  true
> = {
  ApiKeyCreated: true,
  ApiKeyRevoked: true,
  WebhookRegistered: true,
  WebhookRemoved: true,
  WebhookRedeliveryRequested: true,
  OrderPlaced: true,
  OrderAccepted: true,
  OrderRejected: true,
  OrderWorking: true,
  OrderPartiallyFilled: true,
  OrderFilled: true,
  OrderAmendRequested: true,
  OrderAmended: true,
  OrderAmendRejected: true,
  OrderCancelRequested: true,
  OrderCancelled: true,
  OrderExpired: true,
  BracketArmed: true,
  BracketResized: true,
  BracketLegTriggered: true,
  AccountOpened: true,
  FundingRecorded: true,
  AccountReconciled: true,
  RiskPolicySet: true,
  AccountRiskModeChanged: true,
  KillSwitchTripped: true,
  KillSwitchRearmed: true,
  StrategyRegistered: true,
  StrategyReconfigured: true,
  StrategyStarted: true,
  StrategySignalled: true,
  StrategyOrderRouted: true,
  StrategyOrderRefused: true,
  StrategyFailed: true,
  StrategyStopped: true,
} satisfies Record<Catalogued, true>;

describe('the event catalogue', () => {
  const docs = readFileSync(join(__dirname, '../../docs/audit.md'), 'utf8');

  it('lists every event type of the code base once', () => {
    const types = EVENT_CATALOGUE.map((e) => e.type);
    expect(new Set(types).size).toBe(types.length);
    expect([...types].sort()).toEqual(Object.keys(exhaustive).sort());
  });

  it('is what docs/audit.md documents: each type, its schema version, stream and fields', () => {
    for (const entry of EVENT_CATALOGUE) {
      const section = docs.split(/^### /m).find((s) => s.startsWith(`\`${entry.type}\``));
      expect({ type: entry.type, documented: section !== undefined }).toEqual({
        type: entry.type,
        documented: true,
      });
      expect(section).toContain(`schema version ${entry.schemaVersion}`);
      expect(section).toContain(entry.stream);
      for (const field of entry.fields)
        expect(section).toMatch(new RegExp(`^\\| \`${field.name}\` +\\|`, 'm'));
    }
  });
});
