/**
 * Parses a bank file: front matter naming the topic, then one `## <id>` block per question.
 *
 *   ## stable-softmax
 *   kind: coding · difficulty: medium · lessons: 21, 28
 *
 *   Implement softmax so that it never overflows.     ← the question (until the first ###)
 *
 *   ### Answer
 *   The short version, one paragraph.                 ← what an interviewer wants first
 *
 *   The depth: more paragraphs, $math$ as in lessons.
 *
 *   ### Key points / ### What not to say / ### Follow-ups     (bullet lists)
 *   ### Code            (coding questions: ```ts starter, ```ts solution, ```ts test fences)
 *
 * Problems never throw: they are collected with their file and line, like `parseLesson`.
 */
import { readFrontMatter } from '../format/front-matter';
import { DIFFICULTIES, KINDS, TOPICS, type BankFile, type Difficulty, type Kind, type Question, type Topic } from './types';

const FENCE = /^(`{3,}|~{3,})(.*)$/;
const SECTIONS: Record<string, 'answer' | 'keyPoints' | 'pitfalls' | 'followUps' | 'code'> = {
  'answer': 'answer',
  'key points': 'keyPoints',
  'what not to say': 'pitfalls',
  'follow-ups': 'followUps',
  'code': 'code',
};

function bullets(lines: string[]): string[] {
  const items: string[] = [];
  for (const line of lines) {
    const item = /^[-*]\s+(.*)$/.exec(line);
    if (item) items.push(item[1].trim());
    else if (line.trim() !== '' && items.length > 0) items[items.length - 1] += ` ${line.trim()}`;
  }
  return items;
}

function paragraphs(text: string): string[] {
  return text.trim().split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '');
}

/** Reads `kind: coding · difficulty: medium · lessons: 21, 28` (`·`, `|` or `;` between fields). */
function readMeta(line: string, where: string, problems: string[]): { kind?: Kind; difficulty?: Difficulty; lessons: number[] } {
  const fields = new Map<string, string>();
  for (const part of line.split(/[·|;]/)) {
    const m = /^\s*([a-z]+)\s*:\s*(.*?)\s*$/.exec(part);
    if (m) fields.set(m[1], m[2]);
  }
  const out: { kind?: Kind; difficulty?: Difficulty; lessons: number[] } = { lessons: [] };
  const kind = fields.get('kind');
  if (kind !== undefined && (KINDS as readonly string[]).includes(kind)) out.kind = kind as Kind;
  else problems.push(`${where}: kind must be one of ${KINDS.join(', ')} (got ${kind === undefined ? 'none' : `"${kind}"`}).`);
  const difficulty = fields.get('difficulty');
  if (difficulty !== undefined && (DIFFICULTIES as readonly string[]).includes(difficulty)) out.difficulty = difficulty as Difficulty;
  else problems.push(`${where}: difficulty must be one of ${DIFFICULTIES.join(', ')} (got ${difficulty === undefined ? 'none' : `"${difficulty}"`}).`);
  const lessons = fields.get('lessons') ?? '';
  for (const l of lessons.split(/[,\s]+/).filter((s) => s !== '')) {
    if (/^\d{1,2}$/.test(l)) out.lessons.push(Number(l));
    else problems.push(`${where}: lessons are curriculum numbers such as 03 or 28 (got "${l}").`);
  }
  if (out.lessons.length === 0) problems.push(`${where}: name the lessons the question draws on, e.g. "lessons: 03, 04".`);
  return out;
}

/**
 * Parses one bank file. `file` names it in messages.
 *
 * @example
 * const { topic, questions, problems } = parseBankFile(readFileSync('interview/math.md', 'utf8'), 'interview/math.md');
 */
export function parseBankFile(source: string, file: string): BankFile {
  const problems: string[] = [];
  const text = source.replace(/\r\n/g, '\n');
  let fields: Record<string, unknown> = {};
  let lineCount = 0;
  try {
    ({ fields, lineCount } = readFrontMatter(text));
  } catch (e) {
    problems.push(`${file}: ${(e as Error).message}`);
  }
  const topicField = fields.topic;
  let topic: Topic | undefined;
  if (typeof topicField === 'string' && topicField in TOPICS) topic = topicField as Topic;
  else problems.push(`${file}: the front matter needs \`topic:\`, one of ${Object.keys(TOPICS).join(', ')} (got ${JSON.stringify(topicField ?? null)}).`);

  const lines = text.split('\n');
  // Split into question blocks at `## ` headings outside fences.
  const blocks: { start: number; lines: string[] }[] = [];
  let fence: string | undefined;
  for (let i = lineCount; i < lines.length; i++) {
    const line = lines[i];
    const f = FENCE.exec(line);
    if (f) fence = fence === undefined ? f[1] : (line.trim().startsWith(fence) && f[2].trim() === '' ? undefined : fence);
    if (fence === undefined && /^## /.test(line)) blocks.push({ start: i + 1, lines: [line] });
    else if (blocks.length > 0) blocks[blocks.length - 1].lines.push(line);
  }

  const questions: Question[] = [];
  for (const block of blocks) {
    const where = `${file}:${block.start}`;
    const id = block.lines[0].slice(3).trim();
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) problems.push(`${where}: a question starts with "## <id>", a kebab-case id (got "${id}").`);
    let i = 1;
    while (i < block.lines.length && block.lines[i].trim() === '') i++;
    const meta = readMeta(block.lines[i] ?? '', where, problems);
    i++;
    const sections = new Map<string, string[]>([['question', []]]);
    const code: Record<string, string> = {};
    let current = 'question';
    for (; i < block.lines.length; i++) {
      const line = block.lines[i];
      const open = FENCE.exec(line);
      if (open) {
        const [lang, role] = open[2].trim().split(/\s+/);
        let end = i + 1;
        while (end < block.lines.length && block.lines[end].trim() !== open[1]) end++;
        if (lang === 'ts' && (role === 'starter' || role === 'solution' || role === 'test')) {
          if (code[role] !== undefined) problems.push(`${where}: two \`ts ${role}\` cells in question ${id}.`);
          code[role] = block.lines.slice(i + 1, end).join('\n');
        } else {
          sections.get(current)!.push(...block.lines.slice(i, end + 1));
        }
        i = end;
        continue;
      }
      const heading = /^###\s+(.+?)\s*$/.exec(line);
      if (heading) {
        const key = SECTIONS[heading[1].toLowerCase()];
        if (key === undefined) problems.push(`${where}: unknown section "### ${heading[1]}" in ${id} (use Answer, Key points, What not to say, Follow-ups, Code).`);
        current = key ?? current;
        if (!sections.has(current)) sections.set(current, []);
        continue;
      }
      sections.get(current)!.push(line);
    }
    const answer = paragraphs((sections.get('answer') ?? []).join('\n'));
    const q: Question = {
      id,
      topic: topic ?? 'foundations',
      kind: meta.kind ?? 'concept',
      difficulty: meta.difficulty ?? 'medium',
      lessons: meta.lessons,
      question: (sections.get('question') ?? []).join('\n').trim(),
      short: answer[0] ?? '',
      depth: answer.slice(1).join('\n\n'),
      keyPoints: bullets(sections.get('keyPoints') ?? []),
      pitfalls: bullets(sections.get('pitfalls') ?? []),
      followUps: bullets(sections.get('followUps') ?? []),
      source: where,
    };
    const roles = Object.keys(code);
    if (roles.length > 0) {
      if (code.starter === undefined || code.solution === undefined || code.test === undefined) {
        problems.push(`${where}: coding question ${id} needs three cells, \`ts starter\`, \`ts solution\` and \`ts test\` (found ${roles.join(', ')}).`);
      } else {
        q.code = { starter: code.starter, solution: code.solution, test: code.test };
      }
    }
    questions.push(q);
  }
  return { file, topic, questions, problems };
}
