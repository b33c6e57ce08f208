// `npm run bench -- <suite> [<suite> ...]` runs bench/<suite>.bench.ts; no argument runs every suite.
// Each figure is printed as one JSON line on stdout; progress goes to stderr.
import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchFigure, BenchSuite } from './bench.types';

async function main(): Promise<void> {
  const available = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.replace('.bench.ts', ''))
    .sort();
  const requested = process.argv.slice(2);
  const unknown = requested.filter((s) => !available.includes(s));
  if (unknown.length > 0) {
    console.error(`unknown suite(s): ${unknown.join(', ')}; available: ${available.join(', ')}`);
    process.exit(2);
  }
  for (const suite of requested.length > 0 ? requested : available) {
    const mod = (await import(join(__dirname, `${suite}.bench.ts`))) as BenchSuite;
    await mod.run((name, value, unit) => {
      const figure: BenchFigure = { suite, name, value: Math.round(value * 100) / 100, unit };
      process.stdout.write(`${JSON.stringify(figure)}\n`);
    });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
