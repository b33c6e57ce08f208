import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import { APP_CONFIG, type AppConfig } from '../../config';
import { ROOT_LOGGER } from '../../infrastructure/observability/observability.tokens';
import {
  ApiKeyAuthenticator,
  SOCKET_CONNECTION_LIMITER,
  SOCKET_LEASE_MS,
  type AuthenticatedKey,
  type SocketConnectionLimiter,
} from '../auth';
import { StreamEvents } from './stream-messages';

/** Who connects when AUTH_MODE=disabled (local self-hosting only). */
const ANONYMOUS: AuthenticatedKey = { keyId: 'anonymous', name: 'anonymous', role: 'admin' };

/** What socket.io hands the client as `connect_error`'s `err.data`: the error shape plus a status. */
export interface HandshakeErrorData {
  status: number;
  error: { code: string; message: string; details: Record<string, unknown> };
  requestId: string;
}

function handshakeError(
  status: number,
  code: string,
  message: string,
  details: Record<string, unknown> = {},
) {
  const error = new Error(message) as Error & { data: HandshakeErrorData };
  error.data = { status, error: { code, message, details }, requestId: randomUUID() };
  return error;
}

interface SocketAuth {
  key: AuthenticatedKey;
  /** Kept in memory only, to check the key again while connected. */
  rawKey?: string;
}

/**
 * Who may hold a socket on /v1/stream, and for how long: the API key of the handshake `auth`, one
 * of the key's SOCKET_CONNECTIONS_PER_KEY slots (a lease refreshed while connected), and a check of
 * the key every STREAM_KEY_RECHECK_MS, so a key revoked on any instance is cut off.
 */
@Injectable()
export class StreamHandshake {
  private readonly log: Logger;

  constructor(
    private readonly authenticator: ApiKeyAuthenticator,
    @Inject(SOCKET_CONNECTION_LIMITER) private readonly limiter: SocketConnectionLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'stream-handshake' });
  }

  /** socket.io middleware: throws the connect_error (401, 429, 503) or records the socket's key. */
  async admit(socket: Socket): Promise<void> {
    if (this.config.authMode === 'disabled') {
      socket.data = { key: ANONYMOUS } satisfies SocketAuth;
      return;
    }
    const auth = socket.handshake.auth as { apiKey?: unknown } | undefined;
    const raw = typeof auth?.apiKey === 'string' ? auth.apiKey : undefined;
    const key = await this.authenticator.authenticate(raw).catch((error: unknown) => {
      // The key store did not answer (database down or saturated): the client may retry.
      this.log.warn({ err: error }, 'authenticating a socket handshake failed');
      throw handshakeError(503, 'SERVICE_UNAVAILABLE', 'The API key could not be checked; retry shortly');
    });
    if (key === null) {
      throw handshakeError(
        401,
        'UNAUTHENTICATED',
        'A valid API key is required in the handshake auth: {apiKey}',
      );
    }
    const admitted = await this.limiter.acquire(key.keyId, socket.id, Date.now()).catch((error: unknown) => {
      this.log.warn({ err: error }, 'taking a socket connection slot failed');
      throw handshakeError(
        503,
        'SERVICE_UNAVAILABLE',
        'The connection limit could not be checked; retry shortly',
      );
    });
    if (!admitted) {
      throw handshakeError(
        429,
        'TOO_MANY_CONNECTIONS',
        `This API key already holds ${this.config.socketConnectionsPerKey} socket connections`,
        { limit: this.config.socketConnectionsPerKey },
      );
    }
    socket.data = { key, rawKey: raw } satisfies SocketAuth;
  }

  keyOf(socket: Socket): AuthenticatedKey {
    return (socket.data as SocketAuth).key;
  }

  /** Keeps an admitted socket's lease and re-checks its key until it disconnects. */
  watch(socket: Socket): void {
    if (this.config.authMode === 'disabled') return;
    const { key, rawKey } = socket.data as SocketAuth;
    const lease = setInterval(() => {
      this.limiter.refresh(key.keyId, socket.id, Date.now()).catch((error: unknown) => {
        this.log.warn({ err: error }, 'refreshing a socket lease failed');
      });
    }, SOCKET_LEASE_MS / 3);
    const recheck = setInterval(() => this.recheck(socket, key, rawKey), this.config.streamKeyRecheckMs);
    lease.unref();
    recheck.unref();
    socket.on('disconnect', () => {
      clearInterval(lease);
      clearInterval(recheck);
      this.limiter.release(key.keyId, socket.id).catch((error: unknown) => {
        this.log.warn({ err: error }, 'releasing a socket lease failed');
      });
    });
  }

  private recheck(socket: Socket, key: AuthenticatedKey, rawKey: string | undefined): void {
    this.authenticator.authenticate(rawKey).then(
      (current) => {
        if (current !== null && current.keyId === key.keyId) return;
        socket.emit(StreamEvents.error, {
          error: { code: 'UNAUTHENTICATED', message: 'The API key is no longer valid', details: {} },
        });
        socket.disconnect(true);
      },
      (error: unknown) => this.log.warn({ err: error }, 'checking a socket key again failed'),
    );
  }
}
