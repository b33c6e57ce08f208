import { streamGaps, streamMessagesSent, streamSlowClients } from './realtime.metrics';
import type { StreamClient } from './stream-client';
import { StreamEvents, type GapNotice } from './stream-messages';

const CATCH_UP_CHECK_MS = 20;

/**
 * The sockets that fell behind. Each is checked every 20 ms until its write buffer has drained;
 * then it is sent what it missed (the newest update of latest-value topics, a `gap` notice for
 * sequence topics) and rejoins its rooms, in one synchronous step so no update slips in between.
 */
export class LaggingClients {
  private readonly clients = new Set<StreamClient>();
  private timer: NodeJS.Timeout | undefined;

  /** `liveKind(client, topic)`: the topic's kind when the client holds it live (past its snapshot). */
  constructor(private readonly liveKind: (client: StreamClient, topic: string) => string | undefined) {}

  add(client: StreamClient): void {
    client.startLagging(Date.now());
    this.clients.add(client);
    streamSlowClients.inc();
    this.timer ??= setInterval(() => this.resumeCaughtUp(), CATCH_UP_CHECK_MS);
  }

  delete(client: StreamClient): void {
    this.clients.delete(client);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.clients.clear();
  }

  private resumeCaughtUp(): void {
    for (const client of this.clients) {
      if (client.socket.disconnected) {
        this.clients.delete(client);
      } else if (client.caughtUp()) {
        this.clients.delete(client);
        this.resume(client);
      }
    }
    if (this.clients.size === 0) this.stop();
  }

  private resume(client: StreamClient): void {
    const missedByTopic = client.stopLagging();
    for (const topic of client.topics) {
      const kind = this.liveKind(client, topic);
      if (kind === undefined) continue; // still waiting for its snapshot: it joins when that is sent
      const missed = missedByTopic.get(topic);
      if (missed?.latest !== undefined) {
        client.socket.emit(StreamEvents.update, missed.latest);
        streamMessagesSent.inc({ kind });
      } else if (missed !== undefined && missed.missed > 0) {
        const gap: GapNotice = {
          topic,
          reason: 'slow_consumer',
          missed: missed.missed,
          fromSeq: missed.fromSeq,
          toSeq: missed.toSeq,
        };
        client.socket.emit(StreamEvents.gap, gap);
        streamGaps.inc({ kind });
      }
      void client.socket.join(topic);
    }
  }
}
