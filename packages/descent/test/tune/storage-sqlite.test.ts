// SQLite storage: the storage contract in one process, then four real processes on one study
// at once — every trial number used exactly once, no trial lost, every enqueued trial run once.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { RandomSampler, createStudy } from '../../src/tune/index.js';
import { SQLiteStorage } from '../../src/node/sqlite-storage.js';

const dir = mkdtempSync(join(tmpdir(), 'descent-tune-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const WORKER = fileURLToPath(new URL('./storage-worker.ts', import.meta.url));

function runWorker(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}: ${err}`))));
  });
}

describe('SQLiteStorage', () => {
  it('keeps a study across connections: params, values, attributes, NaN reports', async () => {
    const path = join(dir, 'one.db');
    const a = new SQLiteStorage(path);
    const study = createStudy({ storage: a, studyName: 's', sampler: new RandomSampler({ seed: 0 }) });
    await study.optimize((t) => {
      t.setUserAttr('tag', { n: t.number });
      t.report(Number.NaN, 0);
      return t.suggestFloat('x', 0, 1) + (t.suggestCategorical('c', [true, false]) ? 1 : 0);
    }, { nTrials: 5 });
    const { bestValue, bestParams } = study;
    a.close();
    const b = new SQLiteStorage(path);
    const again = createStudy({ storage: b, studyName: 's', loadIfExists: true });
    expect(again.trials).toHaveLength(5);
    expect(again.bestValue).toBe(bestValue);
    expect(again.bestParams).toEqual(bestParams);
    expect(again.trials[2]?.userAttrs).toEqual({ tag: { n: 2 } });
    expect(Number.isNaN(again.trials[0]?.intermediateValues[0])).toBe(true);
    expect(() => createStudy({ storage: b, studyName: 's' })).toThrow(/already exists/);
    b.close();
  });

  it('four processes share one study without losing or duplicating a trial', async () => {
    const path = join(dir, 'shared.db');
    const storage = new SQLiteStorage(path);
    const study = createStudy({ storage, studyName: 'shared' });
    for (let i = 0; i < 6; i++) study.enqueueTrial({ x: i - 2.5, k: 'a' }, { enqueued: i });
    await Promise.all([0, 1, 2, 3].map((w) => runWorker([path, 'shared', '10', String(w)])));
    const trials = study.trials;
    expect(trials.map((t) => t.number)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(trials.every((t) => t.state === 'COMPLETE')).toBe(true);
    const perProcess = new Map<unknown, number>();
    for (const t of trials) perProcess.set(t.userAttrs.pid, (perProcess.get(t.userAttrs.pid) ?? 0) + 1);
    expect([...perProcess.values()]).toEqual([10, 10, 10, 10]);
    const enqueued = trials.filter((t) => t.userAttrs.enqueued !== undefined);
    expect(enqueued.map((t) => t.userAttrs.enqueued).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    for (const t of enqueued) expect(t.paramsInternal.x).toBe((t.userAttrs.enqueued as number) - 2.5);
    storage.close();
  }, 60_000);
});
