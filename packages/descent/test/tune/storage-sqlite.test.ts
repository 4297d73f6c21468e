// SQLiteStorage: the shared storage suite (storage-shared.ts) on a temporary SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { storageSuite } from './storage-shared.js';

const dir = mkdtempSync(join(tmpdir(), 'descent-tune-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLiteStorage', () => {
  storageSuite(() => `sqlite:///${join(dir, 'study.db')}`, 'sqlite');
});
