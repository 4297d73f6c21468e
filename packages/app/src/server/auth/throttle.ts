/**
 * The login throttle of class mode: after a few wrong passwords for one username, further
 * attempts wait, for longer each time, and get a 429 with `Retry-After` instead of a
 * password check. The policy follows OWASP's Authentication Cheat Sheet ("Account lockout"):
 *
 * - the counter belongs to the account (the username), not to the client's address, so a
 *   guesser spreading requests over many machines or app instances gains nothing;
 * - a lockout threshold (5 failed logins), an observation window (failures are forgotten after
 *   an hour without one) and a lockout duration that starts short and doubles (1, 2, 4, 8
 *   minutes, then at most 15), the cheat sheet's "exponential lockout";
 * - never a permanent lock: anyone can lock a learner out by guessing, so a lock ends by
 *   itself; 15 minutes is the longest a learner waits in class;
 * - the same answer whether or not the account exists: failures are counted per name typed.
 *
 * What that allows a guesser: 5 tries, then 4 in the next 15 minutes, then 4 an hour — about
 * 100 a day per account, against passwords of at least 10 characters (scrypt-hashed).
 * NIST SP 800-63B §5.2.2 asks for at most 100 consecutive failures per account; meeting that
 * to the letter needs a permanent lock, which OWASP warns turns guessing into denial of service.
 *
 * State lives in the `login_throttle` table, so every instance behind a load balancer sees
 * the same counts. An attempt is counted *before* its password is checked, in one short
 * transaction, so concurrent attempts (on one instance or several) cannot all slip past the
 * threshold while scrypt runs; a correct password then clears the count.
 *
 * @example
 * const throttle = new LoginThrottle(sql);
 * const wait = await throttle.attempt('ada');   // undefined: go on and check the password
 * if (passwordOk) await throttle.succeeded('ada');
 */
import type { Sql } from '../db/sql.js';

export interface ThrottlePolicy {
  /** Failed logins after which the username is locked. */
  threshold: number;
  /** Failures are forgotten after this long without one. */
  forgetMs: number;
  /** The first lock; each further failure doubles it ... */
  firstLockMs: number;
  /** ... up to this. */
  maxLockMs: number;
}

export const LOGIN_POLICY: ThrottlePolicy = { threshold: 5, forgetMs: 60 * 60_000, firstLockMs: 60_000, maxLockMs: 15 * 60_000 };

/** A refused attempt: when the username may try again. */
export interface Throttled {
  retryAt: Date;
  /** Whole seconds to wait (the `Retry-After` value), at least 1. */
  retryAfterS: number;
}

interface Row {
  failures: number;
  last_failure_at: string;
  locked_until: string | null;
}

/** How long the `failures`-th failure locks the username (0 below the threshold). */
export function lockMs(failures: number, policy: ThrottlePolicy = LOGIN_POLICY): number {
  if (failures < policy.threshold) return 0;
  return Math.min(policy.maxLockMs, policy.firstLockMs * 2 ** Math.min(30, failures - policy.threshold));
}

export class LoginThrottle {
  constructor(readonly sql: Sql, readonly policy: ThrottlePolicy = LOGIN_POLICY, readonly now: () => number = Date.now) {}

  /**
   * Counts one attempt for `username` (lower-cased) and returns undefined if it may go on to
   * the password check, or when to come back if the username is locked.
   */
  async attempt(username: string): Promise<Throttled | undefined> {
    const name = username.trim().toLowerCase();
    const now = this.now();
    const iso = new Date(now).toISOString();
    return this.sql.transaction(async (tx) => {
      await tx.run('INSERT INTO login_throttle (username, failures, last_failure_at) VALUES (?, 0, ?) ON CONFLICT (username) DO NOTHING', [name, iso]);
      // A no-op write first: on PostgreSQL it takes the row lock, so a concurrent attempt on
      // another instance waits here and then reads our count. (SQLite's transaction is exclusive.)
      await tx.run('UPDATE login_throttle SET failures = failures WHERE username = ?', [name]);
      const row = (await tx.get<Row>('SELECT failures, last_failure_at, locked_until FROM login_throttle WHERE username = ?', [name]))!;
      if (row.locked_until !== null && Date.parse(row.locked_until) > now) {
        const retryAt = new Date(row.locked_until);
        return { retryAt, retryAfterS: Math.max(1, Math.ceil((retryAt.getTime() - now) / 1000)) };
      }
      const failures = now - Date.parse(row.last_failure_at) >= this.policy.forgetMs ? 1 : Number(row.failures) + 1;
      const lock = lockMs(failures, this.policy);
      await tx.run('UPDATE login_throttle SET failures = ?, last_failure_at = ?, locked_until = ? WHERE username = ?',
        [failures, iso, lock > 0 ? new Date(now + lock).toISOString() : null, name]);
      return undefined;
    });
  }

  /** The password was right: forget the username's failures. */
  async succeeded(username: string): Promise<void> {
    await this.sql.run('DELETE FROM login_throttle WHERE username = ?', [username.trim().toLowerCase()]);
  }

  /** Deletes counts nobody has added to for `forgetMs` (run now and then; they are ignored anyway). */
  async prune(): Promise<number> {
    return (await this.sql.run('DELETE FROM login_throttle WHERE last_failure_at <= ?', [new Date(this.now() - this.policy.forgetMs).toISOString()])).changes;
  }
}

/** The 429 message: how long to wait and until when, in the server's UTC. */
export function throttledMessage(t: Throttled): string {
  const wait = t.retryAfterS < 60 ? `${t.retryAfterS} s` : `${Math.ceil(t.retryAfterS / 60)} min`;
  const at = new Date(Math.ceil(t.retryAt.getTime() / 60_000) * 60_000); // the next whole minute
  return `Too many failed logins for this username. Try again in ${wait} (at ${at.toISOString().slice(11, 16)} UTC).`;
}
