import { Injectable } from '@nestjs/common';
import { Observable, ReplaySubject } from 'rxjs';
import { WarmupNotFoundError } from '../../../domain/market-data';
import type { WarmupUpdate } from './warmup';

/**
 * In-process progress of warmups. `updates(id)` replays the latest state to a late subscriber, then
 * each change, and completes when the warmup is done or failed.
 */
@Injectable()
export class WarmupProgressFeed {
  private readonly byId = new Map<string, ReplaySubject<WarmupUpdate>>();
  private readonly latestById = new Map<string, WarmupUpdate>();

  updates(id: string): Observable<WarmupUpdate> {
    const subject = this.byId.get(id);
    if (subject === undefined) throw new WarmupNotFoundError(`no warmup ${id}`, { id });
    return subject.asObservable();
  }

  /** The latest state of a warmup held here, or undefined. */
  latest(id: string): WarmupUpdate | undefined {
    return this.latestById.get(id);
  }

  /** Called by the warmup service only. */
  publish(update: WarmupUpdate): void {
    let subject = this.byId.get(update.id);
    if (subject === undefined) {
      subject = new ReplaySubject<WarmupUpdate>(1);
      this.byId.set(update.id, subject);
    }
    this.latestById.set(update.id, update);
    subject.next(update);
    if (update.status === 'done' || update.status === 'failed') subject.complete();
  }

  /** Called when the warmup is no longer held. */
  forget(id: string): void {
    this.byId.delete(id);
    this.latestById.delete(id);
  }
}
