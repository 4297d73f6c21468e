/**
 * The JSON API, through `app.inject` (no network): every route's answers, and that bad input
 * gets a 4xx with a message the client can show, never a 5xx.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Curriculum, LessonView } from '../src/shared/api.js';
import { buildServer } from '../src/server/index.js';
import { copyFixtureLessons, tempDir } from './helpers.js';

const tmp = tempDir();
let app: FastifyInstance;
let lessonsDir: string;

beforeAll(async () => {
  lessonsDir = copyFixtureLessons(tmp.dir);
  app = await buildServer({ dbPath: join(tmp.dir, 'db', 'test.db'), lessonsDir, clientDir: join(tmp.dir, 'no-client') });
});
afterAll(async () => {
  await app.close();
  tmp.cleanup();
});

const get = async <T>(url: string) => {
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json() as T };
};
const send = async <T>(method: 'PUT' | 'POST' | 'DELETE', url: string, payload?: unknown) => {
  // The page sends JSON, or the client header on a write without a body (see security.test.ts).
  const res = await app.inject({ method, url, ...(payload === undefined ? { headers: { 'x-descent-client': '1' } } : { payload: payload as object }) });
  return { status: res.statusCode, body: res.json() as T };
};

describe('reading lessons', () => {
  it('lists the curriculum by part, with existing lessons linked and the rest coming', async () => {
    const { status, body } = await get<Curriculum>('/api/curriculum');
    expect(status).toBe(200);
    expect(body.parts.map((p) => p.title)).toEqual(['Foundations', 'Data']);
    const [mean, calculus] = body.parts[0].lessons;
    expect(mean).toMatchObject({ number: 1, id: '01-mean', title: 'The mean, by hand and by gradient descent', minutes: 10 });
    expect(mean.progress).toEqual({ cellsRun: 0, cells: 2, exercisesSolved: 0, exercises: 1, completed: false });
    expect(calculus).toMatchObject({ number: 3, id: null, title: 'Calculus' });
    expect(body.parts[1].lessons[0].id).toBe('02-tables');
  });

  it('serves one lesson: prose with KaTeX rendered, cells with their roles, exercises, neighbours', async () => {
    const { status, body } = await get<LessonView>('/api/lessons/01-mean');
    expect(status).toBe(200);
    expect(body.title).toBe('The mean, by hand and by gradient descent');
    expect(body.partTitle).toBe('Foundations');
    expect(body.cells.map((c) => c.role)).toEqual(['code', 'code', 'starter', 'solution', 'test']);
    expect(body.exercises).toEqual([{ id: 'mean', starter: 3, solution: 4, test: 5 }]);
    const prose = body.blocks.filter((b) => b.kind === 'prose').map((b) => (b as { html: string }).html).join('');
    expect(prose).toContain('class="katex');
    expect(prose).toContain('<h2');
    expect(body.cells[1].noteHtml).toContain('variance');
    expect(body.cells[0].html).toContain('tok-keyword');
    expect(body.next).toEqual({ id: '02-tables', title: 'Tables of numbers' });
    expect(body.previous).toBeUndefined();
    expect(body.state).toEqual({ cellsRun: [], solved: [], edits: [] });
  });

  it('answers 404 for a lesson that does not exist, naming the ones that do', async () => {
    const { status, body } = await get<{ error: string }>('/api/lessons/99-nothing');
    expect(status).toBe(404);
    expect(body.error).toMatch(/No lesson "99-nothing".*01-mean, 02-tables/);
  });

  it('answers 400 for a malformed lesson id', async () => {
    const { status, body } = await get<{ error: string }>('/api/lessons/..%2Fetc');
    expect(status).toBe(400);
    expect(body.error).toMatch(/Invalid request: params\/id must match pattern/);
  });

  it('searches the lessons\' prose and code, best match first', async () => {
    const { body } = await get<{ hits: { id: string; snippet: string }[] }>('/api/search?q=gradient%20descent');
    expect(body.hits.map((h) => h.id)).toEqual(['01-mean']);
    expect(body.hits[0].snippet.toLowerCase()).toContain('gradient');
    expect((await get<{ hits: unknown[] }>('/api/search?q=squares')).body.hits).toHaveLength(1);
    expect((await get<{ hits: unknown[] }>('/api/search?q=zebra')).body.hits).toEqual([]);
    expect((await get('/api/search')).status).toBe(400);
  });

  it('answers 404 as JSON for an unknown API route', async () => {
    const { status, body } = await get<{ error: string }>('/api/nothing');
    expect(status).toBe(404);
    expect(body.error).toBe('No route GET /api/nothing.');
  });
});

describe('cell edits', () => {
  it('saves an edit, returns it with the lesson, and resets to the original', async () => {
    const put = await send<{ edit: { code: string } }>('PUT', '/api/lessons/01-mean/cells/1/edit', { code: 'const data = [1, 2];' });
    expect(put.status).toBe(200);
    expect(put.body.edit.code).toBe('const data = [1, 2];');
    const again = await send('PUT', '/api/lessons/01-mean/cells/1/edit', { code: 'const data = [1, 2, 3];' });
    expect(again.status).toBe(200);
    expect((await get<{ edit: { code: string; stale: boolean } }>('/api/lessons/01-mean/cells/1/edit')).body.edit)
      .toMatchObject({ code: 'const data = [1, 2, 3];', stale: false });
    const lesson = (await get<LessonView>('/api/lessons/01-mean')).body;
    expect(lesson.state.edits).toMatchObject([{ cell: 1, code: 'const data = [1, 2, 3];', stale: false }]);

    const reset = await send<{ deleted: boolean; original: string }>('DELETE', '/api/lessons/01-mean/cells/1/edit');
    expect(reset.body).toEqual({ deleted: true, original: lesson.cells[0].code });
    expect((await get<{ edit: unknown }>('/api/lessons/01-mean/cells/1/edit')).body.edit).toBeNull();
    expect((await send<{ deleted: boolean }>('DELETE', '/api/lessons/01-mean/cells/1/edit')).body.deleted).toBe(false);
  });

  it('marks an edit stale when the lesson\'s own code changed after it was saved', async () => {
    await send('PUT', '/api/lessons/02-tables/cells/1/edit', { code: 'table([]);' });
    const file = join(lessonsDir, '02-tables.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('[1, 2, 3]', '[1, 2, 3, 4]'));
    const lesson = (await get<LessonView>('/api/lessons/02-tables')).body;
    expect(lesson.cells[0].code).toContain('[1, 2, 3, 4]');
    expect(lesson.state.edits).toMatchObject([{ cell: 1, code: 'table([]);', stale: true }]);
  });

  it('edits only the learner\'s cells: a solution or test cell is refused', async () => {
    const { status, body } = await send<{ error: string }>('PUT', '/api/lessons/01-mean/cells/4/edit', { code: 'x' });
    expect(status).toBe(400);
    expect(body.error).toMatch(/solution of exercise "mean".*starter \(cell 3\)/);
  });

  it('rejects bad edits with 4xx and a message', async () => {
    const cases: [string, string, unknown, number, RegExp][] = [
      ['PUT', '/api/lessons/01-mean/cells/1/edit', { code: 42 }, 400, /body\/code must be string/],
      ['PUT', '/api/lessons/01-mean/cells/1/edit', {}, 400, /must have required property 'code'/],
      ['PUT', '/api/lessons/01-mean/cells/1/edit', { code: 'x', extra: 1 }, 400, /must NOT have additional properties/],
      ['PUT', '/api/lessons/01-mean/cells/0/edit', { code: 'x' }, 400, /params\/cell must match pattern/],
      ['PUT', '/api/lessons/01-mean/cells/abc/edit', { code: 'x' }, 400, /params\/cell must match pattern/],
      ['PUT', '/api/lessons/01-mean/cells/9/edit', { code: 'x' }, 404, /has 5 cells; there is no cell 9/],
      ['PUT', '/api/lessons/99-none/cells/1/edit', { code: 'x' }, 404, /No lesson "99-none"/],
      ['PUT', '/api/lessons/01-mean/cells/1/edit', { code: 'x'.repeat(200_001) }, 400, /must NOT have more than 200000 characters/],
    ];
    for (const [method, url, payload, status, message] of cases) {
      const res = await send<{ error: string }>(method as 'PUT', url, payload);
      expect({ url, status: res.status }).toEqual({ url, status });
      expect(res.body.error).toMatch(message);
    }
  });

  it('rejects a body that is not JSON, and one past the size limit', async () => {
    const broken = await app.inject({ method: 'PUT', url: '/api/lessons/01-mean/cells/1/edit', headers: { 'content-type': 'application/json' }, payload: '{"code": ' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error).toMatch(/JSON/);
    const huge = await app.inject({ method: 'PUT', url: '/api/lessons/01-mean/cells/1/edit', payload: { code: 'x'.repeat(2_000_000) } });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error).toMatch(/too large/i);
  });
});

describe('progress and exercises', () => {
  it('records cell runs and attempts, solves the exercise, and completes the lesson when all is done', async () => {
    let r = await send<{ state: { cellsRun: number[]; completedAt?: string } }>('POST', '/api/lessons/01-mean/cells/1/runs');
    expect(r.body.state.cellsRun).toEqual([1]);
    r = await send('POST', '/api/lessons/01-mean/cells/2/runs');
    expect(r.body.state.cellsRun).toEqual([1, 2]);
    expect(r.body.state.completedAt).toBeUndefined();

    const failed = await send<{ attempt: { passed: boolean }; state: { solved: string[] } }>('POST', '/api/lessons/01-mean/exercises/mean/attempts', {
      code: 'function mean() { return 0; }', passed: false,
      tests: [{ name: 'mean of the data is 31/6', passed: false, error: 'expected 5.1667, got 0' }],
    });
    expect(failed.status).toBe(200);
    expect(failed.body.state.solved).toEqual([]);

    const solved = await send<{ attempt: { id: number; passed: boolean }; state: { solved: string[]; completedAt?: string } }>(
      'POST', '/api/lessons/01-mean/exercises/mean/attempts', { code: 'function mean(xs) { … }', passed: true, tests: [{ name: 't', passed: true }] });
    expect(solved.body.attempt.passed).toBe(true);
    expect(solved.body.state.solved).toEqual(['mean']);
    expect(solved.body.state.completedAt).toEqual(expect.any(String));

    // A later failing attempt does not take the solve away.
    await send('POST', '/api/lessons/01-mean/exercises/mean/attempts', { code: 'oops', passed: false, tests: [], error: 'SyntaxError: oops' });
    const attempts = (await get<{ attempts: { passed: boolean; error?: string }[] }>('/api/lessons/01-mean/exercises/mean/attempts')).body.attempts;
    expect(attempts.map((a) => a.passed)).toEqual([false, true, false]);
    expect(attempts[0].error).toBe('SyntaxError: oops');

    const curriculum = (await get<Curriculum>('/api/curriculum')).body;
    expect(curriculum.parts[0].lessons[0].progress).toEqual({ cellsRun: 2, cells: 2, exercisesSolved: 1, exercises: 1, completed: true });
  });

  it('rejects inconsistent or malformed attempts', async () => {
    const bad: [string, unknown, number, RegExp][] = [
      ['/api/lessons/01-mean/exercises/mean/attempts', { code: 'x', passed: true, tests: [{ name: 'a', passed: false }] }, 400, /cannot pass with a failed test/],
      ['/api/lessons/01-mean/exercises/mean/attempts', { code: 'x', passed: 'yes', tests: [] }, 400, /body\/passed must be boolean/],
      ['/api/lessons/01-mean/exercises/mean/attempts', { code: 'x', passed: false, tests: [{ passed: false }] }, 400, /must have required property 'name'/],
      ['/api/lessons/01-mean/exercises/median/attempts', { code: 'x', passed: false, tests: [] }, 404, /no exercise "median" \(its exercises: mean\)/],
      ['/api/lessons/01-mean/cells/77/runs', undefined, 404, /no cell 77/],
    ];
    for (const [url, payload, status, message] of bad) {
      const res = await send<{ error: string }>('POST', url, payload);
      expect({ url, status: res.status }).toEqual({ url, status });
      expect(res.body.error).toMatch(message);
    }
  });

  it('records a visit', async () => {
    expect((await send('POST', '/api/lessons/02-tables/visit')).status).toBe(200);
    const lesson = (await get<Curriculum>('/api/curriculum')).body.parts[1].lessons[0];
    expect(lesson.visitedAt).toEqual(expect.any(String));
  });
});

describe('pages', () => {
  it('explains that the client is not built when there is no client folder', async () => {
    const res = await app.inject({ method: 'GET', url: '/lessons/01-mean' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toMatch(/npm start/);
  });

  it('serves the single page for every client route, and 404 for missing assets', async () => {
    const clientDir = join(tmp.dir, 'client');
    mkdirSync(join(clientDir, 'assets'), { recursive: true });
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Descent</title>');
    writeFileSync(join(clientDir, 'assets', 'app-abc123.js'), 'console.log(1)');
    const withClient = await buildServer({ dbPath: ':memory:', lessonsDir, clientDir });
    try {
      for (const url of ['/', '/lessons/01-mean', '/play/nn?lr=0.1']) {
        const res = await withClient.inject({ method: 'GET', url });
        expect(res.statusCode).toBe(200);
        expect(res.body).toContain('<title>Descent</title>');
      }
      const asset = await withClient.inject({ method: 'GET', url: '/assets/app-abc123.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toContain('immutable');
      expect((await withClient.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    } finally {
      await withClient.close();
    }
  });
});
