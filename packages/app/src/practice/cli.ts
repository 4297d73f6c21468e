/**
 * `descent practice`: interview practice in the terminal, on the same database as the app.
 *
 *   descent practice [--mode review|cram|interview] [--topic T] [--lesson NN] [--difficulty D] [--limit N] [--db FILE]
 *   descent practice settings [--new-per-day N] [--interview-date YYYY-MM-DD]
 *   descent practice export FILE | import FILE | anki FILE
 *   descent practice --restore-backup [--db FILE]
 *
 * Keys: space or enter shows the answer, 1–4 rate it (again, hard, good, easy), q quits.
 * Each rating is committed to SQLite before the next card is shown.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findBankDir, plainText, TOPICS } from '@descent/lessons/practice';
import type { Question } from '@descent/lessons/practice';
import { toAnki } from './anki.js';
import { backupIfDue, DamagedDatabaseError, openCheckedDatabase, restoreBackup } from './backup.js';
import { bankLoader } from './bank.js';
import { buildQueue, type Mode } from './schedule.js';
import { sqliteSql } from '../server/db/sql.js';
import { PracticeStore } from './store.js';

/** The app's default database (`npm start` uses the same file; see src/cli.ts). */
export const DEFAULT_PRACTICE_DB = join(homedir(), '.descent', 'descent.db');

const HELP = `descent practice: review interview questions with spaced repetition (same database as the app).

  descent practice [options]           review the cards due today, then new ones
    --mode review|cram|interview       review (default); cram ignores the schedule; interview uses your interview date
    --topic <topic>  --lesson <NN>  --difficulty easy|medium|hard  --limit <n>
    --db <file>                        the database (default ${DEFAULT_PRACTICE_DB})
  descent practice settings [--new-per-day <n>] [--interview-date YYYY-MM-DD]
  descent practice export <file>       your progress as JSON;  import <file> merges one
  descent practice anki <file>         the question bank as an Anki import file (formulas as MathJax)
  descent practice --restore-backup    replace a damaged database with its last automatic backup
  descent practice stats [--json]      count the bank (topics, kinds, difficulties)

Keys while reviewing: space shows the answer, 1 again, 2 hard, 3 good, 4 easy, q quits.`;

const tty = Boolean(process.stdout.isTTY);
const paint = (code: number) => (s: string) => (tty ? `\x1b[${code}m${s}\x1b[0m` : s);
const bold = paint(1), dim = paint(2), green = paint(32), cyan = paint(36), yellow = paint(33);
const RATING_NAMES = ['', 'again', 'hard', 'good', 'easy'];

function until(due: string, now: Date): string {
  const mins = Math.round((new Date(due).getTime() - now.getTime()) / 60000);
  if (mins < 60) return `${Math.max(mins, 1)} min`;
  if (mins < 48 * 60) return `${Math.round(mins / 60)} h`;
  return `${Math.round(mins / 1440)} days`;
}

function printQuestion(q: Question, i: number, n: number): void {
  const lessons = q.lessons.map((l) => String(l).padStart(2, '0')).join(', ');
  console.log(`\n${dim(`[${i}/${n}] ${q.topic} · ${q.kind} · ${q.difficulty} · lessons ${lessons} · ${q.id}`)}`);
  console.log(bold(plainText(q.question)));
  if (q.code) console.log(dim(`\nStarter:\n${q.code.starter}`));
  console.log(dim('\n(space: show the answer · q: quit)'));
}

/** The answer as terminal text: Markdown markers dropped and inline TeX as Unicode ($\eta$ becomes η). */
function printAnswer(q: Question): void {
  const list = (items: string[]) => items.map((k) => `  • ${plainText(k)}`).join('\n');
  console.log(`\n${green('Answer.')} ${plainText(q.short)}`);
  if (q.depth) console.log(`\n${plainText(q.depth)}`);
  if (q.keyPoints.length) console.log(`\n${cyan('Key points')}\n${list(q.keyPoints)}`);
  if (q.pitfalls.length) console.log(`\n${yellow('What not to say')}\n${list(q.pitfalls)}`);
  if (q.followUps.length) console.log(`\n${cyan('Follow-ups')}\n${list(q.followUps)}`);
  if (q.code) console.log(`\n${cyan('Solution')}\n${q.code.solution}`);
  console.log(dim('\nHow well did you know it?  1 again · 2 hard · 3 good · 4 easy · q quit'));
}

