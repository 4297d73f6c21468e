// The map-reduce jobs and the feature pipeline on DuckDB (@duckdb/node-api), checked against
// plain loops in JavaScript: the word count and inverted index against exactWordCount and
// exactInvertedIndex, the Parquet feature query against features computed row by row from
// the same events, and out-of-core aggregation and joins by making DuckDB spill (and fail
// when it may not).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_COLUMNS, eventScale, exactInvertedIndex, exactWordCount, splitDocuments } from '../../src/bigdata/index.js';
import { loadTinyText } from '../../src/datasets/index.js';
import { eventFeaturesSql, eventPaths, invertedIndexSql, openDuckDB, wordCountSql, writeEventData, writeFeatures, type DuckDB } from '../../src/node/index.js';

const docs = splitDocuments(loadTinyText().text);
let dir: string;
let db: DuckDB;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'descent-duckdb-test-'));
  db = await openDuckDB({ memoryLimit: '256MB', threads: 2, tempDirectory: join(dir, 'spill') });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the map-reduce jobs as SQL', () => {
  it('word count and inverted index equal the single-threaded answers', async () => {
    await db.loadDocuments('docs', docs);
    const wc = await db.rows(wordCountSql('docs'));
    expect(new Map(wc.map((r) => [r.word as string, r.n as number]))).toEqual(exactWordCount(docs.map((d) => d.text)));
    const ii = await db.rows(invertedIndexSql('docs'));
    expect(new Map(ii.map((r) => [r.word as string, r.docs as number[]]))).toEqual(exactInvertedIndex(docs));
  });
});

describe('Parquet events and the feature query', () => {
  it('writes Parquet events, stored column by column', async () => {
    const info = await writeEventData(db, dir, 0.05);
    expect(info).toMatchObject({ ...eventScale(0.05), files: 1 });
    const [again] = await db.rows(`SELECT count(*) AS n FROM read_parquet('${eventPaths(dir).events}')`);
    expect(again!.n).toBe(50_000);
    // Parquet keeps one chunk per column per row group; the low-cardinality event_type
    // compresses to a fraction of the random timestamps.
    const chunks = await db.rows(`SELECT path_in_schema AS col, sum(total_compressed_size) AS bytes FROM parquet_metadata('${join(dir, 'events', 'part-00000.parquet')}') GROUP BY 1`);
    const bytes = new Map(chunks.map((c) => [c.col as string, c.bytes as number]));
    expect([...bytes.keys()].sort()).toEqual(['amount', 'device', 'event_type', 'ts', 'user_id']);
    expect(bytes.get('event_type')!).toBeLessThan(bytes.get('ts')! / 4);
  });

  it('computes the same features as a loop over the raw events', async () => {
    const ev = await db.columns(`SELECT user_id, ts, event_type, amount, device FROM read_parquet('${eventPaths(dir).events}')`);
    const lab = await db.columns(`SELECT user_id, converted FROM read_parquet('${eventPaths(dir).labels}')`);
    const label = new Map(lab.user_id!.map((u, i) => [u as number, lab.converted![i] as number]));
    interface Acc { n: number; carts: number; purchases: number; revenue: number; days: Set<string>; devices: Set<string>; last: number }
    const users = new Map<number, Acc>();
    ev.user_id!.forEach((u, i) => {
      const a = users.get(u as number) ?? { n: 0, carts: 0, purchases: 0, revenue: 0, days: new Set(), devices: new Set(), last: -Infinity };
      const t = ev.ts![i] as Date, type = ev.event_type![i];
      a.n++; a.carts += type === 'cart' ? 1 : 0; a.purchases += type === 'purchase' ? 1 : 0;
      a.revenue += ev.amount![i] as number; a.days.add(t.toISOString().slice(0, 10)); a.devices.add(ev.device![i] as string);
      a.last = Math.max(a.last, t.getTime());
      users.set(u as number, a);
    });
    const end = Math.floor(Date.UTC(2024, 0, 29) / 3.6e6);
    const features = await db.rows(eventFeaturesSql(dir));
    expect(features.length).toBe(users.size);
    // One comparison per column (the largest relative difference over users) keeps this fast.
    const worst = new Map<string, number>(FEATURE_COLUMNS.map((c) => [c, 0]));
    let labelsAgree = true;
    for (const row of features) {
      const a = users.get(row.user_id as number)!;
      const want = [a.n, a.carts, a.purchases, a.carts / a.n, a.purchases / a.n, a.revenue, a.days.size, a.devices.size, end - Math.floor(a.last / 3.6e6)];
      FEATURE_COLUMNS.forEach((c, k) => worst.set(c, Math.max(worst.get(c)!, Math.abs((row[c] as number) - want[k]!) / Math.max(1, Math.abs(want[k]!)))));
      labelsAgree &&= row.converted === label.get(row.user_id as number);
    }
    for (const [c, d] of worst) expect(d, c).toBeLessThan(1e-9);
    expect(labelsAgree).toBe(true);
    expect(await writeFeatures(db, dir)).toBe(users.size);
  });
});

describe('out-of-core aggregation', () => {
  // 400,000 groups do not fit in 20 MB: with a spill directory DuckDB finishes, and without
  // room to spill the same query fails.
  const q = 'SELECT count(*) AS groups, sum(c) AS n, sum(s) AS total FROM (SELECT i % 400000 AS k, count(*) AS c, sum(i) AS s FROM range(800000) r(i) GROUP BY k)';
  it('spills a GROUP BY larger than memory_limit and gets the exact answer', async () => {
    const small = await openDuckDB({ memoryLimit: '20MB', threads: 1, tempDirectory: join(dir, 'spill-small') });
    try {
      expect(await small.rows(q)).toEqual([{ groups: 400_000, n: 800_000, total: (799_999 * 800_000) / 2 }]);
      await small.run("SET max_temp_directory_size = '0KB'");
      await expect(small.rows(q)).rejects.toThrow(/Out of Memory/);
    } finally {
      small.close();
    }
  });

  it('spills a hash join whose build side exceeds memory_limit', async () => {
    const join600k = 'SELECT count(*) AS n, sum(a.v + b.w) AS total FROM (SELECT i AS k, i AS v FROM range(600000) r(i)) a JOIN (SELECT i AS k, 2 * i AS w FROM range(600000) r(i)) b USING (k)';
    const small = await openDuckDB({ memoryLimit: '20MB', threads: 1, tempDirectory: join(dir, 'spill-join') });
    try {
      expect(await small.rows(join600k)).toEqual([{ n: 600_000, total: (3 * 599_999 * 600_000) / 2 }]);
      await small.run("SET max_temp_directory_size = '0KB'");
      await expect(small.rows(join600k)).rejects.toThrow(/Out of Memory/);
    } finally {
      small.close();
    }
  });

  it('names the bad option', async () => {
    await expect(openDuckDB({ threads: 0 })).rejects.toThrow(/openDuckDB: threads must be a positive integer/);
  });
});
