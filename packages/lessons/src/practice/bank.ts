/**
 * The bank on disk (Node only): loading `interview/*.md`, the schema check CI runs, and the
 * counts `descent practice stats` prints.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import katex from 'katex';
import { parseBankFile } from './parse';
import { DIFFICULTIES, KINDS, TOPICS, type Question } from './types';

export interface Bank {
  dir: string;
  questions: Question[];
  /** Parse problems of every file. */
  problems: string[];
}

/** The `interview/` folder of the repository containing `start` (searched upwards). */
export function findBankDir(start = process.cwd()): string {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, 'interview');
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return join(resolve(start), 'interview');
    dir = parent;
  }
}

/** Every bank file (`*.md` except README.md), parsed, in file-name order. */
export function loadBank(dir: string): Bank {
  if (!existsSync(dir)) throw new Error(`No question bank at ${dir}: it is the interview/ folder at the root of the repository.`);
  const files = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
  const questions: Question[] = [];
  const problems: string[] = [];
  for (const f of files) {
    const parsed = parseBankFile(readFileSync(join(dir, f), 'utf8'), relative(process.cwd(), join(dir, f)) || f);
    questions.push(...parsed.questions);
    problems.push(...parsed.problems);
  }
  return { dir, questions, problems };
}

/** The lesson numbers `lessons/curriculum.json` lists. */
export function curriculumNumbers(lessonsDir: string): Set<number> {
  const file = join(lessonsDir, 'curriculum.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as { parts: { lessons: { number: number }[] }[] };
  return new Set(data.parts.flatMap((p) => p.lessons.map((l) => l.number)));
}

const SYSTEM_DESIGN_PARTS = ['Requirements', 'Data', 'Features', 'Model', 'Evaluation', 'Serving', 'Monitoring'];

/** Formulas that KaTeX cannot render, as messages. */
function mathProblems(markdown: string): string[] {
  const out: string[] = [];
  const withoutCode = markdown.replace(/`[^`\n]*`/g, '');
  const formulas = [...withoutCode.matchAll(/\$\$([\s\S]+?)\$\$|\$(?!\s)((?:\\\$|[^$\n])+?)(?<!\s)\$(?!\d)/g)];
  for (const m of formulas) {
    const tex = m[1] ?? m[2];
    try {
      katex.renderToString(tex, { throwOnError: true });
    } catch (e) {
      out.push(`formula $${tex}$ does not render: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return out;
}

const normalize = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * Every problem with the bank: parse problems, missing fields, unknown lessons, duplicates,
 * formulas KaTeX cannot render, system-design answers without their structure. (Coding
 * questions' tests run separately: `checkCodingQuestions`.)
 */
export function validateBank(bank: Bank, lessons: Set<number>): string[] {
  const problems = [...bank.problems];
  const ids = new Map<string, string>();
  const texts = new Map<string, string>();
  for (const q of bank.questions) {
    const at = `${q.source} (${q.id})`;
    const seen = ids.get(q.id);
    if (seen !== undefined) problems.push(`${at}: the id is already used at ${seen}.`);
    ids.set(q.id, q.source);
    const key = normalize(q.question);
    const twin = texts.get(key);
    if (twin !== undefined) problems.push(`${at}: the same question is already asked at ${twin}.`);
    texts.set(key, q.source);
    if (q.question === '') problems.push(`${at}: no question text between the meta line and "### Answer".`);
    if (q.short === '') problems.push(`${at}: no answer: add "### Answer" with the short version first.`);
    if (q.keyPoints.length < 2) problems.push(`${at}: give at least two key points (has ${q.keyPoints.length}).`);
    if (q.pitfalls.length < 1) problems.push(`${at}: add a "### What not to say" section: at least one common wrong answer, quoted, with why it is wrong.`);
    for (const n of q.lessons) if (!lessons.has(n)) problems.push(`${at}: lesson ${n} is not in lessons/curriculum.json.`);
    if ((q.kind === 'coding') !== (q.code !== undefined)) {
      problems.push(`${at}: ${q.kind === 'coding' ? 'a coding question needs ts starter, solution and test cells' : `a ${q.kind} question has code cells; make it kind: coding`}.`);
    }
    if (q.kind === 'system-design') {
      const missing = SYSTEM_DESIGN_PARTS.filter((p) => !new RegExp(`\\*\\*${p}[^*]*\\*\\*`).test(`${q.short}\n${q.depth}`));
      if (missing.length > 0) problems.push(`${at}: a system-design answer covers each part in bold (**Requirements.** ...); missing ${missing.join(', ')}.`);
    }
    const markdown = [q.question, q.short, q.depth, ...q.keyPoints, ...q.pitfalls, ...q.followUps].join('\n\n');
    for (const p of mathProblems(markdown)) problems.push(`${at}: ${p}`);
  }
  return problems;
}

export interface BankStats {
  total: number;
  byTopic: Record<string, number>;
  byKind: Record<string, number>;
  byDifficulty: Record<string, number>;
  /** Questions per curriculum lesson number. */
  byLesson: Record<string, number>;
}

/** Counts of the bank's questions by topic, kind, difficulty and lesson. */
export function bankStats(questions: Question[]): BankStats {
  const zero = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<string, number>;
  const stats: BankStats = { total: questions.length, byTopic: zero(Object.keys(TOPICS)), byKind: zero(KINDS), byDifficulty: zero(DIFFICULTIES), byLesson: {} };
  for (const q of questions) {
    stats.byTopic[q.topic]++;
    stats.byKind[q.kind]++;
    stats.byDifficulty[q.difficulty]++;
    for (const n of q.lessons) {
      const k = String(n).padStart(2, '0');
      stats.byLesson[k] = (stats.byLesson[k] ?? 0) + 1;
    }
  }
  stats.byLesson = Object.fromEntries(Object.entries(stats.byLesson).sort(([a], [b]) => a.localeCompare(b)));
  return stats;
}
