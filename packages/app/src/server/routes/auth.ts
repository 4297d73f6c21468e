/**
 * Logging in, in class mode. Every `/api/` request except health, `me`, login, sign-up and
 * password reset needs a session cookie; its user's id scopes every read and write of progress, edits and
 * practice. In one-person mode none of this runs: the learner is user 0 and nobody logs in.
 *
 * The cookie is HttpOnly (page scripts cannot read it), SameSite=Strict (the browser never
 * sends it with a request another site starts), Path=/ and, when the class is served over
 * HTTPS, Secure. The session itself is a row in the database, so any instance answers it.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Accounts, MIN_PASSWORD, type Role, type User } from '../auth/accounts.js';
import { HttpError } from '../errors.js';
import { ERROR } from './common.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The learner whose data this request reads and writes (0 in one-person mode). */
    userId: number;
    /** The logged-in user in class mode. */
    user: User | null;
  }
}

export const SESSION_COOKIE = 'descent_session';
const PUBLIC_API = new Set(['/api/health', '/api/auth/me', '/api/auth/login', '/api/auth/signup', '/api/auth/reset', '/api/auth/logout']);

export interface AuthOptions {
  accounts: Accounts;
  /** Mark the cookie Secure (the class is served over HTTPS). */
  secureCookie: boolean;
}

/** The value of cookie `name` in a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Sets `request.userId` for every request: 0 in one-person mode, the session's user in class mode. */
export function addUserScope(app: FastifyInstance, accounts: Accounts | undefined): void {
  app.decorateRequest('userId', 0);
  app.decorateRequest('user', null);
  if (accounts === undefined) return;
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0]!;
    const t = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (t !== undefined && t !== '') {
      const user = await accounts.session(t);
      if (user !== undefined) {
        request.user = user;
        request.userId = user.id;
      }
    }
    if (!path.startsWith('/api/') || PUBLIC_API.has(path)) return;
    if (request.user === null) throw new HttpError(401, 'Log in first: this Descent serves a class, and every learner has an account (ask your instructor for one).');
    if (path.startsWith('/api/class/') && request.user.role !== 'instructor') throw new HttpError(403, 'Only an instructor may see the class pages.');
  });
}

const CREDENTIALS = {
  username: { type: 'string', minLength: 1, maxLength: 40 },
  password: { type: 'string', minLength: 1, maxLength: 200 },
} as const;
const ROLE = { type: 'string', enum: ['learner', 'instructor'] } as const;

function setSession(reply: FastifyReply, t: string, maxAgeS: number, secure: boolean): void {
  reply.header('set-cookie', `${SESSION_COOKIE}=${t}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${secure ? '; Secure' : ''}`);
}

const publicUser = (u: User) => ({ id: u.id, username: u.username, role: u.role });

export const authRoutes: FastifyPluginAsync<AuthOptions | { accounts?: undefined }> = async (app, options) => {
  const { accounts } = options;
  app.get('/api/auth/me', async (request) => ({ mode: accounts === undefined ? 'single' : 'class', user: request.user && publicUser(request.user) }));
  if (accounts === undefined) return;
  const secure = (options as AuthOptions).secureCookie;
  const maxAge = Math.floor(accounts.sessionTtlMs / 1000);

  const logIn = async (reply: FastifyReply, username: string, password: string) => {
    const t = await accounts.login(username, password);
    if (t === undefined) throw new HttpError(401, 'Wrong username or password.');
    setSession(reply, t, maxAge, secure);
    return { user: publicUser((await accounts.session(t))!) };
  };

  app.post<{ Body: { username: string; password: string } }>('/api/auth/login', {
    bodyLimit: 4096,
    schema: { body: { type: 'object', properties: CREDENTIALS, required: ['username', 'password'], additionalProperties: false }, response: { 401: ERROR, 429: ERROR } },
  }, async (request, reply) => logIn(reply, request.body.username, request.body.password));

  app.post<{ Body: { invite: string; username: string; password: string } }>('/api/auth/signup', {
    bodyLimit: 4096,
    schema: {
      body: { type: 'object', properties: { ...CREDENTIALS, invite: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['invite', 'username', 'password'], additionalProperties: false },
    },
  }, async (request, reply) => {
    await accounts.signUp(request.body.invite, request.body.username, request.body.password);
    return logIn(reply, request.body.username, request.body.password);
  });

  // A learner who forgot their password sets a new one with the code their instructor made
  // (POST /api/class/password-resets), and is logged in with it.
  app.post<{ Body: { code: string; password: string } }>('/api/auth/reset', {
    bodyLimit: 4096,
    schema: {
      body: { type: 'object', properties: { code: { type: 'string', minLength: 1, maxLength: 100 }, password: CREDENTIALS.password }, required: ['code', 'password'], additionalProperties: false },
    },
  }, async (request, reply) => logIn(reply, await accounts.resetPassword(request.body.code, request.body.password), request.body.password));

  app.post('/api/auth/logout', { bodyLimit: 1024 }, async (request: FastifyRequest, reply) => {
    const t = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (t !== undefined) await accounts.logout(t);
    setSession(reply, '', 0, secure);
    return { ok: true };
  });

  app.post<{ Body: { username: string; password: string; role: Role } }>('/api/class/users', {
    bodyLimit: 4096,
    schema: { body: { type: 'object', properties: { ...CREDENTIALS, password: { type: 'string', minLength: MIN_PASSWORD, maxLength: 200 }, role: ROLE }, required: ['username', 'password', 'role'], additionalProperties: false } },
  }, async (request) => ({ id: await accounts.createUser(request.body.username, request.body.password, request.body.role) }));

  app.get('/api/class/users', async () => ({ users: (await accounts.users()).map(publicUser) }));

  app.post<{ Body: { username: string; hours?: number } }>('/api/class/password-resets', {
    bodyLimit: 1024,
    schema: { body: { type: 'object', properties: { username: CREDENTIALS.username, hours: { type: 'integer', minimum: 1, maximum: 24 * 14 } }, required: ['username'], additionalProperties: false } },
  }, async (request) => accounts.createPasswordReset(request.body.username, request.user!.id, request.body.hours ?? 24));

  app.post<{ Body: { role?: Role; uses?: number; days?: number } }>('/api/class/invites', {
    bodyLimit: 1024,
    schema: { body: { type: 'object', properties: { role: ROLE, uses: { type: 'integer', minimum: 1, maximum: 10_000 }, days: { type: 'integer', minimum: 1, maximum: 365 } }, additionalProperties: false } },
  }, async (request) => accounts.createInvite(request.body.role ?? 'learner', request.user!.id, request.body.uses ?? 50, request.body.days ?? 14));
};
