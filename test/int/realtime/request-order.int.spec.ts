import { TopicManager } from '../../../src/modules/realtime';
import { startApp, type RunningApp } from '../../support/app-harness';
import { connectProbe } from './stream-client.harness';
import { TickingTopicsModule } from './ticking-topics.module';

describe('realtime gateway: the requests of one socket', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp({ env: { STREAM_UPSTREAM_GRACE_MS: '0' }, imports: [TickingTopicsModule] });
  });
  afterAll(async () => {
    await running.close();
  });

  it('are applied in the order sent: subscribe then unsubscribe leaves the topic unsubscribed', async () => {
    const topic = 'slow-parse:order';
    const probe = await connectProbe(running);
    // The subscribe's topic check is slow, the unsubscribe's is not: sent back to back, an unsubscribe
    // answered before the subscribe would find nothing to leave, and the subscription would stay.
    TickingTopicsModule.slowParse.parseDelaysMs.push(300, 0);
    const [subscribed, unsubscribed] = await Promise.all([
      probe.subscribe([topic]),
      probe.unsubscribe([topic]),
    ]);
    expect(subscribed).toEqual({ accepted: [topic], errors: {} });
    expect(unsubscribed).toEqual({ accepted: [topic], errors: {} });
    const manager = running.app.get(TopicManager);
    expect(manager.subscriberCount(topic)).toBe(0);
    expect(manager.activeTopics()).not.toContain(topic);
    probe.close();
  });
});
