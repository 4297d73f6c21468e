// PostgresStorage: the shared storage suite (storage-shared.ts) against a real PostgreSQL
// server at DESCENT_TEST_PG_URL (.ci/run installs Debian's postgresql and sets it). Without
// the variable the suite is skipped on a laptop, but under CI=true it fails: CI must not
// silently stop testing PostgreSQL.
import { describe, expect, it } from 'vitest';
import { PostgresStorage } from '../../src/node/postgres-storage.js';
import { openStorage } from '../../src/node/storage-url.js';
import { createStudy } from '../../src/tune/index.js';
import { storageSuite } from './storage-shared.js';

const url = process.env.DESCENT_TEST_PG_URL;
const underCi = process.env.CI === 'true';
// Study names must be new on every run: the database outlives the test.
const run = `pg-${process.pid}-${Date.now()}`;

describe.skipIf(url === undefined && !underCi)('PostgresStorage', () => {
  it('has a database to test against', () => {
    expect(url, 'DESCENT_TEST_PG_URL must be set under CI (see .ci/run)').toBeTruthy();
  });
  storageSuite(() => url as string, run);

  it('names a bad URL and an unreachable server', async () => {
    expect(() => new PostgresStorage('mysql://x')).toThrow(/PostgresStorage: url must start with postgresql:\/\//);
    expect(() => openStorage('redis://x')).toThrow(/openStorage: unsupported URL/);
    const nowhere = new PostgresStorage('postgresql://nobody:secret@127.0.0.1:1/none');
    const err = await createStudy({ storage: nowhere }).catch((e: unknown) => e as Error);
    expect(String(err)).toMatch(/PostgresStorage: could not reach or set up the database at postgresql:\/\/nobody:\*\*\*@127\.0\.0\.1:1/);
    expect(String(err)).not.toContain('secret');
    await nowhere.close();
  });
});
