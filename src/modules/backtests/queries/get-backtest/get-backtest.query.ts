export class GetBacktestQuery {
  constructor(readonly id: string) {}
}
