import { Injectable } from '@nestjs/common';
import { WarmupNotFoundError } from '../../../domain/market-data';
import type { Warmup } from './warmup';
import { WarmupProgressFeed } from './warmup-progress.feed';

const MAX_HELD = 500;

/** The warmups of this instance, the oldest finished (or dry-run) ones forgotten past MAX_HELD. */
@Injectable()
export class WarmupRegistry {
  private readonly warmups = new Map<string, Warmup>();

  constructor(private readonly feed: WarmupProgressFeed) {}

  add(warmup: Warmup): void {
    this.warmups.set(warmup.id, warmup);
    if (this.warmups.size <= MAX_HELD) return;
    for (const [id, w] of this.warmups) {
      if (this.warmups.size <= MAX_HELD) break;
      if (w.status === 'done' || w.status === 'failed' || w.dryRun) {
        this.warmups.delete(id);
        this.feed.forget(id);
      }
    }
  }

  get(id: string): Warmup {
    const warmup = this.warmups.get(id);
    if (warmup === undefined) throw new WarmupNotFoundError(`no warmup ${id}`, { id });
    return warmup;
  }
}