/** Reads single keys from stdin (raw mode on a terminal; piped input works too, a character at a time). */
function keyReader(): { next(): Promise<string>; close(): void } {
  const queue: string[] = [];
  let waiting: ((k: string) => void) | undefined;
  const stdin = process.stdin;
  if (stdin.isTTY) stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  const onData = (chunk: string) => {
    for (const ch of chunk) {
      if (waiting) {
        const w = waiting;
        waiting = undefined;
        w(ch);
      } else queue.push(ch);
    }
  };
  const onEnd = () => onData('q');
  stdin.on('data', onData);
  stdin.on('end', onEnd);
  stdin.resume();
  return {
    next: () => (queue.length > 0 ? Promise.resolve(queue.shift()!) : new Promise((r) => { waiting = r; })),
    close: () => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      if (stdin.isTTY) stdin.setRawMode(false);
      stdin.pause();
    },
  };
}

async function review(store: PracticeStore, queue: Question[], mode: Mode): Promise<number> {
  if (queue.length === 0) {
    console.log('Nothing to review now. Come back tomorrow, or try --mode cram to practise anyway.');
    return 0;
  }
  const keys = keyReader();
  let done = 0;
  try {
    for (let i = 0; i < queue.length; i++) {
      const q = queue[i];
      const shown = Date.now();
      printQuestion(q, i + 1, queue.length);
      let key = await keys.next();
      while (![' ', '\r', '\n', 'q', '\u0003'].includes(key)) key = await keys.next();
      if (key === 'q' || key === '\u0003') break;
      printAnswer(q);
      key = await keys.next();
      while (!['1', '2', '3', '4', 'q', '\u0003'].includes(key)) key = await keys.next();
      if (key === 'q' || key === '\u0003') break;
      const rating = Number(key) as 1 | 2 | 3 | 4;
      const now = new Date();
      // Committed before anything else happens: the next card is shown only after this returns.
      const { card } = await store.rate({ questionId: q.id, rating, mode: mode === 'cram' ? 'cram' : 'review', durationMs: Date.now() - shown }, now);
      done++;
      console.log(green(`✓ saved ${q.id}: ${RATING_NAMES[rating]}`) + (mode === 'cram' ? dim(' (cram: the schedule is unchanged)') : dim(` · next review in ${until(card!.due, now)}`)));
    }
  } finally {
    keys.close();
  }
  console.log(`\n${done} card${done === 1 ? '' : 's'} reviewed. Progress is saved in the database; \`npm start\` shows it on the Practice page.`);
  return 0;
}

