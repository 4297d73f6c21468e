/**
 * PostgreSQL for the app's tests: the server at DESCENT_TEST_PG_URL (.ci/run installs Debian's
 * postgresql and sets it). Each test file works in its own schema, dropped at the end, so
 * files running side by side (and descent/tune's tests in the same database) never collide.
 * Without the variable the PostgreSQL tests are skipped locally, and fail under CI=true.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_URL = process.env.DESCENT_TEST_PG_URL;
/** Under CI a missing PostgreSQL is a failure, never a silent skip. */
export const PG_REQUIRED = process.env.CI === 'true';
export const PG_MISSING = `DESCENT_TEST_PG_URL must be set under CI=true (see .ci/run's PostgreSQL block)`;

/** A fresh schema name for one test file. */
export const testSchema = (prefix: string) => `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;

/** Drops `schema` and everything in it. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
