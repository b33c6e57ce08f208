/** One figure of a benchmark run, printed as one JSON line (ARCHITECTURE.md §7). */
export interface BenchFigure {
  suite: string;
  name: string;
  value: number;
  unit: string;
}

export type Report = (name: string, value: number, unit: string) => void;

/** A suite lives in bench/<suite>.bench.ts and exports run(). */
export interface BenchSuite {
  run(report: Report): Promise<void>;
}
