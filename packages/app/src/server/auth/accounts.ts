/**
 * Accounts, sessions and invite codes of class mode, kept in the database so any app instance
 * can answer any request (nothing about a login lives in the process). A session token and an
 * invite code are 32 random bytes handed to the user once; only their SHA-256 is stored.
 *
 * @example
 * const accounts = new Accounts(sql);
 * const id = await accounts.createUser('ada', 'a long password', 'instructor');
 * const token = await accounts.login('ada', 'a long password'); // set as the session cookie
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from '../db/sql.js';
import { HttpError } from '../errors.js';
import { hashPassword, verifyPassword } from './password.js';
import { LoginThrottle, throttledMessage } from './throttle.js';

export type Role = 'learner' | 'instructor';

export interface User {
  id: number;
  username: string;
  role: Role;
  createdAt: string;
}

/** How long a session lasts without logging in again (a course day, and then some). */
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,39}$/;
export const MIN_PASSWORD = 10;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const token = () => randomBytes(32).toString('base64url');

// One hash to compare against when the user does not exist, so "no such user" takes as long as "wrong password".
let dummy: Promise<string> | undefined;

export class Accounts {
  constructor(readonly sql: Sql, readonly sessionTtlMs = SESSION_TTL_MS, readonly throttle = new LoginThrottle(sql)) {}

  /** Creates an account; a taken username or a weak password is a 400 that says which. */
  async createUser(username: string, password: string, role: Role): Promise<number> {
    const name = username.trim().toLowerCase();
    if (!USERNAME.test(name)) throw new HttpError(400, `A username is 2–40 characters: lower-case letters, digits, ".", "_" or "-", starting with a letter or digit; got "${username}".`);
    if (password.length < MIN_PASSWORD) throw new HttpError(400, `A password needs at least ${MIN_PASSWORD} characters.`);
    const hash = await hashPassword(password);
    try {
      return await this.sql.insert('INSERT INTO users (username, password, role, created_at) VALUES (?, ?, ?, ?)', [name, hash, role, new Date().toISOString()]);
    } catch (e) {
      const code = String((e as { code?: unknown }).code ?? '');
      if (code === '23505' || code.startsWith('SQLITE_CONSTRAINT')) throw new HttpError(409, `The username "${name}" is taken; choose another.`);
      throw e;
    }
  }

  async users(): Promise<User[]> {
    const rows = await this.sql.all<{ id: number; username: string; role: Role; created_at: string }>('SELECT id, username, role, created_at FROM users ORDER BY username');
    return rows.map((r) => ({ id: Number(r.id), username: r.username, role: r.role, createdAt: r.created_at }));
  }

  /**
   * A new session token for the right username and password, or undefined. After too many
   * failures for the username (existing or not) it throws a 429 that says when to try again.
   */
  async login(username: string, password: string): Promise<string | undefined> {
    const wait = await this.throttle.attempt(username);
    if (wait !== undefined) throw new HttpError(429, throttledMessage(wait), { 'retry-after': String(wait.retryAfterS) });
    const row = await this.sql.get<{ id: number; password: string }>('SELECT id, password FROM users WHERE username = ?', [username.trim().toLowerCase()]);
    if (row === undefined) {
      dummy ??= hashPassword('not a real password');
      await verifyPassword(password, await dummy);
      return undefined;
    }
    if (!(await verifyPassword(password, row.password))) return undefined;
    await this.throttle.succeeded(username);
    const t = token();
    const created = new Date();
    await this.sql.run('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
      [sha256(t), Number(row.id), created.toISOString(), new Date(created.getTime() + this.sessionTtlMs).toISOString()]);
    return t;
  }

  /** The user a session token belongs to, if the session exists and has not expired. */
  async session(t: string): Promise<User | undefined> {
    const row = await this.sql.get<{ id: number; username: string; role: Role; created_at: string }>(
      `SELECT u.id, u.username, u.role, u.created_at FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ? AND s.expires_at > ?`, [sha256(t), new Date().toISOString()]);
    return row && { id: Number(row.id), username: row.username, role: row.role, createdAt: row.created_at };
  }

  async logout(t: string): Promise<void> {
    await this.sql.run('DELETE FROM sessions WHERE token_hash = ?', [sha256(t)]);
  }

