/**
 * For static pages (`descent lesson export`): a lesson's links to bank questions
 * (`../interview/<topic>.md#<id>`) become `<details>` elements with the model answer inside,
 * so the answer is one click away on a page that has no server behind it.
 */
import { markdownToHtml } from '../export/markdown';
import { escapeHtml } from '../export/highlight';
import type { Question } from './types';

const LINK = /<li><a href="\.\.\/interview\/[\w-]+\.md#([a-z0-9-]+)">([\s\S]*?)<\/a><\/li>/g;

function answerHtml(q: Question): string {
  const list = (title: string, items: string[]) => (items.length === 0 ? ''
    : `<p><strong>${title}</strong></p><ul>${items.map((i) => `<li>${markdownToHtml(i).replace(/^<p>|<\/p>\n?$/g, '')}</li>`).join('')}</ul>`);
  return markdownToHtml(q.short) + markdownToHtml(q.depth) + list('Key points', q.keyPoints) + list('What not to say', q.pitfalls)
    + list('Follow-ups', q.followUps) + (q.code ? `<p><strong>Solution</strong></p><pre><code>${escapeHtml(q.code.solution)}</code></pre>` : '');
}

/**
 * Replaces each list item linking to a bank question with a `<details>` holding its answer.
 *
 * @example
 * inlineAnswers(renderLessonHtml(lesson, result), new Map(bank.questions.map((q) => [q.id, q])));
 */
export function inlineAnswers(html: string, questions: Map<string, Question>): string {
  return html.replace(LINK, (whole, id: string, text: string) => {
    const q = questions.get(id);
    return q === undefined ? whole : `<li><details class="interview-question"><summary>${text}</summary>${answerHtml(q)}</details></li>`;
  });
}
