// The storage tests every database storage passes (SQLite, PostgreSQL): the study survives a
// new connection, and four real processes share one study at once — every trial number used
// exactly once, no trial lost, every enqueued trial run exactly once.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { RandomSampler, createStudy } from '../../src/tune/index.js';
import type { PostgresStorage } from '../../src/node/postgres-storage.js';
import type { SQLiteStorage } from '../../src/node/sqlite-storage.js';
import { openStorage } from '../../src/node/storage-url.js';

const WORKER = fileURLToPath(new URL('./storage-worker.ts', import.meta.url));

function runWorker(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}: ${err}`))));
  });
}

/**
 * @param url a storage URL for `openStorage`
 * @param prefix makes study names unique (a PostgreSQL database outlives the test run)
 */
export function storageSuite(url: () => string, prefix: string): void {
  const open = (): SQLiteStorage | PostgresStorage => openStorage(url());

  it('keeps a study across connections: params, values, attributes, NaN reports', async () => {
    const a = open();
    const name = `${prefix}-one`;
    const study = await createStudy({ storage: a, studyName: name, sampler: new RandomSampler({ seed: 0 }) });
    await study.optimize((t) => {
      t.setUserAttr('tag', { n: t.number });
      t.report(Number.NaN, 0);
      t.report(Number.NEGATIVE_INFINITY, 1);
      return t.suggestFloat('x', 0, 1) + (t.suggestCategorical('c', [true, false]) ? 1 : 0);
    }, { nTrials: 5 });
    const { bestValue, bestParams } = study;
    await a.close();
    const b = open();
    const again = await createStudy({ storage: b, studyName: name, loadIfExists: true });
    expect(again.trials).toHaveLength(5);
    expect(again.bestValue).toBe(bestValue);
    expect(again.bestParams).toEqual(bestParams);
    expect(again.trials[2]?.userAttrs).toEqual({ tag: { n: 2 } });
    expect(Number.isNaN(again.trials[0]?.intermediateValues[0])).toBe(true);
    expect(again.trials[0]?.intermediateValues[1]).toBe(Number.NEGATIVE_INFINITY);
    await expect(createStudy({ storage: b, studyName: name })).rejects.toThrow(/already exists/);
    await expect(b.setTrialUserAttr(again.studyId, 0, 'late', 1)).rejects.toThrow(/trial 0 is COMPLETE; only a RUNNING trial/);
    await b.close();
  });

  it('four processes share one study without losing or duplicating a trial', async () => {
    const storage = open();
    const name = `${prefix}-shared`;
    const study = await createStudy({ storage, studyName: name });
    for (let i = 0; i < 6; i++) await study.enqueueTrial({ x: i - 2.5, k: 'a' }, { enqueued: i });
    await Promise.all([0, 1, 2, 3].map((w) => runWorker([url(), name, '10', String(w)])));
    // The parent's view is as of its last read: refresh to see the workers' trials.
    expect(study.trials).toHaveLength(6);
    await study.refresh();
    const trials = study.trials;
    expect(trials.map((t) => t.number)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(trials.every((t) => t.state === 'COMPLETE')).toBe(true);
    const perProcess = new Map<unknown, number>();
    for (const t of trials) perProcess.set(t.userAttrs.pid, (perProcess.get(t.userAttrs.pid) ?? 0) + 1);
    expect([...perProcess.values()]).toEqual([10, 10, 10, 10]);
    const enqueued = trials.filter((t) => t.userAttrs.enqueued !== undefined);
    expect(enqueued.map((t) => t.userAttrs.enqueued).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    for (const t of enqueued) expect(t.paramsInternal.x).toBe((t.userAttrs.enqueued as number) - 2.5);
    for (const t of trials) expect(t.intermediateValues[0]).toBe((t.paramsInternal.x as number) ** 2);
    await storage.close();
  }, 60_000);
}