/** The `descent practice` command (called by the lessons CLI). Returns the exit code. */
export async function practiceMain(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true,
      options: {
        mode: { type: 'string' }, topic: { type: 'string' }, lesson: { type: 'string' }, difficulty: { type: 'string' },
        limit: { type: 'string' }, db: { type: 'string' }, bank: { type: 'string' }, 'restore-backup': { type: 'boolean' },
        'new-per-day': { type: 'string' }, 'interview-date': { type: 'string' }, help: { type: 'boolean' }, cram: { type: 'boolean' },
      },
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values: v, positionals: [sub, file] } = parsed;
  if (v.help) {
    console.log(HELP);
    return 0;
  }
  const dbPath = resolve(v.db ?? DEFAULT_PRACTICE_DB);
  if (v['restore-backup']) {
    const r = restoreBackup(dbPath);
    console.log(`Restored ${dbPath} from ${r.restoredFrom}. The damaged file is kept at ${r.damagedKeptAt}.`);
    return 0;
  }
  const mode = (v.cram ? 'cram' : v.mode ?? 'review') as Mode;
  if (!['review', 'cram', 'interview'].includes(mode)) {
    console.error(`--mode must be review, cram or interview (got "${v.mode}").`);
    return 2;
  }
  if (v.topic !== undefined && !(v.topic in TOPICS)) {
    console.error(`--topic must be one of ${Object.keys(TOPICS).join(', ')} (got "${v.topic}").`);
    return 2;
  }
  if (v.difficulty !== undefined && !['easy', 'medium', 'hard'].includes(v.difficulty)) {
    console.error(`--difficulty must be easy, medium or hard (got "${v.difficulty}").`);
    return 2;
  }
  const bank = bankLoader(v.bank ? resolve(v.bank) : findBankDir())();
  if (sub === 'anki') {
    if (!file) return (console.error('descent practice anki <file>: name the file to write.'), 2);
    writeFileSync(file, toAnki(bank.questions));
    console.log(`Wrote ${bank.questions.length} notes to ${file}. In Anki: File → Import, choose the file; formulas render with MathJax.`);
    return 0;
  }

  let db;
  try {
    db = openCheckedDatabase(dbPath);
  } catch (e) {
    console.error(e instanceof DamagedDatabaseError ? e.message : `Cannot open ${dbPath}: ${(e as Error).message}`);
    return 1;
  }
  try {
    await backupIfDue(db, dbPath);
    const store = new PracticeStore(sqliteSql(db));
    if (sub === 'export') {
      if (!file) return (console.error('descent practice export <file>: name the file to write.'), 2);
      const data = await store.exportProgress();
      writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
      console.log(`Exported ${data.cards.length} cards and ${data.reviews.length} reviews to ${file}.`);
      return 0;
    }
    if (sub === 'import') {
      if (!file) return (console.error('descent practice import <file>: name the file to read.'), 2);
      const r = await store.importProgress(JSON.parse(readFileSync(file, 'utf8')));
      console.log(`Imported ${r.cards} cards and ${r.reviews} reviews from ${file}.`);
      return 0;
    }
    if (sub === 'settings') {
      const perDay = v['new-per-day'] === undefined ? undefined : Number(v['new-per-day']);
      if (perDay !== undefined && !(Number.isInteger(perDay) && perDay >= 0)) return (console.error('--new-per-day must be a whole number >= 0.'), 2);
      const date = v['interview-date'];
      if (date !== undefined && date !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(date)) return (console.error('--interview-date must look like 2027-03-15 (or "" to clear it).'), 2);
      const s = await store.saveSettings({ ...(perDay === undefined ? {} : { newPerDay: perDay }), ...(date === undefined ? {} : { interviewDate: date === '' ? null : date }) });
      console.log(`New cards per day: ${s.newPerDay}. Interview date: ${s.interviewDate ?? 'none'}.`);
      return 0;
    }
    if (sub !== undefined) {
      console.error(`Unknown practice command "${sub}".\n\n${HELP}`);
      return 2;
    }
    const settings = await store.settings();
    if (mode === 'interview' && settings.interviewDate === null) {
      console.error('Interview mode needs a date: descent practice settings --interview-date YYYY-MM-DD');
      return 2;
    }
    const now = new Date();
    const queue = buildQueue(bank.questions, await store.cards(), {
      mode, now, newPerDay: settings.newPerDay, newToday: await store.newToday(now),
      ...(v.topic ? { topic: v.topic } : {}), ...(v.lesson ? { lesson: Number(v.lesson) } : {}), ...(v.difficulty ? { difficulty: v.difficulty } : {}),
      ...(settings.interviewDate ? { interviewDate: new Date(`${settings.interviewDate}T00:00:00`) } : {}),
      ...(v.limit ? { limit: Number(v.limit) } : {}),
    });
    const stats = await store.stats(bank.questions, now);
    console.log(bold(`Descent practice · ${mode}`) + dim(` · ${queue.length} cards · ${stats.due} due · ${stats.reviewedToday} reviewed today · streak ${stats.streak} · ${dbPath}`));
    return await review(store, queue, mode);
  } finally {
    db.close();
  }
}
