import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { Server, type ServerOptions } from 'socket.io';

type AdapterConstructor = ReturnType<typeof createAdapter>;

/**
 * The socket.io server of every gateway. With REDIS_URL, the @socket.io/redis-adapter joins the
 * instances: a broadcast that is not `.local` reaches the sockets of every instance, and
 * fetchSockets()/serverSideEmit() see the whole cluster. Without it, the in-memory adapter.
 * WebSocket first (no long-polling round trips); polling stays available for clients that need it.
 */
export class SocketIoAdapter extends IoAdapter {
  private constructor(
    app: INestApplicationContext,
    private readonly redisClients: Redis[],
    private readonly redisAdapter: AdapterConstructor | undefined,
    private readonly serve: boolean,
  ) {
    super(app);
  }

  /**
   * `serve: false` (MODE=worker): the gateways get a socket.io server that is not attached to the
   * HTTP server, so the process accepts no socket connections (a worker runs subscriptions; clients
   * belong on the api instances) and opens no upstream.
   */
  static async create(
    app: INestApplicationContext,
    redisUrl: string | undefined,
    { serve = true }: { serve?: boolean } = {},
  ): Promise<SocketIoAdapter> {
    if (redisUrl === undefined || !serve) return new SocketIoAdapter(app, [], undefined, serve);
    const pub = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
    const sub = pub.duplicate();
    await Promise.all([pub.connect(), sub.connect()]);
    return new SocketIoAdapter(app, [pub, sub], createAdapter(pub, sub, { key: 'tb:socket.io' }), true);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    if (!this.serve) return new Server({ ...options, serveClient: false });
    const server = super.createIOServer(port, {
      ...options,
      transports: ['websocket', 'polling'],
      serveClient: false,
    }) as Server;
    if (this.redisAdapter !== undefined) server.adapter(this.redisAdapter);
    return server;
  }

  override async close(server: Parameters<IoAdapter['close']>[0]): Promise<void> {
    // A server that was never attached has no engine to close (socket.io's close() would throw).
    if (!this.serve) return;
    await super.close(server);
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    await Promise.all(this.redisClients.map((client) => client.quit().catch(() => undefined)));
  }
}
