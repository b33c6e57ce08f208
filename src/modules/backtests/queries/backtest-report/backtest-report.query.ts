export class BacktestReportQuery {
  constructor(readonly id: string) {}
}
