/** Reading lessons: the curriculum map with progress, one lesson with the learner's state, search. */
import type { FastifyPluginAsync } from 'fastify';
import type { Curriculum, CurriculumLesson, LessonView, PrerenderedView, SearchHit } from '../../shared/api.js';
import { readPrerendered, servedPrerendered } from '../prerendered.js';
import { ERROR, LESSON_ID, lessonOr404, progressOf, stateOf, visibleState, type RouteDeps } from './common.js';

export const lessonRoutes: FastifyPluginAsync<RouteDeps> = async (app, { catalog, store, prerenderedDir }) => {
  app.get('/api/curriculum', {
    schema: { response: { 200: { type: 'object', additionalProperties: true } } },
  }, async (request): Promise<Curriculum> => {
    const mine = store.forUser(request.userId);
    const lessons = catalog.all();
    const available = new Map(lessons.map((l) => [l.number, l]));
    const stored = await mine.lessonStates();
    const states = new Map(lessons.map((l) => [l.number, visibleState(l, stored.get(l.view.id) ?? { cellsRun: [], solved: [] })] as const));
    const listed = new Set<number>();
    const parts = catalog.curriculum().parts.map((part) => ({
      number: part.number,
      title: part.title,
      lessons: part.lessons.map((entry): CurriculumLesson => {
        listed.add(entry.number);
        const lesson = available.get(entry.number);
        if (lesson === undefined) return { ...entry, id: null };
        const state = states.get(lesson.number)!;
        const view: CurriculumLesson = { ...entry, title: lesson.view.title, id: lesson.view.id, minutes: lesson.view.minutes, progress: progressOf(lesson, state) };
        const visitedAt = state.visitedAt;
        if (visitedAt !== undefined) view.visitedAt = visitedAt;
        return view;
      }),
    }));
    // A lesson file whose number the map does not list still shows up, in its own part.
    for (const lesson of available.values()) {
      if (listed.has(lesson.number)) continue;
      const part = parts.find((p) => p.number === lesson.view.part) ?? parts[parts.length - 1];
      part?.lessons.push({ number: lesson.number, title: lesson.view.title, summary: '', id: lesson.view.id, minutes: lesson.view.minutes,
        progress: progressOf(lesson, states.get(lesson.number)!) });
    }
    return { parts };
  });

  // Outputs from the build's real run, for each plain cell whose code is still the code that
  // ran. Its own request (charts carry their data), so the lesson's text paints first.
  app.get<{ Params: { id: string } }>('/api/lessons/:id/prerendered', {
    schema: {
      params: { type: 'object', properties: { id: LESSON_ID }, required: ['id'] },
      response: { 200: { type: 'object', additionalProperties: true }, 404: ERROR },
    },
  }, async (request): Promise<PrerenderedView> => {
    const lesson = lessonOr404(catalog, request.params.id);
    const pre = prerenderedDir === undefined ? undefined : readPrerendered(prerenderedDir, lesson.view.id);
    return servedPrerendered(pre, lesson.view.cells);
  });

  app.get<{ Params: { id: string } }>('/api/lessons/:id', {
    schema: {
      params: { type: 'object', properties: { id: LESSON_ID }, required: ['id'] },
      response: { 200: { type: 'object', additionalProperties: true }, 404: ERROR },
    },
  }, async (request): Promise<LessonView> => {
    const lesson = lessonOr404(catalog, request.params.id);
    const ids = catalog.ids();
    const at = ids.indexOf(lesson.view.id);
    const neighbour = (id: string | undefined) => {
      const l = id === undefined ? undefined : catalog.get(id);
      return l === undefined ? undefined : { id: l.view.id, title: l.view.title };
    };
    const { visitedAt: _visited, ...state } = await stateOf(store.forUser(request.userId), lesson);
    const view: LessonView = { ...lesson.view, state };
    const partTitle = catalog.curriculum().parts.find((p) => p.number === lesson.view.part)?.title;
    if (partTitle !== undefined) view.partTitle = partTitle;
    const previous = neighbour(ids[at - 1]);
    const next = neighbour(ids[at + 1]);
    if (previous) view.previous = previous;
    if (next) view.next = next;
    return view;
  });

  app.get<{ Querystring: { q: string } }>('/api/search', {
    schema: {
      querystring: { type: 'object', properties: { q: { type: 'string', minLength: 1, maxLength: 200 } }, required: ['q'] },
      response: { 200: { type: 'object', properties: { hits: { type: 'array', items: { type: 'object', additionalProperties: true } } } } },
    },
  }, async (request): Promise<{ hits: SearchHit[] }> => ({ hits: catalog.search(request.query.q) }));
};
