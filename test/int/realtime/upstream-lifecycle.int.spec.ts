import { TopicManager } from '../../../src/modules/realtime';
import { startApp, type RunningApp } from '../../support/app-harness';
import { connectProbe, sequenceOf, waitFor } from './stream-client.harness';
import { TickingTopicsModule } from './ticking-topics.module';

describe('realtime upstream lifecycle', () => {
  let running: RunningApp;
  let manager: TopicManager;
  const source = TickingTopicsModule.finite;

  beforeAll(async () => {
    running = await startApp({ env: { STREAM_UPSTREAM_GRACE_MS: '100' }, imports: [TickingTopicsModule] });
    manager = running.app.get(TopicManager);
  });
  afterAll(async () => {
    await running.close();
  });

  it('reopens an upstream that fails, tells sequence subscribers with an upstream gap, and keeps counting', async () => {
    const topic = 'finite:3:fail';
    const probe = await connectProbe(running);
    const openedBefore = source.opened;
    expect((await probe.subscribe([topic])).accepted).toEqual([topic]);
    const gap = await waitFor(
      () => probe.received.find((r) => r.event === 'gap')?.payload,
      10_000,
      'an upstream gap',
    );
    expect(gap).toEqual({ topic, reason: 'upstream', missed: null, fromSeq: null, toSeq: null, afterSeq: 3 });
    expect(source.discontinuities).toBeGreaterThanOrEqual(1);
    // Reopened after the backoff: the seq continues where the broken upstream stopped.
    await waitFor(
      () => sequenceOf(probe, topic).some(([, seq]) => seq >= 5),
      10_000,
      'updates after the reopen',
    );
    expect(source.opened - openedBefore).toBeGreaterThanOrEqual(2);
    const updates = sequenceOf(probe, topic).map(([, seq]) => seq);
    expect(updates).toEqual(updates.map((_, i) => (updates[0] ?? 0) + i));
    probe.close();
    await waitFor(() => !manager.activeTopics().includes(topic), 5_000, 'the upstream to close');
  });

  it('keeps the subscribers of an upstream that ended, without reopening it, until they leave', async () => {
    const topic = 'finite:2:end';
    const probe = await connectProbe(running);
    const openedBefore = source.opened;
    await probe.subscribe([topic]);
    await waitFor(() => sequenceOf(probe, topic).length === 2, 5_000, 'both updates');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(source.opened - openedBefore).toBe(1);
    expect(sequenceOf(probe, topic)).toEqual([
      ['update', 1],
      ['update', 2],
    ]);
    expect(manager.subscriberCount(topic)).toBe(1);
    probe.close();
    await waitFor(() => !manager.activeTopics().includes(topic), 5_000, 'the upstream to close');
  });

  it('reports a failed snapshot with a stream_error, then sends the updates', async () => {
    const topic = 'broken-snapshot:x';
    const probe = await connectProbe(running);
    expect((await probe.subscribe([topic])).accepted).toEqual([topic]);
    await waitFor(() => sequenceOf(probe, topic).length >= 3, 5_000, 'updates');
    const error = probe.received.find((r) => r.event === 'stream_error')?.payload as unknown as {
      topic: string;
      error: { code: string };
    };
    expect(error).toMatchObject({ topic, error: { code: 'SNAPSHOT_FAILED' } });
    const errorAt = probe.received.findIndex((r) => r.event === 'stream_error');
    const firstUpdateAt = probe.received.findIndex((r) => r.event === 'update');
    expect(errorAt).toBeLessThan(firstUpdateAt);
    expect(sequenceOf(probe, topic).every(([event]) => event === 'update')).toBe(true);
    probe.close();
  });

  it('does not run a second upstream while the closed one is still being released (resubscribe after the grace)', async () => {
    const topic = 'quiet:resubscribe';
    const quiet = TickingTopicsModule.quiet;
    const probe = await connectProbe(running);
    await probe.subscribe([topic]);
    await waitFor(() => quiet.live === 1, 5_000, 'the upstream to open');
    await probe.unsubscribe([topic]);
    await waitFor(() => !manager.activeTopics().includes(topic), 5_000, 'the grace close');
    // Its generator is still waiting for a message: return() runs only after the next one.
    expect(quiet.live).toBe(1);

    const openedBefore = quiet.opened;
    await probe.subscribe([topic]);
    // Time for a wrong implementation to start a second generator beside the old one (maxLive 2).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(quiet.opened).toBe(openedBefore); // not reopened while the old one is being released
    quiet.emit(); // the old generator finishes (releasing the venue subscription) ...
    // ... then the new one opens and waits for a message (only a waiting generator hears an emit).
    await waitFor(
      () => quiet.opened === openedBefore + 1 && quiet.live === 1 && quiet.waiting === 1,
      5_000,
      'the new upstream to open and wait',
    );
    quiet.emit(); // ... and the new one serves the subscriber
    await waitFor(() => sequenceOf(probe, topic).length > 0, 5_000, 'an update from the new upstream');
    expect(quiet.maxLive).toBe(1);
    probe.close();
    await waitFor(() => !manager.activeTopics().includes(topic), 5_000, 'the upstream to close');
  });

  it('releases an upstream iterator that failed before reopening it (no listener left behind)', async () => {
    const topic = 'flaky:x';
    const flaky = TickingTopicsModule.flaky;
    const probe = await connectProbe(running);
    await probe.subscribe([topic]);
    await waitFor(() => flaky.opened >= 2, 10_000, 'the reopen after the failure');
    await waitFor(() => sequenceOf(probe, topic).length >= 2, 5_000, 'updates after the reopen');
    expect(flaky.listening).toBe(1);
    probe.close();
    await waitFor(() => !manager.activeTopics().includes(topic), 5_000, 'the upstream to close');
    await waitFor(() => flaky.listening === 0, 5_000, 'every listener released');
  });
});
