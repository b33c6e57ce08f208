/**
 * Reference indicators for tests, written from the textbook definitions and deliberately unlike the
 * production code: every output is recomputed from scratch over plain arrays (O(n * k) or worse),
 * with closed forms where the production code recurses.
 */
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

export function refSma(xs: readonly number[], n: number): number[] {
  return xs.map((_, i) => (i + 1 < n ? NaN : mean(xs.slice(i + 1 - n, i + 1))));
}

/** EMA_i = (1 - a)^(i - n + 1) * seed + sum_{j = n..i} a * (1 - a)^(i - j) * x_j. */
export function refEma(xs: readonly number[], n: number): number[] {
  const a = 2 / (n + 1);
  return xs.map((_, i) => {
    if (i + 1 < n) return NaN;
    let v = Math.pow(1 - a, i - n + 1) * mean(xs.slice(0, n));
    for (let j = n; j <= i; j++) v += a * Math.pow(1 - a, i - j) * (xs[j] ?? NaN);
    return v;
  });
}

/** Wilder averages of a series, restarted from scratch at every index. */
function wilder(values: readonly number[], n: number, i: number): number {
  let avg = mean(values.slice(0, n));
  for (let j = n; j <= i; j++) avg = avg + ((values[j] ?? NaN) - avg) / n;
  return avg;
}

export function refRsi(xs: readonly number[], n: number): number[] {
  const changes = xs.slice(1).map((x, i) => x - (xs[i] ?? NaN));
  const gains = changes.map((c) => Math.max(c, 0));
  const losses = changes.map((c) => Math.max(-c, 0));
  return xs.map((_, i) => {
    if (i < n) return NaN;
    const g = wilder(gains, n, i - 1);
    const l = wilder(losses, n, i - 1);
    if (l === 0) return g === 0 ? 50 : 100;
    return (100 * g) / (g + l);
  });
}

export function refAtr(
  h: readonly number[],
  l: readonly number[],
  c: readonly number[],
  n: number,
): number[] {
  const tr = h.map((hi, i) => {
    const lo = l[i] ?? NaN;
    if (i === 0) return hi - lo;
    const pc = c[i - 1] ?? NaN;
    return Math.max(hi - lo, Math.abs(hi - pc), Math.abs(lo - pc));
  });
  return tr.map((_, i) => (i + 1 < n ? NaN : wilder(tr, n, i)));
}

export function refBollinger(
  xs: readonly number[],
  n: number,
  k: number,
): { middle: number[]; upper: number[]; lower: number[] } {
  const middle: number[] = [];
  const upper: number[] = [];
  const lower: number[] = [];
  xs.forEach((_, i) => {
    if (i + 1 < n) {
      middle.push(NaN);
      upper.push(NaN);
      lower.push(NaN);
      return;
    }
    const w = xs.slice(i + 1 - n, i + 1);
    const m = mean(w);
    const sd = Math.sqrt(mean(w.map((x) => (x - m) ** 2)));
    middle.push(m);
    upper.push(m + k * sd);
    lower.push(m - k * sd);
  });
  return { middle, upper, lower };
}

export function refMacd(
  xs: readonly number[],
  fast: number,
  slow: number,
  signal: number,
): { macd: number[]; signal: number[]; histogram: number[] } {
  const f = refEma(xs, fast);
  const s = refEma(xs, slow);
  const line = xs.map((_, i) => (i + 1 < slow ? NaN : (f[i] ?? NaN) - (s[i] ?? NaN)));
  const defined = line.slice(slow - 1);
  const sigDefined = refEma(defined, signal);
  const sig = line.map((_, i) => (i + 1 < slow ? NaN : (sigDefined[i - slow + 1] ?? NaN)));
  return {
    macd: line,
    signal: sig,
    histogram: line.map((m, i) => m - (sig[i] ?? NaN)),
  };
}
