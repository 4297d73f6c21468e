/**
 * Sends the runs a cell made with `descent/track` (the worker lists them in its answer) to the
 * learner's Runs page, one upload at a time in the order the cells ran, so a run re-sent by a
 * later cell always lands after its first upload. A failed upload is reported, never retried
 * silently: the cell's own result does not depend on it.
 */
import type { RunResult } from '../../worker/protocol.js';
import { api } from '../api.js';

export class RunUploads {
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly onError: (message: string) => void) {}

  /** Queues the runs in `result` (if any); `label` names the cell in an error ("Cell 3"). */
  send(result: RunResult, label: string): void {
    for (const run of result.runs ?? []) {
      this.chain = this.chain.then(() => api.uploadRun(run)).then(() => undefined, (e: unknown) => {
        this.onError(`${label} logged the run "${run.name}", but saving it to your Runs page failed: ${e instanceof Error ? e.message : String(e)}`);
      });
    }
  }
}
