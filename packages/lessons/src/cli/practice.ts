/**
 * `descent practice ...`: the question bank from the terminal.
 *
 *   descent practice stats [--json]   counts by topic, kind, difficulty and lesson
 *   descent practice check            the bank's schema check and every coding question's tests
 *   descent practice [review options] review cards (the app's database; see packages/app)
 */
import { dirname, join } from 'node:path';
import { bankStats, checkCodingQuestions, curriculumNumbers, findBankDir, loadBank, validateBank } from '../practice';
import { TOPICS } from '../practice/types';
import { bold, dim, green, red } from './terminal';

function table(title: string, counts: Record<string, number>, label = (k: string) => k): string {
  const width = Math.max(...Object.keys(counts).map((k) => label(k).length));
  return [bold(title), ...Object.entries(counts).map(([k, n]) => `  ${label(k).padEnd(width)}  ${String(n).padStart(4)}`)].join('\n');
}

export function practiceStatsCommand(bankDir: string | undefined, json: boolean): number {
  const bank = loadBank(bankDir ?? findBankDir());
  const stats = bankStats(bank.questions);
  if (json) {
    console.log(JSON.stringify(stats, null, 2));
    return 0;
  }
  console.log(`${bold(String(stats.total))} questions in ${bank.dir}\n`);
  console.log(table('By topic', stats.byTopic, (k) => `${k} ${dim(`(${TOPICS[k as keyof typeof TOPICS]?.title ?? ''})`)}`));
  console.log(`\n${table('By kind', stats.byKind)}\n\n${table('By difficulty', stats.byDifficulty)}`);
  return 0;
}

export async function practiceCheckCommand(bankDir: string | undefined, lessonsDir: string): Promise<number> {
  const dir = bankDir ?? findBankDir(dirname(lessonsDir));
  const bank = loadBank(dir);
  const problems = validateBank(bank, curriculumNumbers(lessonsDir));
  for (const p of problems) console.log(red(`✗ ${p}`));
  const checks = await checkCodingQuestions(bank.questions);
  for (const c of checks.filter((x) => !x.ok)) console.log(red(`✗ ${c.source} (${c.id}): ${c.problem}`));
  const broken = checks.filter((c) => !c.ok).length;
  const ok = problems.length === 0 && broken === 0;
  const summary = `${bank.questions.length} questions in ${join(dir)}, ${problems.length} format problems, ${checks.length - broken}/${checks.length} coding questions pass`;
  console.log(ok ? green(`✓ ${summary}`) : red(`✗ ${summary}`));
  return ok ? 0 : 1;
}
