/**
 * The question bank as the app and the terminal show it: parsed from `interview/*.md` by
 * `@descent/lessons/practice`, Markdown rendered to HTML with KaTeX math (rendering is not
 * running learner code). Re-read when a bank file changes.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { markdownToHtml } from '@descent/lessons/export';
import { TOPICS, loadBank, type Question } from '@descent/lessons/practice';
import type { QuestionView } from '../shared/practice.js';

export interface PracticeBank {
  dir: string;
  questions: Question[];
  byId: Map<string, Question>;
  view(id: string): QuestionView | undefined;
}

const topicTitle = (t: string) => (TOPICS as Record<string, { title: string }>)[t]?.title ?? t;

function toView(q: Question): QuestionView {
  const list = (items: string[]) => items.map((s) => markdownToHtml(s).replace(/^<p>|<\/p>\n?$/g, ''));
  const view: QuestionView = {
    id: q.id, topic: q.topic, topicTitle: topicTitle(q.topic), kind: q.kind, difficulty: q.difficulty, lessons: q.lessons,
    question: q.question, questionHtml: markdownToHtml(q.question), shortHtml: markdownToHtml(q.short), depthHtml: markdownToHtml(q.depth),
    keyPoints: list(q.keyPoints), pitfalls: list(q.pitfalls), followUps: list(q.followUps), source: q.source,
  };
  if (q.code) view.code = { ...q.code };
  return view;
}

function newestMtime(dir: string): number {
  return Math.max(0, ...readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => statSync(join(dir, f)).mtimeMs));
}

/** Loads the bank at `dir`, reloading it when a file changes; views are rendered on first use. */
export function bankLoader(dir: string): () => PracticeBank {
  let cached: { mtime: number; bank: PracticeBank } | undefined;
  return () => {
    if (!existsSync(dir)) throw new Error(`No question bank at ${dir}: it is the interview/ folder at the root of the repository, beside lessons/.`);
    const mtime = newestMtime(dir);
    if (cached && cached.mtime === mtime) return cached.bank;
    const loaded = loadBank(dir);
    const byId = new Map(loaded.questions.map((q) => [q.id, q]));
    const views = new Map<string, QuestionView>();
    const bank: PracticeBank = {
      dir, questions: loaded.questions, byId,
      view(id) {
        const q = byId.get(id);
        if (q === undefined) return undefined;
        if (!views.has(id)) views.set(id, toView(q));
        return views.get(id);
      },
    };
    cached = { mtime, bank };
    return bank;
  };
}
