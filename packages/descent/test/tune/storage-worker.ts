// A worker process for the multi-process storage tests: joins a study in a shared database
// and runs trials on it, tagging each with its process id.
//   node --import tsx storage-worker.ts <storage-url> <study-name> <n-trials> <seed>
import { createStudy, TPESampler } from '../../src/tune/index.js';
import { openStorage } from '../../src/node/storage-url.js';

const [url, studyName, nTrials, seed] = process.argv.slice(2);
const storage = openStorage(url as string);
const study = await createStudy({ storage, studyName, loadIfExists: true, sampler: new TPESampler({ seed: Number(seed), nStartupTrials: 5 }) });
await study.optimize(
  async (trial) => {
    const x = trial.suggestFloat('x', -5, 5);
    const k = trial.suggestCategorical('k', ['a', 'b', 'c']);
    trial.setUserAttr('pid', process.pid);
    // Yield so the processes really interleave their reads and writes.
    await new Promise((r) => setTimeout(r, 2));
    trial.report(x * x, 0);
    return (x - 1) ** 2 + (k === 'b' ? 0 : 0.5);
  },
  { nTrials: Number(nTrials) },
);
await storage.close();
