import { EventEmitter } from 'node:events';

/**
 * In-process wake-up: after a local append commits, subscriptions in this process read at once
 * instead of waiting for their poll. Appends from other processes are found by the poll.
 * (No NOTIFY inside the append transaction: it would serialise all commits.)
 */
export class AppendNotifier {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  notify(): void {
    this.emitter.emit('appended');
  }

  onAppend(listener: () => void): () => void {
    this.emitter.on('appended', listener);
    return () => this.emitter.off('appended', listener);
  }
}
