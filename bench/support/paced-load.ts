import { spawn } from 'node:child_process';

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
 * An open-loop load in a process of its own: request i is due at start + i / rate, evenly spaced, and
 * is sent then whatever the answers before it (a closed loop, or autocannon's per-second quota, sends
 * bursts instead). Latency runs from the due time, so a stalled server is not hidden by requests
 * that were late to leave (coordinated omission).
 *
 * Why a process and not a worker thread: the sender's own pauses count as the server's latency, so
 * the sender must not share the app's process (its V8 platform threads). And V8's memory reducer is
 * off in it: in a worker it ran a mark-compact 8.1 and 8.7 s into every run, and even against the
 * trivial route those showed as 16-34 ms "latencies". The app under test keeps every default.
 */
export function pacedLoad(options: PacedLoadOptions): Promise<PacedLoadResult> {
  return new Promise((resolve, reject) => {
    const sender = spawn(process.execPath, ['--no-memory-reducer', '-e', SENDER_SOURCE], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let answered = false;
    sender.once('message', (result: PacedLoadResult) => {
      answered = true;
      resolve(result);
    });
    sender.once('error', reject);
    sender.once('close', (code) => {
      if (!answered) reject(new Error(`the paced sender exited (${code ?? 'signal'}) without a result`));
    });
    sender.send(options);
  });
}

const SENDER_SOURCE = `
const http = require('node:http');
const REQUEST_TIMEOUT_MS = 30000; // a request the server never answers is a failure, not a hang
process.once('message', run);
process.once('disconnect', () => process.exit(1)); // the bench is gone: stop sending

function run({ url, method, headers, body, ratePerSecond, seconds }) {
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
          if (settled) return;
          settled = true;
          if (res.statusCode >= 300) failed++;
          latencies.push(performance.now() - due);
          done();
        });
      },
    );
    let settled = false; // each request counts once, whatever comes after its answer
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('no answer in time')));
    req.on('error', () => {
      if (settled) return;
      settled = true;
      failed++;
      done();
    });
    req.end(payload);
  }

  function done() {
    if (++answered < total) return;
    agent.destroy();
    process.send({ latencies, failed }, () => process.exit(0));
  }

  function tick() {
    const now = performance.now();
    while (sent < total && start + sent * interval <= now) send(sent++);
    if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
  }
  setTimeout(tick, 20);
}
`;
