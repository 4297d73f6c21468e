/**
 * Spaced repetition for interview questions, with FSRS (the Free Spaced Repetition Scheduler,
 * via `ts-fsrs`): each rating (again, hard, good, easy) updates a card's memory state
 * (stability, difficulty) and sets when it is next due. This file is pure: cards in, queue
 * and new cards out; the database lives in `store.ts`.
 */
import { createEmptyCard, fsrs, generatorParameters, type Card, type Grade } from 'ts-fsrs';
import type { Question } from '@descent/lessons/practice';

/** The four ratings, as FSRS numbers them. */
export const RATINGS = { again: 1, hard: 2, good: 3, easy: 4 } as const;
export type RatingValue = 1 | 2 | 3 | 4;

/** No fuzz: the same history always gives the same schedule, so tests and users can predict it. */
const scheduler = fsrs(generatorParameters({ enable_fuzz: false }));

/** A card as stored (JSON): dates as ISO strings. */
export type StoredCard = Omit<Card, 'due' | 'last_review'> & { due: string; last_review?: string };

export function toStored(card: Card): StoredCard {
  const { due, last_review: last, ...rest } = card;
  return { ...rest, due: due.toISOString(), ...(last ? { last_review: last.toISOString() } : {}) };
}

export function fromStored(card: StoredCard): Card {
  const { due, last_review: last, ...rest } = card;
  return { ...rest, due: new Date(due), ...(last ? { last_review: new Date(last) } : {}) };
}

/**
 * The card after rating `card` (or a new card, when `undefined`) with `rating` at `now`.
 *
 * @example
 * const after = review(undefined, 3, new Date()); // a new card answered "good"
 * after.due;                                      // when to see it again
 */
export function review(card: StoredCard | undefined, rating: RatingValue, now: Date): StoredCard {
  const current = card === undefined ? createEmptyCard(now) : fromStored(card);
  return toStored(scheduler.next(current, now, rating as Grade).card);
}

/** The probability of recalling the card's answer at `now` (0 for a card never reviewed). */
export function retrievability(card: StoredCard | undefined, now: Date): number {
  if (card === undefined || card.state === 0) return 0;
  return scheduler.get_retrievability(fromStored(card), now, false);
}

export type Mode = 'review' | 'cram' | 'interview';

export interface QueueOptions {
  mode: Mode;
  now: Date;
  topic?: string;
  /** A curriculum lesson number: questions that draw on it. */
  lesson?: number;
  difficulty?: string;
  /** New cards a day in `review` mode. */
  newPerDay: number;
  /** New cards already introduced today (first rated today). */
  newToday: number;
  /** `interview` mode: the day of the interview (every card seen at least once before it). */
  interviewDate?: Date;
  /** The most cards to return. */
  limit?: number;
}

const DAY = 24 * 60 * 60 * 1000;

/** Topic mastery: the mean recall probability over the topic's questions (unseen count as 0). */
export function masteryByTopic(questions: Question[], cards: Map<string, StoredCard>, now: Date): Record<string, number> {
  const sums = new Map<string, { total: number; n: number }>();
  for (const q of questions) {
    const s = sums.get(q.topic) ?? { total: 0, n: 0 };
    s.total += retrievability(cards.get(q.id), now);
    s.n++;
    sums.set(q.topic, s);
  }
  return Object.fromEntries([...sums].map(([t, s]) => [t, s.total / s.n]));
}

/**
 * The questions to practise now, in order.
 *
 * - `review` (daily review): cards due now, most overdue first, then new cards up to the
 *   daily limit, in curriculum order (earliest lesson, then easiest first).
 * - `interview`: like review, but the new-card quota is what it takes to see every card once
 *   before the interview date, and new cards come from the weakest topics first.
 * - `cram`: ignores the schedule: every matching card, least likely to be recalled first.
 *
 * Topic, lesson and difficulty filters apply in every mode.
 */
export function buildQueue(questions: Question[], cards: Map<string, StoredCard>, options: QueueOptions): Question[] {
  const { now } = options;
  const pool = questions.filter((q) => (options.topic === undefined || q.topic === options.topic)
    && (options.lesson === undefined || q.lessons.includes(options.lesson))
    && (options.difficulty === undefined || q.difficulty === options.difficulty));
  const limit = options.limit ?? Infinity;
  if (options.mode === 'cram') {
    return pool.map((q, i) => ({ q, r: retrievability(cards.get(q.id), now), i }))
      .sort((a, b) => a.r - b.r || a.i - b.i).slice(0, limit).map((x) => x.q);
  }
  const due = pool.filter((q) => cards.has(q.id) && new Date(cards.get(q.id)!.due).getTime() <= now.getTime())
    .sort((a, b) => cards.get(a.id)!.due.localeCompare(cards.get(b.id)!.due));
  const unseen = pool.filter((q) => !cards.has(q.id));
  const rank = { easy: 0, medium: 1, hard: 2 } as const;
  const curriculumOrder = (a: Question, b: Question) => Math.min(...a.lessons) - Math.min(...b.lessons) || rank[a.difficulty] - rank[b.difficulty];
  let quota = Math.max(0, options.newPerDay - options.newToday);
  if (options.mode === 'interview' && options.interviewDate !== undefined) {
    const daysLeft = Math.max(1, Math.ceil((options.interviewDate.getTime() - now.getTime()) / DAY));
    quota = Math.max(quota, Math.ceil(unseen.length / daysLeft));
    const mastery = masteryByTopic(questions, cards, now);
    unseen.sort((a, b) => mastery[a.topic] - mastery[b.topic] || curriculumOrder(a, b));
  } else {
    unseen.sort(curriculumOrder);
  }
  return [...due, ...unseen.slice(0, quota)].slice(0, limit);
}

/** How many cards fall due on each of the next `days` days (day 0 includes everything overdue). */
export function forecast(cards: Iterable<StoredCard>, now: Date, days = 30): number[] {
  const counts = new Array<number>(days).fill(0);
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  for (const card of cards) {
    const day = Math.floor((new Date(card.due).getTime() - start.getTime()) / DAY);
    if (day < days) counts[Math.max(0, day)]++;
  }
  return counts;
}
