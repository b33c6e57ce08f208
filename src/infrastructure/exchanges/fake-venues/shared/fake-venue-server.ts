import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { RawData, WebSocket, WebSocketServer } from 'ws';
import { FaultController } from './fault-controller';

export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  /** Query string and form body parameters together, as Binance and Bybit accept either. */
  readonly params: Readonly<Record<string, string>>;
  /** The parsed JSON body, when the request sent one. */
  readonly json: unknown;
  /** Request headers, names lower-cased (API keys travel here: X-MBX-APIKEY, X-BAPI-API-KEY). */
  readonly headers: Readonly<Record<string, string>>;
}

export interface FakeResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface FakeVenueUrls {
  readonly restUrl: string;
  readonly wsUrl: string;
}

export const ok = (body: unknown): FakeResponse => ({ status: 200, body });

/**
 * One HTTP server with a websocket server on the same port, bound to 127.0.0.1. A venue subclass
 * routes REST calls, answers rate-limit faults in its own format and speaks its websocket protocol.
 */
export abstract class FakeVenueServer {
  readonly faults = new FaultController();
  private http: Server | undefined;
  private wss: WebSocketServer | undefined;
  private readonly sockets = new Set<WebSocket>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor() {
    this.faults.onDrop(() => {
      for (const socket of this.sockets) socket.terminate();
      this.sockets.clear();
    });
  }

  async start(): Promise<FakeVenueUrls> {
    const http = createServer((req, res) => this.onHttp(req, res));
    const wss = new WebSocketServer({ server: http });
    wss.on('connection', (socket, req) => this.onConnection(socket, req));
    this.http = http;
    this.wss = wss;
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    return this.urlsFor(`http://127.0.0.1:${port}`, `ws://127.0.0.1:${port}`);
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const socket of this.sockets) socket.terminate();
    this.sockets.clear();
    const { http, wss } = this;
    this.http = undefined;
    this.wss = undefined;
    if (wss) await new Promise<void>((resolve) => wss.close(() => resolve()));
    if (http) {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  }

  /** The venue's REST root and websocket root, as the real hosts would be written. */
  protected abstract urlsFor(httpRoot: string, wsRoot: string): FakeVenueUrls;
  protected abstract route(request: FakeRequest): FakeResponse;
  protected abstract rateLimitedResponse(request: FakeRequest): FakeResponse;
  protected abstract onSocketMessage(socket: WebSocket, message: unknown): void;

  /** The name a request is logged under; Hyperliquid refines it with the info `type`. */
  protected endpointOf(request: FakeRequest): string {
    return request.path;
  }

  protected send(socket: WebSocket, payload: unknown): void {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(payload));
  }

  protected get openSockets(): ReadonlySet<WebSocket> {
    return this.sockets;
  }

  protected onSocketOpened(_socket: WebSocket, _url: URL): void {
    // venues with stream names in the URL (Binance raw and combined streams) subscribe here
  }

  protected onSocketClosed(_socket: WebSocket): void {
    // venues that keep per-socket subscriptions forget them here
  }

  private onConnection(socket: WebSocket, req: IncomingMessage): void {
    this.sockets.add(socket);
    this.onSocketOpened(socket, new URL(req.url ?? '/', 'http://127.0.0.1'));
    socket.on('message', (data: RawData) => {
      let message: unknown;
      try {
        message = JSON.parse(rawText(data));
      } catch {
        message = rawText(data);
      }
      this.onSocketMessage(socket, message);
    });
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.onSocketClosed(socket);
    });
    socket.on('error', () => socket.terminate());
  }

  private onHttp(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = parseRequest(req, Buffer.concat(chunks).toString('utf8'));
      this.faults.record({
        method: request.method,
        endpoint: this.endpointOf(request),
        query: request.params,
        at: Date.now(),
      });
      const response = this.answer(request);
      const delay = this.faults.delayMs;
      if (delay <= 0) return writeResponse(res, response);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        writeResponse(res, response);
      }, delay);
      this.timers.add(timer);
    });
  }

  private answer(request: FakeRequest): FakeResponse {
    if (this.faults.takeRateLimit()) return this.rateLimitedResponse(request);
    try {
      return this.route(request);
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      return { status: 500, body: { error: message } };
    }
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function parseRequest(req: IncomingMessage, body: string): FakeRequest {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const params: Record<string, string> = {};
  url.searchParams.forEach((value, key) => (params[key] = value));
  let json: unknown;
  const contentType = req.headers['content-type'] ?? '';
  if (body.length > 0 && (contentType.includes('json') || body.startsWith('{'))) {
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
  } else if (body.length > 0) {
    new URLSearchParams(body).forEach((value, key) => (params[key] = value));
  }
  if (isRecord(json)) {
    for (const [key, value] of Object.entries(json)) {
      if (typeof value === 'string' || typeof value === 'number') params[key] = String(value);
    }
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers[name.toLowerCase()] = value;
  }
  return { method: req.method ?? 'GET', path: url.pathname, params, json, headers };
}

function writeResponse(res: ServerResponse, response: FakeResponse): void {
  const text = JSON.stringify(response.body);
  res.writeHead(response.status, { 'content-type': 'application/json', ...response.headers });
  res.end(text);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
