// The worker thread's entry: runs backtest jobs off the event loop (see backtest-worker-pool.ts).
import { parentPort } from 'node:worker_threads';
import { runJob, type BacktestJob } from './backtest-job';

interface JobMessage {
  readonly jobId: number;
  readonly job: BacktestJob;
}

parentPort?.on('message', (message: JobMessage) => {
  const outcome = runJob(message.job, (done, total) =>
    parentPort?.postMessage({ jobId: message.jobId, progress: { done, total } }),
  );
  // the equity arrays are moved, not copied (a year of minutes is 8 MB)
  const transfer = outcome.ok ? [outcome.result.equity.time.buffer, outcome.result.equity.equity.buffer] : [];
  parentPort?.postMessage({ jobId: message.jobId, outcome }, transfer as ArrayBuffer[]);
});
