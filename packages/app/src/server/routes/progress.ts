/**
 * Writing the learner's work: cell edits (save, read, reset to the original), cell runs,
 * exercise attempts and visits. Each write is one SQLite transaction, and the reply is sent
 * only after it commits: an acknowledged write is on disk.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AttemptView, CellEditView, LessonState } from '../../shared/api.js';
import { hashCode } from '../catalog.js';
import {
  CELL_INDEX, CODE, ERROR, EXERCISE_ID, LESSON_ID, cellOr404, exerciseOr404, lessonOr404, stateOf, updateCompletion, type RouteDeps,
} from './common.js';

const cellParams = { type: 'object', properties: { id: LESSON_ID, cell: CELL_INDEX }, required: ['id', 'cell'] } as const;
const exerciseParams = { type: 'object', properties: { id: LESSON_ID, exercise: EXERCISE_ID }, required: ['id', 'exercise'] } as const;
const anyObject = { type: 'object', additionalProperties: true } as const;
/** Body limits per route: a write without a body needs none; code is at most 200,000 characters (up to ~6 bytes each in JSON). */
const NO_BODY = 1024;
const CODE_BODY = 1024 * 1024;

const TEST_OUTCOME = {
  type: 'object',
  properties: { name: { type: 'string', maxLength: 1000 }, passed: { type: 'boolean' }, error: { type: 'string', maxLength: 10_000 } },
  required: ['name', 'passed'],
  additionalProperties: false,
} as const;

interface CellParams { id: string; cell: string }
interface ExerciseParams { id: string; exercise: string }

export const progressRoutes: FastifyPluginAsync<RouteDeps> = async (app, { catalog, store: shared }) => {
  const mine = (request: FastifyRequest) => shared.forUser(request.userId);

  app.put<{ Params: CellParams; Body: { code: string } }>('/api/lessons/:id/cells/:cell/edit', {
    bodyLimit: CODE_BODY,
    schema: {
      params: cellParams,
      body: { type: 'object', properties: { code: CODE }, required: ['code'], additionalProperties: false },
      response: { 200: anyObject, 404: ERROR },
    },
  }, async (request): Promise<{ edit: CellEditView }> => {
    const lesson = lessonOr404(catalog, request.params.id);
    const cell = cellOr404(lesson, Number(request.params.cell));
    if (cell.role === 'solution' || cell.role === 'test') {
      throw Object.assign(new Error(`Cell ${cell.index} is the ${cell.role} of exercise "${cell.exercise}"; only its starter (cell ${cell.index - (cell.role === 'solution' ? 1 : 2)}) is the learner's to edit.`), { statusCode: 400 });
    }
    const e = await mine(request).saveEdit(lesson.view.id, cell.index, request.body.code, cell.hash);
    return { edit: { cell: e.cell, code: e.code, updatedAt: e.updatedAt, stale: false } };
  });

  app.get<{ Params: CellParams }>('/api/lessons/:id/cells/:cell/edit', {
    schema: { params: cellParams, response: { 200: anyObject, 404: ERROR } },
  }, async (request): Promise<{ edit: CellEditView | null; original: string }> => {
    const lesson = lessonOr404(catalog, request.params.id);
    const cell = cellOr404(lesson, Number(request.params.cell));
    const e = await mine(request).getEdit(lesson.view.id, cell.index);
    return { edit: e ? { cell: e.cell, code: e.code, updatedAt: e.updatedAt, stale: e.originalHash !== hashCode(cell.code) } : null, original: cell.code };
  });

  app.delete<{ Params: CellParams }>('/api/lessons/:id/cells/:cell/edit', {
    bodyLimit: NO_BODY,
    schema: { params: cellParams, response: { 200: anyObject, 404: ERROR } },
  }, async (request): Promise<{ deleted: boolean; original: string }> => {
    const lesson = lessonOr404(catalog, request.params.id);
    const cell = cellOr404(lesson, Number(request.params.cell));
    return { deleted: await mine(request).deleteEdit(lesson.view.id, cell.index), original: cell.code };
  });

  app.post<{ Params: CellParams }>('/api/lessons/:id/cells/:cell/runs', {
    bodyLimit: NO_BODY,
    schema: { params: cellParams, response: { 200: anyObject, 404: ERROR } },
  }, async (request): Promise<{ state: LessonState }> => {
    const lesson = lessonOr404(catalog, request.params.id);
    const cell = cellOr404(lesson, Number(request.params.cell));
    return { state: await mine(request).transaction(async (store) => {
      await store.recordRun(lesson.view.id, cell.index);
      return updateCompletion(store, lesson);
    }) };
  });

  app.post<{ Params: ExerciseParams; Body: { code: string; passed: boolean; tests: AttemptView['tests']; error?: string } }>(
    '/api/lessons/:id/exercises/:exercise/attempts', {
      bodyLimit: CODE_BODY,
      schema: {
        params: exerciseParams,
        body: {
          type: 'object',
          properties: { code: CODE, passed: { type: 'boolean' }, tests: { type: 'array', items: TEST_OUTCOME, maxItems: 200 }, error: { type: 'string', maxLength: 10_000 } },
          required: ['code', 'passed', 'tests'],
          additionalProperties: false,
        },
        response: { 200: anyObject, 404: ERROR },
      },
    }, async (request): Promise<{ attempt: AttemptView; state: LessonState }> => {
      const lesson = lessonOr404(catalog, request.params.id);
      const exercise = exerciseOr404(lesson, request.params.exercise);
      const { code, passed, tests, error } = request.body;
      if (passed && (error !== undefined || tests.some((t) => !t.passed))) {
        throw Object.assign(new Error('An attempt cannot pass with a failed test or an error: send passed: false.'), { statusCode: 400 });
      }
      return mine(request).transaction(async (store) => {
        const attempt = await store.addAttempt(lesson.view.id, exercise.id, error === undefined ? { code, passed, tests } : { code, passed, tests, error });
        return { attempt, state: await updateCompletion(store, lesson) };
      });
    });

  app.get<{ Params: ExerciseParams }>('/api/lessons/:id/exercises/:exercise/attempts', {
    schema: { params: exerciseParams, response: { 200: anyObject, 404: ERROR } },
  }, async (request): Promise<{ attempts: AttemptView[] }> => {
    const lesson = lessonOr404(catalog, request.params.id);
    const exercise = exerciseOr404(lesson, request.params.exercise);
    return { attempts: await mine(request).attempts(lesson.view.id, exercise.id) };
  });

  app.post<{ Params: { id: string } }>('/api/lessons/:id/visit', {
    bodyLimit: NO_BODY,
    schema: { params: { type: 'object', properties: { id: LESSON_ID }, required: ['id'] }, response: { 200: anyObject, 404: ERROR } },
  }, async (request): Promise<{ state: LessonState }> => {
    const lesson = lessonOr404(catalog, request.params.id);
    const store = mine(request);
    await store.visit(lesson.view.id);
    const { visitedAt: _visited, ...state } = await stateOf(store, lesson);
    return { state };
  });
};
