import { Injectable } from '@nestjs/common';
import { API_KEY_STREAM_PREFIX, evolveApiKey, initialApiKeyState } from '../../domain/access';
import { replayerFor, replayerFromEvolve, type StreamReplayer } from '../../domain/audit';

/**
 * Where each context registers how its streams fold into state (a decider's evolve), so that the
 * audit API can show a stream's state at any version or time. Streams without a replayer are shown
 * as events only.
 */
@Injectable()
export class StreamReplayerRegistry {
  private readonly replayers: StreamReplayer[] = [];

  constructor() {
    // Auth sits below audit (audit uses its guard), so audit registers the key replayer itself
    // from the pure domain decider rather than auth importing audit.
    this.register(replayerFromEvolve('api-key', API_KEY_STREAM_PREFIX, initialApiKeyState, evolveApiKey));
  }

  register(replayer: StreamReplayer): void {
    if (this.replayers.some((r) => r.streamPrefix === replayer.streamPrefix)) {
      throw new Error(`A replayer for stream prefix ${replayer.streamPrefix} is registered already`);
    }
    this.replayers.push(replayer);
  }

  for(streamId: string): StreamReplayer | undefined {
    return replayerFor(this.replayers, streamId);
  }
}
