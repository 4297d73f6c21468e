/**
 * The learner's practice state in the app's SQLite database: one card per question that has
 * been rated (`practice_cards`), every rating in the log (`practice_reviews`), and settings.
 * `rate` is one transaction that returns only after SQLite committed it (WAL with
 * synchronous = FULL, set by `openDatabase`), so a rating that was acknowledged survives a
 * crash or kill -9.
 */
import type { Database } from 'better-sqlite3';
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
  constructor(readonly db: Database) {}

  /** Every card that has been rated at least once, by question id. */
  cards(): Map<string, StoredCard> {
    const rows = this.db.prepare('SELECT question_id, card FROM practice_cards').all() as { question_id: string; card: string }[];
    return new Map(rows.map((r) => [r.question_id, JSON.parse(r.card) as StoredCard]));
  }

  card(questionId: string): StoredCard | undefined {
    const row = this.db.prepare('SELECT card FROM practice_cards WHERE question_id = ?').get(questionId) as { card: string } | undefined;
    return row ? (JSON.parse(row.card) as StoredCard) : undefined;
  }

  /**
   * Records a rating in one committed transaction. A scheduled review moves the card with
   * FSRS; cram and mock ratings are logged and leave the schedule alone.
   */
  rate(r: Rating, now = new Date()): { card: StoredCard | undefined; reviewId: number } {
    const t = now.toISOString();
    return this.db.transaction(() => {
      const before = this.card(r.questionId);
      let after = before;
      if (r.mode === 'review') {
        after = review(before, r.rating, now);
        this.db.prepare(`INSERT INTO practice_cards (question_id, card, due_at, state, first_seen_at, last_review_at) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (question_id) DO UPDATE SET card = excluded.card, due_at = excluded.due_at, state = excluded.state, last_review_at = excluded.last_review_at`)
          .run(r.questionId, JSON.stringify(after), after.due, after.state, t, t);
      }
      const info = this.db.prepare(`INSERT INTO practice_reviews (question_id, rating, state, due_at, reviewed_at, mode, answer, duration_ms)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(r.questionId, r.rating, JSON.stringify(after ?? null), after?.due ?? t, t, r.mode,
        r.answer ?? null, r.durationMs ?? null);
      return { card: after, reviewId: Number(info.lastInsertRowid) };
    })();
  }

  /** Cards first rated today (local time): what counts against the daily new-card limit. */
  newToday(now = new Date()): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM practice_cards WHERE first_seen_at >= ?').get(startOfDay(now).toISOString()) as { n: number }).n;
  }

  settings(): PracticeSettings {
    const rows = this.db.prepare('SELECT key, value FROM practice_settings').all() as { key: string; value: string }[];
    const s = { ...DEFAULTS };
    for (const { key, value } of rows) {
      if (key === 'newPerDay') s.newPerDay = Number(value);
      if (key === 'interviewDate') s.interviewDate = value === '' ? null : value;
    }
    return s;
  }

  saveSettings(s: Partial<PracticeSettings>): PracticeSettings {
    const put = this.db.prepare('INSERT INTO practice_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      if (s.newPerDay !== undefined) put.run('newPerDay', String(s.newPerDay));
      if (s.interviewDate !== undefined) put.run('interviewDate', s.interviewDate ?? '');
    })();
    return this.settings();
  }

  /** Due, reviewed today, streak, retention, mastery per topic and the 30-day forecast, for the bank's questions. */
  stats(questions: Question[], now = new Date()): PracticeStats {
    const ids = new Set(questions.map((q) => q.id));
    const cards = new Map([...this.cards()].filter(([id]) => ids.has(id)));
    const today = startOfDay(now).toISOString();
    const reviewedToday = (this.db.prepare('SELECT COUNT(*) AS n FROM practice_reviews WHERE reviewed_at >= ?').get(today) as { n: number }).n;
    const days = new Set((this.db.prepare('SELECT reviewed_at FROM practice_reviews').all() as { reviewed_at: string }[]).map((r) => localDate(r.reviewed_at)));
    let streak = 0;
    const day = new Date(now);
    if (!days.has(localDate(day.toISOString()))) day.setDate(day.getDate() - 1);
    while (days.has(localDate(day.toISOString()))) {
      streak++;
      day.setDate(day.getDate() - 1);
    }
    const since = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000).toISOString();
    const r = this.db.prepare(`SELECT COUNT(*) AS n, SUM(rating > 1) AS kept FROM practice_reviews r
      WHERE mode = 'review' AND reviewed_at >= ? AND EXISTS (SELECT 1 FROM practice_reviews p WHERE p.question_id = r.question_id AND p.mode = 'review' AND p.id < r.id)`)
      .get(since) as { n: number; kept: number | null };
    return {
      total: questions.length,
      seen: cards.size,
      due: [...cards.values()].filter((c) => new Date(c.due).getTime() <= now.getTime()).length,
      reviewedToday,
      newToday: this.newToday(now),
      streak,
      retention: r.n === 0 ? null : (r.kept ?? 0) / r.n,
      mastery: masteryByTopic(questions, cards, now),
      forecast: forecast(cards.values(), now),
    };
  }

  /** The recall probability of one question now (0 if never reviewed). */
  recall(questionId: string, now = new Date()): number {
    return retrievability(this.card(questionId), now);
  }

  exportProgress(now = new Date()): ProgressExport {
    const cards = (this.db.prepare('SELECT question_id, card, first_seen_at, last_review_at FROM practice_cards ORDER BY question_id').all() as
      { question_id: string; card: string; first_seen_at: string; last_review_at: string }[])
      .map((c) => ({ questionId: c.question_id, card: JSON.parse(c.card) as StoredCard, firstSeenAt: c.first_seen_at, lastReviewAt: c.last_review_at }));
    const reviews = (this.db.prepare(`SELECT question_id AS questionId, rating, mode, state, due_at AS dueAt, reviewed_at AS reviewedAt,
      answer, duration_ms AS durationMs FROM practice_reviews ORDER BY id`).all()) as ProgressExport['reviews'];
    return { format: 'descent-practice-progress', version: 1, exportedAt: now.toISOString(), settings: this.settings(), cards, reviews };
  }

  /**
   * Merges an exported progress file: reviews not already present are added, and a card is
   * replaced only by a more recently reviewed one. One transaction: all or nothing.
   */
  importProgress(data: unknown): { cards: number; reviews: number } {
    const d = data as ProgressExport;
    if (d === null || typeof d !== 'object' || d.format !== 'descent-practice-progress' || d.version !== 1 || !Array.isArray(d.cards) || !Array.isArray(d.reviews)) {
      throw new Error('This is not a Descent practice progress file (expected format "descent-practice-progress", version 1, from Export progress).');
    }
    let cards = 0, reviews = 0;
    this.db.transaction(() => {
      const exists = this.db.prepare('SELECT 1 FROM practice_reviews WHERE question_id = ? AND reviewed_at = ? AND rating = ?');
      const add = this.db.prepare(`INSERT INTO practice_reviews (question_id, rating, state, due_at, reviewed_at, mode, answer, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
      for (const r of d.reviews) {
        if (typeof r.questionId !== 'string' || ![1, 2, 3, 4].includes(r.rating) || typeof r.reviewedAt !== 'string') {
          throw new Error(`A review in the file is malformed: ${JSON.stringify(r).slice(0, 200)}.`);
        }
        if (exists.get(r.questionId, r.reviewedAt, r.rating)) continue;
        add.run(r.questionId, r.rating, r.state ?? 'null', r.dueAt ?? r.reviewedAt, r.reviewedAt, r.mode ?? 'review', r.answer ?? null, r.durationMs ?? null);
        reviews++;
      }
      const current = this.db.prepare('SELECT last_review_at FROM practice_cards WHERE question_id = ?');
      const put = this.db.prepare(`INSERT INTO practice_cards (question_id, card, due_at, state, first_seen_at, last_review_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (question_id) DO UPDATE SET card = excluded.card, due_at = excluded.due_at, state = excluded.state,
        last_review_at = excluded.last_review_at, first_seen_at = MIN(first_seen_at, excluded.first_seen_at)`);
      for (const c of d.cards) {
        if (typeof c.questionId !== 'string' || typeof c.card?.due !== 'string' || typeof c.lastReviewAt !== 'string') {
          throw new Error(`A card in the file is malformed: ${JSON.stringify(c).slice(0, 200)}.`);
        }
        const row = current.get(c.questionId) as { last_review_at: string } | undefined;
        if (row && row.last_review_at >= c.lastReviewAt) continue;
        put.run(c.questionId, JSON.stringify(c.card), c.card.due, c.card.state, c.firstSeenAt ?? c.lastReviewAt, c.lastReviewAt);
        cards++;
      }
    })();
    return { cards, reviews };
  }
}
