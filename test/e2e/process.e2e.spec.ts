import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The real entry point (src/main.ts) as a child process, on the embedded database. */
function runService(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: join(__dirname, '../..'),
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForOutput(read: () => string, pattern: RegExp, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(read())) {
    if (Date.now() > deadline) throw new Error(`no ${pattern} in output:\n${read()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the service process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tradebook-process-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses bad configuration with one clear message and exit code 1', async () => {
    const run = runService({ PORT: 'seventy', MODE: 'sideways', DATABASE_URL: 'mysql://nope' });
    expect(await run.exited).toBe(1);
    const lines = run.output().trimEnd().split('\n');
    expect(lines[0]).toBe('Invalid configuration:');
    expect(lines.slice(1).sort()).toEqual([
      '  - DATABASE_URL must be a postgres: or postgresql:// URL',
      '  - MODE must be one of all, api, worker, got "sideways"',
      '  - PORT must be an integer from 0 to 65535, got "seventy"',
    ]);
  });

  it('starts on the embedded database, refuses a second process on the same DATA_DIR, and stops cleanly on SIGTERM', async () => {
    const first = runService({ PORT: '0', DATA_DIR: dataDir });
    await waitForOutput(first.output, /tradebook started/);

    const second = runService({ PORT: '0', DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/DATA_DIR .* is in use by process \d+/);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/shut down cleanly/);
    // Two cold starts (each compiles the sources on the fly) and a shutdown: real work, not waiting.
  }, 180_000);
});
