/**
 * The learner's practice state in the app's database (SQLite, or PostgreSQL in class mode): one card per question that has
 * been rated (`practice_cards`), every rating in the log (`practice_reviews`), and settings.
 * `rate` is one transaction that returns only after SQLite committed it (WAL with
 * synchronous = FULL, set by `openDatabase`), so a rating that was acknowledged survives a
 * crash or kill -9.
 */
import type { Sql } from '../server/db/sql.js';
import type { Question } from '@descent/lessons/practice';
import { forecast, masteryByTopic, retrievability, review, type RatingValue, type StoredCard } from './schedule.js';
import type { PracticeStatsView } from '../shared/practice.js';

/** How a rating was given: scheduled review (moves the card), cram or mock interview (logged only). */
export type ReviewMode = 'review' | 'cram' | 'mock';

export interface Rating {
  questionId: string;
  rating: RatingValue;
  mode: ReviewMode;
  answer?: string;
  durationMs?: number;
}

export interface PracticeSettings {
  newPerDay: number;
  /** `YYYY-MM-DD`, or null when no interview is planned. */
  interviewDate: string | null;
}

/** The stats the store computes are the ones the page shows (one shape, kept in shared/). */
export type PracticeStats = PracticeStatsView;

/** The exported progress file. */
export interface ProgressExport {
  format: 'descent-practice-progress';
  version: 1;
  exportedAt: string;
  settings: PracticeSettings;
  cards: { questionId: string; card: StoredCard; firstSeenAt: string; lastReviewAt: string }[];
  reviews: { questionId: string; rating: number; mode: string; state: string; dueAt: string; reviewedAt: string; answer: string | null; durationMs: number | null }[];
}

const DEFAULTS: PracticeSettings = { newPerDay: 10, interviewDate: null };

/** Local midnight of `now`, as an ISO string (reviews are stored in UTC ISO strings). */
function startOfDay(now: Date): Date {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d;
}

