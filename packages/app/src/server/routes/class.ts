/**
 * The instructor's view of the class: for every learner, each lesson's progress (cells run,
 * exercises solved, completed) and their interview-practice numbers. A handful of grouped
 * queries over the whole class, not one per learner, so the page stays fast for a big class.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Catalog } from '../catalog.js';
import { RunStore } from '../db/runs.js';
import type { Sql } from '../db/sql.js';

import type { ClassLearner, ClassProgressView } from '../../shared/class.js';

export type { ClassProgressView };

/** The class's progress, per learner and lesson, from the store's tables. */
export async function classProgress(sql: Sql, catalog: Catalog, now = new Date()): Promise<ClassProgressView> {
  const lessons = catalog.all().map((l) => ({
    id: l.view.id, number: l.number, title: l.view.title,
    counted: new Set(l.view.cells.filter((c) => c.role === 'code').map((c) => c.index)),
    exerciseIds: new Set(l.view.exercises.map((e) => e.id)),
  }));
  const byId = new Map(lessons.map((l) => [l.id, l]));
  const users = await sql.all<{ id: number; username: string }>("SELECT id, username FROM users WHERE role = 'learner' ORDER BY username");
  const learners = new Map<number, ClassLearner>(users.map((u) => [Number(u.id), {
    id: Number(u.id), username: u.username, lessons: {}, lessonsCompleted: 0,
    practice: { reviews: 0, reviewsLast7Days: 0, questionsSeen: 0, retention: null, lastReviewAt: null }, runs: 0,
  }]));
  const cell = (userId: number, lessonId: string) => {
    const l = learners.get(Number(userId));
    if (l === undefined || !byId.has(lessonId)) return undefined;
    return (l.lessons[lessonId] ??= { cellsRun: 0, exercisesSolved: 0, completed: false });
  };
  for (const r of await sql.all<{ user_id: number; lesson_id: string; cell_index: number }>('SELECT user_id, lesson_id, cell_index FROM cell_runs WHERE user_id > 0')) {
    const c = cell(r.user_id, r.lesson_id);
    if (c && byId.get(r.lesson_id)!.counted.has(r.cell_index)) c.cellsRun++;
  }
  for (const r of await sql.all<{ user_id: number; lesson_id: string; exercise_id: string }>('SELECT user_id, lesson_id, exercise_id FROM exercises_solved WHERE user_id > 0')) {
    const c = cell(r.user_id, r.lesson_id);
    if (c && byId.get(r.lesson_id)!.exerciseIds.has(r.exercise_id)) c.exercisesSolved++;
  }
  for (const r of await sql.all<{ user_id: number; lesson_id: string }>('SELECT user_id, lesson_id FROM lesson_progress WHERE user_id > 0 AND completed_at IS NOT NULL')) {
    const c = cell(r.user_id, r.lesson_id);
    if (c && !c.completed) {
      c.completed = true;
      learners.get(Number(r.user_id))!.lessonsCompleted++;
    }
  }
  const week = new Date(now.getTime() - 7 * 24 * 60 * 60 * 1000).toISOString();
  const practice = await sql.all<{ user_id: number; n: number; recent: number; seen: number; later: number; kept: number; last: string }>(
    `SELECT user_id, COUNT(*) AS n, SUM(CASE WHEN reviewed_at >= ? THEN 1 ELSE 0 END) AS recent, COUNT(DISTINCT question_id) AS seen,
       SUM(CASE WHEN mode = 'review' AND id > (SELECT MIN(p.id) FROM practice_reviews p WHERE p.user_id = r.user_id AND p.question_id = r.question_id AND p.mode = 'review') THEN 1 ELSE 0 END) AS later,
       SUM(CASE WHEN mode = 'review' AND rating > 1 AND id > (SELECT MIN(p.id) FROM practice_reviews p WHERE p.user_id = r.user_id AND p.question_id = r.question_id AND p.mode = 'review') THEN 1 ELSE 0 END) AS kept,
       MAX(reviewed_at) AS last
     FROM practice_reviews r WHERE user_id > 0 GROUP BY user_id`, [week]);
  for (const r of practice) {
    const l = learners.get(Number(r.user_id));
    if (l === undefined) continue;
    // Retention as the practice page counts it: of the reviews after a question's first, the share not rated "again".
    l.practice = { reviews: Number(r.n), reviewsLast7Days: Number(r.recent), questionsSeen: Number(r.seen), retention: Number(r.later) === 0 ? null : Number(r.kept) / Number(r.later), lastReviewAt: r.last };
  }
  for (const [userId, n] of await RunStore.countsByUser(sql)) {
    const l = learners.get(userId);
    if (l !== undefined) l.runs = n;
  }
  return {
    lessons: lessons.map((l) => ({ id: l.id, number: l.number, title: l.title, cells: l.counted.size, exercises: l.exerciseIds.size })),
    learners: [...learners.values()],
  };
}

export const classRoutes: FastifyPluginAsync<{ sql: Sql; catalog: Catalog }> = async (app, { sql, catalog }) => {
  // The auth hook lets only instructors reach /api/class/.
  app.get('/api/class/progress', async (): Promise<ClassProgressView> => classProgress(sql, catalog));
};
