/**
 * The local server against other web pages and bad clients: DNS rebinding (foreign Host),
 * cross-site writes (foreign Origin, text/plain forms, no-cors fetches), the response headers,
 * validation and body-size caps, the storage quota, a busy or damaged database, 5xx logging
 * and a body that never arrives. Each case here was accepted before the hardening.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupPaths } from '../src/server/db/health.js';
import { buildServer, type ServerOptions } from '../src/server/index.js';
import { copyFixtureLessons, tempDir } from './helpers.js';

const tmp = tempDir('descent-security-');
let lessonsDir: string;
let app: FastifyInstance;
const logLines: string[] = [];
const dbPath = () => join(tmp.dir, 'main.db');

const start = (options: Partial<ServerOptions> = {}) =>
  buildServer({ dbPath: ':memory:', lessonsDir, clientDir: join(tmp.dir, 'no-client'), ...options });

beforeAll(async () => {
  lessonsDir = copyFixtureLessons(tmp.dir);
  app = await start({ dbPath: dbPath(), logStream: { write: (line) => void logLines.push(line) }, busyTimeoutMs: 200 });
});
afterAll(async () => {
  await app.close();
  tmp.cleanup();
});

const JSON_TYPE = { 'content-type': 'application/json' };

describe('who may talk to the server', () => {
  it('answers only loopback Host names, so a DNS-rebinding page cannot read or write', async () => {
    for (const host of ['evil.example', 'evil.example:4173', '127.0.0.1.evil.example']) {
      const res = await app.inject({ method: 'GET', url: '/api/curriculum', headers: { host } });
      expect({ host, status: res.statusCode }).toEqual({ host, status: 403 });
      expect(res.json().error).toMatch(/only requests addressed to this machine/);
    }
    for (const host of ['127.0.0.1:4173', 'localhost:4173', 'LOCALHOST', '[::1]:4173']) {
      const res = await app.inject({ method: 'GET', url: '/api/health', headers: { host } });
      expect({ host, status: res.statusCode }).toEqual({ host, status: 200 });
    }
  });

  it('accepts the address it was told to listen on as a Host too', async () => {
    const lan = await start({ listenHost: '192.168.1.20' });
    try {
      expect((await lan.inject({ method: 'GET', url: '/api/health', headers: { host: '192.168.1.20:4173' } })).statusCode).toBe(200);
      expect((await lan.inject({ method: 'GET', url: '/api/health', headers: { host: '192.168.1.21:4173' } })).statusCode).toBe(403);
    } finally {
      await lan.close();
    }
  });

  it('refuses writes from a foreign Origin, and takes them from its own page', async () => {
    const write = (origin: string) => app.inject({
      method: 'PUT', url: '/api/lessons/01-mean/cells/1/edit', headers: { host: '127.0.0.1:4173', origin, ...JSON_TYPE }, payload: { code: 'x' },
    });
    for (const origin of ['http://evil.example', 'null', 'http://127.0.0.1:9999', 'https://127.0.0.1:4173']) {
      const res = await write(origin);
      expect({ origin, status: res.statusCode }).toEqual({ origin, status: 403 });
      expect(res.json().error).toMatch(/only from Descent's own page/);
    }
    expect((await write('http://127.0.0.1:4173')).statusCode).toBe(200);
  });

  it('refuses writes a cross-site form or no-cors fetch can send: text/plain, form-encoded, no type at all', async () => {
    const cases: [string, Record<string, string>, string | undefined][] = [
      ['/api/lessons/01-mean/cells/1/runs', { 'content-type': 'text/plain' }, '{}'],
      ['/api/lessons/01-mean/visit', { 'content-type': 'application/x-www-form-urlencoded' }, 'a=1'],
      ['/api/lessons/01-mean/visit', { 'content-type': 'multipart/form-data; boundary=x' }, '--x--'],
      ['/api/lessons/01-mean/cells/1/runs', {}, undefined],
    ];
    for (const [url, headers, payload] of cases) {
      const res = await app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload }) });
      expect({ url, headers, status: res.statusCode }).toEqual({ url, headers, status: 415 });
      expect(res.json().error).toMatch(/Content-Type: application\/json.*x-descent-client/);
    }
    const ok = await app.inject({ method: 'POST', url: '/api/lessons/01-mean/visit', headers: { 'x-descent-client': '1' } });
    expect(ok.statusCode).toBe(200);
    const state = (await app.inject({ method: 'GET', url: '/api/lessons/01-mean' })).json().state;
    expect(state.cellsRun).toEqual([]); // none of the refused runs was recorded
  });
});

describe('response headers', () => {
  it('sends the CSP, nosniff, no framing and cross-origin isolation on API replies, errors and pages', async () => {
    for (const url of ['/api/health', '/api/nothing', '/lessons/01-mean']) {
      const h = (await app.inject({ method: 'GET', url })).headers;
      expect(h['content-security-policy']).toMatch(/default-src 'self'/);
      expect(h['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(h['content-security-policy']).not.toMatch(/'unsafe-eval'/);
      expect(h['x-content-type-options']).toBe('nosniff');
      expect(h['x-frame-options']).toBe('DENY');
      expect(h['cross-origin-opener-policy']).toBe('same-origin');
      expect(h['cross-origin-embedder-policy']).toBe('require-corp');
    }
    // Even a refused request carries them.
    const refused = await app.inject({ method: 'GET', url: '/api/health', headers: { host: 'evil.example' } });
    expect(refused.headers['cross-origin-embedder-policy']).toBe('require-corp');
  });

  it('lets only the app on its two loopback names frame the cell runner page, which stays loopback-only', async () => {
    const runner = (await app.inject({ method: 'GET', url: '/runner.html?parent=x', headers: { host: '127.0.0.1:4173' } })).headers;
    expect(runner['content-security-policy']).toMatch(/frame-ancestors http:\/\/127\.0\.0\.1:4173 http:\/\/localhost:4173(;|$)/);
    expect(runner['content-security-policy']).not.toMatch(/'unsafe-eval'/);
    expect(runner['x-frame-options']).toBeUndefined();
    // Embeddable by the isolated page on the other name, and isolated itself.
    expect(runner['cross-origin-resource-policy']).toBe('cross-origin');
    expect(runner['cross-origin-embedder-policy']).toBe('require-corp');
    // The page may frame the runner on this server's loopback origins only, and nobody frames the page.
    const page = (await app.inject({ method: 'GET', url: '/lessons/01-mean', headers: { host: 'localhost:4173' } })).headers;
    expect(page['content-security-policy']).toMatch(/frame-src http:\/\/127\.0\.0\.1:4173 http:\/\/localhost:4173(;|$)/);
    expect(page['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(page['cross-origin-resource-policy']).toBe('same-origin');
    const foreign = await app.inject({ method: 'GET', url: '/runner.html', headers: { host: 'evil.example:4173' } });
    expect(foreign.statusCode).toBe(403);
  });
});

describe('one request cannot stall everyone', () => {
  it('reports only the first validation problem, so a crafted body gets a short reply', async () => {
    const tests = Array.from({ length: 200 }, () => ({ name: 1, passed: 'no', extra: true }));
    const res = await app.inject({ method: 'POST', url: '/api/lessons/01-mean/exercises/mean/attempts', payload: { code: 'x', passed: false, tests } });
    expect(res.statusCode).toBe(400);
    expect(res.body.length).toBeLessThan(300);
    expect(res.json().error).toMatch(/^Invalid request: body\/tests\/0/);
  });

  it('caps the body per route: a write without a body takes at most 1 kB', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/lessons/01-mean/cells/1/runs', payload: { pad: 'x'.repeat(2000) } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatch(/too large/i);
  });

  it('caps what one learner stores: a clear 413 past the quota, and old attempts dropped per exercise', async () => {
    const small = await start({ quota: { storedChars: 1000, attemptsPerExercise: 3 } });
    try {
      const edit = (cell: number, n: number) => small.inject({ method: 'PUT', url: `/api/lessons/01-mean/cells/${cell}/edit`, payload: { code: 'x'.repeat(n) } });
      expect((await edit(1, 600)).statusCode).toBe(200);
      expect((await edit(1, 650)).statusCode).toBe(200); // replacing an edit counts only the growth
      const over = await edit(2, 600);
      expect(over.statusCode).toBe(413);
      expect(over.json().error).toMatch(/saved work is 0\.0 MB; storing this would pass the 0\.0 MB.*Reset cells/);
      await small.inject({ method: 'DELETE', url: '/api/lessons/01-mean/cells/1/edit', headers: { 'x-descent-client': '1' } });
      for (let i = 0; i < 5; i++) {
        const res = await small.inject({ method: 'POST', url: '/api/lessons/01-mean/exercises/mean/attempts', payload: { code: `try ${i}`, passed: false, tests: [] } });
        expect(res.statusCode).toBe(200);
      }
      const kept = (await small.inject({ method: 'GET', url: '/api/lessons/01-mean/exercises/mean/attempts' })).json().attempts as { code: string }[];
      expect(kept.map((a) => a.code)).toEqual(['try 4', 'try 3', 'try 2']);
    } finally {
      await small.close();
    }
  });
});

describe('a busy or damaged database', () => {
  it('answers 503 with Retry-After after a short wait when another process holds the write lock, and logs it', async () => {
    const other = new BetterSqlite3(dbPath());
    other.prepare('BEGIN IMMEDIATE').run();
    try {
      const t0 = performance.now();
      const res = await app.inject({ method: 'POST', url: '/api/lessons/01-mean/visit', headers: { 'x-descent-client': '1' } });
      expect(performance.now() - t0).toBeLessThan(3000);
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.json().error).toMatch(/database is busy.*Try again/);
      // Reading still works while the lock is held (WAL).
      expect((await app.inject({ method: 'GET', url: '/api/lessons/01-mean' })).statusCode).toBe(200);
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    expect(logLines.some((l) => /"level":50/.test(l) && /database busy/.test(l) && /"reqId":"req-/.test(l))).toBe(true);
  });

  it('logs every 5xx with its request id, without --verbose, and names the id in the reply', async () => {
    const other = new BetterSqlite3(dbPath());
    other.exec('ALTER TABLE lesson_progress RENAME TO lesson_progress_gone');
    try {
      const res = await app.inject({ method: 'POST', url: '/api/lessons/01-mean/visit', headers: { 'x-descent-client': '1' } });
      expect(res.statusCode).toBe(500);
      const id = /request (req-[\w-]+)/.exec(res.json().error)?.[1];
      expect(id).toBeDefined();
      expect(logLines.some((l) => l.includes(`"reqId":"${id}"`) && /no such table/.test(l))).toBe(true);
    } finally {
      other.exec('ALTER TABLE lesson_progress_gone RENAME TO lesson_progress');
      other.close();
    }
  });

  it('backs the database up at every start, keeping the newest three', async () => {
    const path = join(tmp.dir, 'backed-up.db');
    for (let i = 0; i < 4; i++) await (await start({ dbPath: path })).close();
    const paths = backupPaths(path, 4);
    expect(paths.map((p) => existsSync(p))).toEqual([true, true, true, false]);
    const copy = new BetterSqlite3(paths[0]!, { readonly: true });
    expect(copy.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: expect.any(Number) });
    copy.close();
  });

  it('refuses to start on a damaged file, naming it, the problem and how to recover', async () => {
    const path = join(tmp.dir, 'damaged.db');
    const server = await start({ dbPath: path });
    const inject = (i: number) => server.inject({ method: 'PUT', url: '/api/lessons/01-mean/cells/1/edit', payload: { code: `${i}`.repeat(3000) } });
    for (let i = 0; i < 40; i++) await inject(i);
    await server.close();
    // Scribble over the pages after the first (the first holds the header SQLite reads first).
    const bytes = readFileSync(path);
    expect(bytes.length).toBeGreaterThan(8 * 4096);
    for (let at = 4096; at < bytes.length; at += 4096) bytes.fill(0x5a, at, at + 200);
    writeFileSync(path, bytes);
    const message = await start({ dbPath: path }).then(() => 'started', (e: Error) => e.message);
    expect(message).toContain(`The database ${path} is damaged: `);
    expect(message).toMatch(/restore the newest backup[\s\S]*backup-1[\s\S]*fresh database[\s\S]*mv /);
  });

  it('refuses to start on a file that is not a database at all', async () => {
    const path = join(tmp.dir, 'notes.db');
    writeFileSync(path, 'These are my notes, not a database. '.repeat(200));
    await expect(start({ dbPath: path })).rejects.toThrow(/notes\.db is damaged: file is not a database[\s\S]*fresh database/);
  });
});

describe('slow clients', () => {
  it('drops a connection whose body is shorter than its Content-Length', async () => {
    const server = await start({ requestTimeoutMs: 300 });
    await server.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.server.address() as { port: number };
    try {
      const t0 = performance.now();
      let answer = '';
      const closedAfter = await new Promise<number>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(`PUT /api/lessons/01-mean/cells/1/edit HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"code":`);
        });
        socket.on('data', (chunk) => { answer += chunk.toString(); });
        socket.on('error', () => { /* a reset counts as closed */ });
        socket.on('close', () => resolve(performance.now() - t0));
        setTimeout(() => reject(new Error('the connection was still open after 5 s')), 5000);
      });
      expect(closedAfter).toBeGreaterThanOrEqual(250);
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      await server.close();
    }
  });

  it('waits for its own slow answer: only receiving the request is timed', async () => {
    const server = await start({ requestTimeoutMs: 300 });
    // A handler slower than the timeout, as a login is when many wait for scrypt at once.
    server.get('/api/slow-for-test', async () => {
      await new Promise((r) => setTimeout(r, 900));
      return { ok: true };
    });
    await server.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.server.address() as { port: number };
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/slow-for-test`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true });
    } finally {
      await server.close();
    }
  });
});