  /** Deletes expired sessions (run now and then; an expired one is refused anyway). */
  async pruneSessions(): Promise<number> {
    return (await this.sql.run('DELETE FROM sessions WHERE expires_at <= ?', [new Date().toISOString()])).changes;
  }

  /** A new invite code for `uses` sign-ups with `role`, valid for `days`. */
  async createInvite(role: Role, createdBy: number | null, uses = 50, days = 14): Promise<{ code: string; expiresAt: string }> {
    const code = token();
    const expiresAt = new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString();
    await this.sql.run('INSERT INTO invites (code_hash, role, created_by, uses_left, expires_at) VALUES (?, ?, ?, ?, ?)', [sha256(code), role, createdBy, uses, expiresAt]);
    return { code, expiresAt };
  }

  /**
   * A one-time code that lets `username` choose a new password, valid for `hours`: what an
   * instructor hands a learner who forgot theirs. A new code replaces any earlier one for the
   * account. An unknown username is a 404.
   */
  async createPasswordReset(username: string, createdBy: number | null, hours = 24): Promise<{ code: string; expiresAt: string }> {
    const user = await this.sql.get<{ id: number }>('SELECT id FROM users WHERE username = ?', [username.trim().toLowerCase()]);
    if (user === undefined) throw new HttpError(404, `No account is called "${username}".`);
    const code = token();
    const expiresAt = new Date(Date.now() + hours * 60 * 60 * 1000).toISOString();
    await this.sql.transaction(async (tx) => {
      await tx.run('DELETE FROM password_resets WHERE user_id = ?', [Number(user.id)]);
      await tx.run('INSERT INTO password_resets (code_hash, user_id, created_by, expires_at) VALUES (?, ?, ?, ?)', [sha256(code), Number(user.id), createdBy, expiresAt]);
    });
    return { code, expiresAt };
  }

  /**
   * Sets a new password with a reset code, which works once: the account's sessions end (a
   * device someone else used is logged out) and its failed logins are forgotten. Returns the
   * username. A code that is unknown, used or expired is a 403 that says what to do.
   */
  async resetPassword(code: string, password: string): Promise<string> {
    if (password.length < MIN_PASSWORD) throw new HttpError(400, `A password needs at least ${MIN_PASSWORD} characters.`);
    const hash = await hashPassword(password);
    const username = await this.sql.transaction(async (tx) => {
      const reset = await tx.get<{ user_id: number; expires_at: string }>('SELECT user_id, expires_at FROM password_resets WHERE code_hash = ?', [sha256(code)]);
      // Deleting the row is what makes the code single-use, also when two requests race.
      const used = reset === undefined ? 0 : (await tx.run('DELETE FROM password_resets WHERE code_hash = ?', [sha256(code)])).changes;
      if (reset === undefined || used !== 1 || reset.expires_at <= new Date().toISOString()) {
        throw new HttpError(403, 'That password-reset code is unknown, already used or expired. Ask your instructor for a new one.');
      }
      const id = Number(reset.user_id);
      await tx.run('UPDATE users SET password = ? WHERE id = ?', [hash, id]);
      await tx.run('DELETE FROM sessions WHERE user_id = ?', [id]);
      return (await tx.get<{ username: string }>('SELECT username FROM users WHERE id = ?', [id]))!.username;
    });
    await this.throttle.succeeded(username);
    return username;
  }

  /** Creates an account with an invite code's role, using up one of its uses, in one transaction. */
  async signUp(code: string, username: string, password: string): Promise<number> {
    return this.sql.transaction(async (tx) => {
      const used = await tx.run('UPDATE invites SET uses_left = uses_left - 1 WHERE code_hash = ? AND uses_left > 0 AND expires_at > ?', [sha256(code), new Date().toISOString()]);
      if (used.changes !== 1) throw new HttpError(403, 'That invite code is unknown, used up or expired. Ask your instructor for a new one.');
      const invite = await tx.get<{ role: Role }>('SELECT role FROM invites WHERE code_hash = ?', [sha256(code)]);
      return new Accounts(tx, this.sessionTtlMs).createUser(username, password, invite!.role);
    });
  }
}
