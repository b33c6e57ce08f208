import { Worker } from 'node:worker_threads';

export interface PacedLoadOptions {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** The request body; `[<id>]` in it becomes a number unique to each request. */
  body: string;
  ratePerSecond: number;
  seconds: number;
}

export interface PacedLoadResult {
  /** Milliseconds from each request's scheduled send to its answer. */
  latencies: number[];
  failed: number;
}

/**
 * An open-loop load in a worker thread: request i is due at start + i / rate, evenly spaced, and is
 * sent then whatever the answers before it (a closed loop, or autocannon's per-second quota, sends
 * bursts instead). Latency runs from the due time, so a stalled server is not hidden by requests
 * that were late to leave (coordinated omission).
 */
export function pacedLoad(options: PacedLoadOptions): Promise<PacedLoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: options });
    worker.once('message', (result: PacedLoadResult) => resolve(result));
    worker.once('error', reject);
  });
}

const WORKER_SOURCE = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { url, method, headers, body, ratePerSecond, seconds } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const target = new URL(url);
const interval = 1000 / ratePerSecond;
const total = Math.round(ratePerSecond * seconds);
const latencies = [];
let failed = 0;
let sent = 0;
let answered = 0;
const start = performance.now() + 20;

function send(i) {
  const due = start + i * interval;
  const payload = body.split('[<id>]').join(String(i));
  const req = http.request(
    { hostname: target.hostname, port: target.port, path: target.pathname, method, agent,
      headers: { ...headers, 'content-length': Buffer.byteLength(payload) } },
    (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode >= 300) failed++;
        latencies.push(performance.now() - due);
        done();
      });
    },
  );
  req.on('error', () => { failed++; done(); });
  req.end(payload);
}

function done() {
  if (++answered === total) parentPort.postMessage({ latencies, failed });
}

function tick() {
  const now = performance.now();
  while (sent < total && start + sent * interval <= now) send(sent++);
  if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
}
setTimeout(tick, 20);
`;
