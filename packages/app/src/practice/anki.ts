/**
 * The bank as a file Anki imports ("File → Import", notes in plain text): one note per line,
 * front and back separated by a tab, HTML allowed, tags in the third column. Formulas become
 * MathJax delimiters, which Anki renders: `$x$` → `\(x\)`, `$$x$$` → `\[x\]`.
 */
import { markdownToHtml } from '@descent/lessons/export';
import type { Question } from '@descent/lessons/practice';

/** `$...$` and `$$...$$` to MathJax delimiters, leaving code spans alone. */
export function toMathJax(markdown: string): string {
  return markdown.split(/(`[^`\n]*`)/).map((part) => part.startsWith('`') ? part : part
    .replace(/\$\$([\s\S]+?)\$\$/g, (_, tex: string) => `\\[${tex.trim()}\\]`)
    .replace(/\$(?!\s)((?:\\\$|[^$\n])+?)(?<!\s)\$(?!\d)/g, (_, tex: string) => `\\(${tex}\\)`)).join('');
}

/** Markdown (already in MathJax form) to one line of HTML, safe inside a tab-separated field. */
function field(markdown: string): string {
  // Math must not pass through Markdown's emphasis rules: protect it while rendering.
  const math: string[] = [];
  const protectedText = toMathJax(markdown).replace(/\\\[[\s\S]+?\\\]|\\\([\s\S]+?\\\)/g, (m) => `@@MATH${math.push(m) - 1}@@`);
  const html = markdownToHtml(protectedText).replace(/@@MATH(\d+)@@/g, (_, i: string) => math[Number(i)].replace(/&/g, '&amp;').replace(/</g, '&lt;'));
  return html.replace(/\t/g, ' ').replace(/\r?\n/g, '<br>').replace(/(<br>)+$/, '');
}

/**
 * The Anki file's text.
 *
 * @example
 * writeFileSync('descent.txt', toAnki(bank.questions)); // then File → Import in Anki
 */
export function toAnki(questions: Question[]): string {
  const lines = ['#separator:tab', '#html:true', '#tags column:3'];
  for (const q of questions) {
    const back = [q.short, q.depth, q.keyPoints.length ? `**Key points**\n\n${q.keyPoints.map((k) => `- ${k}`).join('\n')}` : '',
      q.pitfalls.length ? `**What not to say**\n\n${q.pitfalls.map((k) => `- ${k}`).join('\n')}` : '',
      q.code ? `**Solution**\n\n\`\`\`ts\n${q.code.solution}\n\`\`\`` : ''].filter((s) => s !== '').join('\n\n');
    const tags = [`descent::${q.topic}`, q.kind, q.difficulty, ...q.lessons.map((n) => `lesson::${String(n).padStart(2, '0')}`), `id::${q.id}`];
    lines.push([field(q.question), field(back), tags.join(' ')].join('\t'));
  }
  return `${lines.join('\n')}\n`;
}
