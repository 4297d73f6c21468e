// `descent lessons` shows the progress the app recorded, counted as the app counts it
// (before, a lesson the app showed complete was listed as "not run").
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteSql } from '../../app/src/server/db/sql.js';
import { openDatabase, Store } from '../../app/src/server/db/store.js';

const LESSONS = fileURLToPath(new URL('../../app/test/fixtures/lessons/', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/descent.mjs', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'descent-progress-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const list = (db: string) => {
  const r = spawnSync(process.execPath, [BIN, 'lessons', '--dir', LESSONS, '--out', join(tmp, 'out'), '--db', db], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(r.stderr).toBe('');
  return r.stdout;
};

describe('descent lessons and the app', () => {
  it('shows cells run, exercises solved and completion from the app\'s database', async () => {
    const dbPath = join(tmp, 'descent.db');
    const store = new Store(sqliteSql(openDatabase(dbPath)));
    await store.recordRun('01-mean', 1);
    await store.recordRun('02-tables', 1);
    await store.setCompleted('02-tables', true);
    await store.sql.close();
    const out = list(dbPath);
    expect(out).toMatch(/01-mean[^\n]*\n[^\n]*app: 1\/2 cells · 0\/1 exercises/);
    expect(out).toMatch(/02-tables[^\n]*\n[^\n]*app: ✓ complete \d{4}-\d\d-\d\d/);
  });

  it('without a database, shows the runs only', () => {
    expect(list(join(tmp, 'none.db'))).not.toMatch(/app:/);
  });
});
