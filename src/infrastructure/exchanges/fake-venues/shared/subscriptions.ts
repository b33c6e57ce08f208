import { WebSocket } from 'ws';

/** Which topics each websocket subscribed to. Topic names are the venue's own. */
export class Subscriptions {
  private readonly bySocket = new Map<WebSocket, Set<string>>();

  add(socket: WebSocket, topic: string): void {
    const topics = this.bySocket.get(socket) ?? new Set<string>();
    topics.add(topic);
    this.bySocket.set(socket, topics);
  }

  remove(socket: WebSocket, topic: string): void {
    this.bySocket.get(socket)?.delete(topic);
  }

  forget(socket: WebSocket): void {
    this.bySocket.delete(socket);
  }

  topicsOf(socket: WebSocket): string[] {
    return [...(this.bySocket.get(socket) ?? [])];
  }

  /** Sockets subscribed to `topic`. */
  subscribers(topic: string): WebSocket[] {
    return [...this.bySocket.entries()].filter(([, topics]) => topics.has(topic)).map(([socket]) => socket);
  }

  /** Every (socket, topic) pair whose topic passes `match`. */
  matching(match: (topic: string) => boolean): Array<[WebSocket, string]> {
    const pairs: Array<[WebSocket, string]> = [];
    for (const [socket, topics] of this.bySocket) {
      for (const topic of topics) if (match(topic)) pairs.push([socket, topic]);
    }
    return pairs;
  }

  get count(): number {
    let total = 0;
    for (const topics of this.bySocket.values()) total += topics.size;
    return total;
  }
}
