import type { RunSweepRequestDto } from './run-sweep.request.dto';

export class RunSweepCommand {
  constructor(readonly request: RunSweepRequestDto) {}
}