const localDate = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export class PracticeStore {
  /** `userId` is the learner (0 in one-person mode). */
  constructor(readonly sql: Sql, readonly userId = 0) {}

  /** Every card that has been rated at least once, by question id. */
  async cards(): Promise<Map<string, StoredCard>> {
    const rows = await this.sql.all<{ question_id: string; card: string }>('SELECT question_id, card FROM practice_cards WHERE user_id = ?', [this.userId]);
    return new Map(rows.map((r) => [r.question_id, JSON.parse(r.card) as StoredCard]));
  }

  async card(questionId: string): Promise<StoredCard | undefined> {
    const row = await this.sql.get<{ card: string }>('SELECT card FROM practice_cards WHERE user_id = ? AND question_id = ?', [this.userId, questionId]);
    return row ? (JSON.parse(row.card) as StoredCard) : undefined;
  }

  /**
   * Records a rating in one committed transaction. A scheduled review moves the card with
   * FSRS; cram and mock ratings are logged and leave the schedule alone.
   */
  async rate(r: Rating, now = new Date()): Promise<{ card: StoredCard | undefined; reviewId: number }> {
    const t = now.toISOString();
    return this.sql.transaction(async (tx) => {
      const inTx = new PracticeStore(tx, this.userId);
      const before = await inTx.card(r.questionId);
      let after = before;
      if (r.mode === 'review') {
        after = review(before, r.rating, now);
        await tx.run(`INSERT INTO practice_cards (user_id, question_id, card, due_at, state, first_seen_at, last_review_at) VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (user_id, question_id) DO UPDATE SET card = excluded.card, due_at = excluded.due_at, state = excluded.state, last_review_at = excluded.last_review_at`,
        [this.userId, r.questionId, JSON.stringify(after), after.due, after.state, t, t]);
      }
      const reviewId = await tx.insert(`INSERT INTO practice_reviews (user_id, question_id, rating, state, due_at, reviewed_at, mode, answer, duration_ms)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [this.userId, r.questionId, r.rating, JSON.stringify(after ?? null), after?.due ?? t, t, r.mode,
        r.answer ?? null, r.durationMs ?? null]);
      return { card: after, reviewId };
    });
  }

  /** Cards first rated today (local time): what counts against the daily new-card limit. */
  async newToday(now = new Date()): Promise<number> {
    return (await this.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM practice_cards WHERE user_id = ? AND first_seen_at >= ?',
      [this.userId, startOfDay(now).toISOString()]))!.n;
  }

  async settings(): Promise<PracticeSettings> {
    const rows = await this.sql.all<{ key: string; value: string }>('SELECT key, value FROM practice_settings WHERE user_id = ?', [this.userId]);
    const s = { ...DEFAULTS };
    for (const { key, value } of rows) {
      if (key === 'newPerDay') s.newPerDay = Number(value);
      if (key === 'interviewDate') s.interviewDate = value === '' ? null : value;
    }
    return s;
  }

  async saveSettings(s: Partial<PracticeSettings>): Promise<PracticeSettings> {
    const put = 'INSERT INTO practice_settings (user_id, key, value) VALUES (?, ?, ?) ON CONFLICT (user_id, key) DO UPDATE SET value = excluded.value';
    await this.sql.transaction(async (tx) => {
      if (s.newPerDay !== undefined) await tx.run(put, [this.userId, 'newPerDay', String(s.newPerDay)]);
      if (s.interviewDate !== undefined) await tx.run(put, [this.userId, 'interviewDate', s.interviewDate ?? '']);
    });
    return this.settings();
  }

  /** Due, reviewed today, streak, retention, mastery per topic and the 30-day forecast, for the bank's questions. */
  async stats(questions: Question[], now = new Date()): Promise<PracticeStats> {
    const ids = new Set(questions.map((q) => q.id));
    const cards = new Map([...await this.cards()].filter(([id]) => ids.has(id)));
    const today = startOfDay(now).toISOString();
    const reviewedToday = (await this.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM practice_reviews WHERE user_id = ? AND reviewed_at >= ?', [this.userId, today]))!.n;
    const days = new Set((await this.sql.all<{ reviewed_at: string }>('SELECT reviewed_at FROM practice_reviews WHERE user_id = ?', [this.userId]))
      .map((r) => localDate(r.reviewed_at)));
    let streak = 0;
    const day = new Date(now);
    if (!days.has(localDate(day.toISOString()))) day.setDate(day.getDate() - 1);
    while (days.has(localDate(day.toISOString()))) {
      streak++;
      day.setDate(day.getDate() - 1);
    }
    const since = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000).toISOString();
    const r = (await this.sql.get<{ n: number; kept: number | null }>(`SELECT COUNT(*) AS n, SUM(CASE WHEN rating > 1 THEN 1 ELSE 0 END) AS kept FROM practice_reviews r
      WHERE user_id = ? AND mode = 'review' AND reviewed_at >= ? AND EXISTS (SELECT 1 FROM practice_reviews p
        WHERE p.user_id = r.user_id AND p.question_id = r.question_id AND p.mode = 'review' AND p.id < r.id)`, [this.userId, since]))!;
    return {
      total: questions.length,
      seen: cards.size,
      due: [...cards.values()].filter((c) => new Date(c.due).getTime() <= now.getTime()).length,
      reviewedToday,
      newToday: await this.newToday(now),
      streak,
      retention: r.n === 0 ? null : (r.kept ?? 0) / r.n,
      mastery: masteryByTopic(questions, cards, now),
      forecast: forecast(cards.values(), now),
    };
  }

  /** The recall probability of one question now (0 if never reviewed). */
  async recall(questionId: string, now = new Date()): Promise<number> {
    return retrievability(await this.card(questionId), now);
  }

  async exportProgress(now = new Date()): Promise<ProgressExport> {
    const cards = (await this.sql.all<{ question_id: string; card: string; first_seen_at: string; last_review_at: string }>(
      'SELECT question_id, card, first_seen_at, last_review_at FROM practice_cards WHERE user_id = ? ORDER BY question_id', [this.userId]))
      .map((c) => ({ questionId: c.question_id, card: JSON.parse(c.card) as StoredCard, firstSeenAt: c.first_seen_at, lastReviewAt: c.last_review_at }));
    const reviews = await this.sql.all<ProgressExport['reviews'][number]>(`SELECT question_id AS "questionId", rating, mode, state, due_at AS "dueAt",
      reviewed_at AS "reviewedAt", answer, duration_ms AS "durationMs" FROM practice_reviews WHERE user_id = ? ORDER BY id`, [this.userId]);
    return { format: 'descent-practice-progress', version: 1, exportedAt: now.toISOString(), settings: await this.settings(), cards, reviews };
  }

  /**
   * Merges an exported progress file: reviews not already present are added, and a card is
   * replaced only by a more recently reviewed one. One transaction: all or nothing.
   */
  async importProgress(data: unknown): Promise<{ cards: number; reviews: number }> {
    const d = data as ProgressExport;
    if (d === null || typeof d !== 'object' || d.format !== 'descent-practice-progress' || d.version !== 1 || !Array.isArray(d.cards) || !Array.isArray(d.reviews)) {
      throw new Error('This is not a Descent practice progress file (expected format "descent-practice-progress", version 1, from Export progress).');
    }
    let cards = 0, reviews = 0;
    const u = this.userId;
    await this.sql.transaction(async (tx) => {
      for (const r of d.reviews) {
        if (typeof r.questionId !== 'string' || ![1, 2, 3, 4].includes(r.rating) || typeof r.reviewedAt !== 'string') {
          throw new Error(`A review in the file is malformed: ${JSON.stringify(r).slice(0, 200)}.`);
        }
        if (await tx.get('SELECT 1 AS one FROM practice_reviews WHERE user_id = ? AND question_id = ? AND reviewed_at = ? AND rating = ?', [u, r.questionId, r.reviewedAt, r.rating])) continue;
        await tx.run(`INSERT INTO practice_reviews (user_id, question_id, rating, state, due_at, reviewed_at, mode, answer, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [u, r.questionId, r.rating, r.state ?? 'null', r.dueAt ?? r.reviewedAt, r.reviewedAt, r.mode ?? 'review', r.answer ?? null, r.durationMs ?? null]);
        reviews++;
      }
      for (const c of d.cards) {
        if (typeof c.questionId !== 'string' || typeof c.card?.due !== 'string' || typeof c.lastReviewAt !== 'string') {
          throw new Error(`A card in the file is malformed: ${JSON.stringify(c).slice(0, 200)}.`);
        }
        const row = await tx.get<{ last_review_at: string; first_seen_at: string }>(
          'SELECT last_review_at, first_seen_at FROM practice_cards WHERE user_id = ? AND question_id = ?', [u, c.questionId]);
        if (row && row.last_review_at >= c.lastReviewAt) continue;
        const incomingFirst = c.firstSeenAt ?? c.lastReviewAt;
        const firstSeen = row && row.first_seen_at < incomingFirst ? row.first_seen_at : incomingFirst;
        await tx.run(`INSERT INTO practice_cards (user_id, question_id, card, due_at, state, first_seen_at, last_review_at) VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (user_id, question_id) DO UPDATE SET card = excluded.card, due_at = excluded.due_at, state = excluded.state,
          last_review_at = excluded.last_review_at, first_seen_at = excluded.first_seen_at`,
        [u, c.questionId, JSON.stringify(c.card), c.card.due, c.card.state, firstSeen, c.lastReviewAt]);
        cards++;
      }
    });
    return { cards, reviews };
  }
}
