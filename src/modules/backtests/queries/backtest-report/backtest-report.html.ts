import type { CurvePoint, BacktestResultView } from '../../runner/backtest-result.view';

const MAX_TRADE_ROWS = 2000;
const WIDTH = 960;
const HEIGHT = 260;
const PAD = 40;

function escape(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fmt(x: number | null | undefined, digits = 4): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits);
}

function pct(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(2)} %`;
}

/** A line (or filled area down to the top for drawdown) over the points, as inline SVG: no assets. */
function chart(
  points: readonly CurvePoint[],
  value: (p: CurvePoint) => number,
  title: string,
  area: boolean,
): string {
  if (points.length === 0) return `<p>No ${escape(title)} data.</p>`;
  const xs = points.map((p) => p.time);
  const ys = points.map(value);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (area) y0 = 0;
  if (y1 === y0) y1 = y0 + 1;
  const sx = (x: number): number => PAD + ((x - x0) / Math.max(1, x1 - x0)) * (WIDTH - 2 * PAD);
  // drawdown grows downwards from the top edge; equity upwards
  const sy = (y: number): number =>
    area
      ? PAD + ((y - y0) / (y1 - y0)) * (HEIGHT - 2 * PAD)
      : HEIGHT - PAD - ((y - y0) / (y1 - y0)) * (HEIGHT - 2 * PAD);
  const path = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.time).toFixed(1)},${sy(value(p)).toFixed(1)}`)
    .join(' ');
  const fill = area
    ? `<path d="${path} L${sx(x1).toFixed(1)},${sy(0).toFixed(1)} L${sx(x0).toFixed(1)},${sy(0).toFixed(1)} Z" fill="#f3b6b6" stroke="#c0392b"/>`
    : `<path d="${path}" fill="none" stroke="#1f6feb" stroke-width="1.5"/>`;
  const label = (y: number, text: string): string =>
    `<text x="4" y="${y.toFixed(1)}" font-size="11" fill="#555">${escape(text)}</text>`;
  const top = area ? `0 %` : fmt(y1, 2);
  const bottom = area ? `${(y1 * 100).toFixed(2)} %` : fmt(y0, 2);
  return `<figure><figcaption>${escape(title)}</figcaption>
<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escape(title)}">
<rect x="${PAD}" y="${PAD}" width="${WIDTH - 2 * PAD}" height="${HEIGHT - 2 * PAD}" fill="#fafafa" stroke="#ddd"/>
${fill}
${label(area ? PAD : PAD + 4, area ? top : top)}${label(HEIGHT - PAD, area ? bottom : bottom)}
<text x="${PAD}" y="${HEIGHT - 8}" font-size="11" fill="#555">${escape(new Date(x0).toISOString())}</text>
<text x="${WIDTH - PAD}" y="${HEIGHT - 8}" font-size="11" fill="#555" text-anchor="end">${escape(new Date(x1).toISOString())}</text>
</svg></figure>`;
}

function table(rows: readonly (readonly [string, string])[]): string {
  return `<table>${rows.map(([k, v]) => `<tr><th>${escape(k)}</th><td>${escape(v)}</td></tr>`).join('')}</table>`;
}

/** The HTML report of a completed backtest: metrics, assumptions, equity and drawdown charts, trades. */
export function renderBacktestReport(
  id: string,
  request: Record<string, unknown>,
  r: BacktestResultView,
): string {
  const m = r.metrics;
  const a = r.assumptions;
  const trades = r.trades.slice(0, MAX_TRADE_ROWS);
  const tradeRows = trades
    .map(
      (t, i) =>
        `<tr><td>${i + 1}</td><td>${escape(t.side)}</td><td>${escape(new Date(t.entryTime).toISOString())}</td><td>${escape(new Date(t.exitTime).toISOString())}</td><td>${escape(t.quantity)}</td><td>${escape(t.entryPrice)}</td><td>${escape(t.exitPrice)}</td><td>${escape(t.fees)}</td><td>${escape(t.funding)}</td><td class="${t.netPnl.startsWith('-') ? 'loss' : 'win'}">${escape(t.netPnl)}</td></tr>`,
    )
    .join('\n');
  const more =
    r.trades.length > trades.length
      ? `<p>First ${trades.length} of ${r.trades.length} trades; all of them are in GET /v1/backtests/${escape(id)}.</p>`
      : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Backtest ${escape(id)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 16px}
th,td{border:1px solid #ddd;padding:3px 8px;font-size:13px;text-align:right}th{background:#f4f4f4;text-align:left}
.win{color:#1a7f37}.loss{color:#c0392b}figure{margin:8px 0}figcaption{font-weight:600}code{font-size:12px}
</style></head><body>
<h1>Backtest ${escape(id)}</h1>
<p>${escape(request.strategy)} on ${escape(request.exchange)} ${escape((request.symbols as string[] | undefined)?.join(', '))}, ${escape(request.timeframe)}, ${r.bars} bars. Result hash <code>${escape(r.hash)}</code>.</p>
<h2>Metrics</h2>
${table([
  ['Total return', pct(m.totalReturn)],
  ['CAGR', pct(m.cagr)],
  ['Sharpe', fmt(m.sharpe, 3)],
  ['Sortino', fmt(m.sortino, 3)],
  ['Max drawdown', pct(m.maxDrawdown)],
  ['Win rate', pct(m.winRate)],
  ['Profit factor', fmt(m.profitFactor, 3)],
  ['Exposure', pct(m.exposure)],
  ['Trades', String(m.tradeCount)],
  ['Final equity', fmt(m.finalEquity, 2)],
  ['Fees paid', m.fees],
  ['Funding received', m.funding],
  ['Slippage cost (est.)', fmt(m.slippageCost, 2)],
])}
${chart(r.equityCurve, (p) => p.equity, 'Equity', false)}
${chart(r.equityCurve, (p) => p.drawdown, 'Drawdown', true)}
<h2>Assumptions</h2>
${table([
  ['Initial balance', a.initialBalance],
  ['Maker / taker fee', `${a.makerFeeRate} / ${a.takerFeeRate}`],
  ['Slippage', `${a.slippageBps} bps`],
  ['Latency', `${a.latencyMs} ms`],
  [
    'Funding',
    a.funding.enabled ? `every ${a.funding.intervalMs / 3_600_000} h at ${a.funding.defaultRate}` : 'off',
  ],
  ['Leverage', String(a.leverage)],
  ['Fill model', a.fillModel],
])}
<h2>Trades</h2>
${more}
<table><tr><th>#</th><th>Side</th><th>Entry</th><th>Exit</th><th>Quantity</th><th>Entry price</th><th>Exit price</th><th>Fees</th><th>Funding</th><th>Net PnL</th></tr>
${tradeRows}
</table>
</body></html>`;
}
