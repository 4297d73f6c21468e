/** sqliteSql keeps prepared statements by SQL text: reuse with new parameters, and past its cap. */
import BetterSqlite3 from 'better-sqlite3';
import { expect, it } from 'vitest';
import { sqliteSql } from '../src/server/db/sql.js';

it('reuses prepared statements, and keeps answering past the cache\'s 500 statements', async () => {
  const sql = sqliteSql(new BetterSqlite3(':memory:'));
  await sql.run('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  for (let i = 0; i < 600; i++) await sql.run(`INSERT INTO t (id, v) VALUES (?, 'v${i}')`, [i]); // 600 distinct statements
  expect(await sql.get('SELECT v FROM t WHERE id = ?', [599])).toEqual({ v: 'v599' });
  expect(await sql.get('SELECT v FROM t WHERE id = ?', [3])).toEqual({ v: 'v3' }); // the same statement, new parameters
  expect((await sql.all<{ n: number }>('SELECT COUNT(*) AS n FROM t'))[0]!.n).toBe(600);
  await sql.close();
});
