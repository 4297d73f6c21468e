/**
 * A lesson as one static HTML page: prose with rendered math, highlighted code, the outputs of
 * a real run (text, tables, inline SVG figures), notes, and exercises with their check results.
 * Pure string building, so the app can reuse it; the Node side supplies KaTeX's CSS.
 */
import type { Cell, Exercise, Lesson } from '../format/types';
import type { Output } from '../helpers/outputs';
import type { CellResult, ExerciseResult, LessonResult } from '../notebook/results';
import { escapeHtml, highlightTs } from './highlight';
import { markdownToHtml } from './markdown';
import { LESSON_CSS } from './style';

function renderOutput(output: Output): string {
  const label = output.label ? `<div class="output-label">${escapeHtml(output.label)}</div>` : '';
  switch (output.kind) {
    case 'text':
      return `<div class="output">${label}<pre class="output-text">${escapeHtml(output.text)}</pre></div>`;
    case 'table': {
      const head = output.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
      const rows = output.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
      return `<div class="output">${label}<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
    }
    case 'chart': {
      const caption = output.label ? `<figcaption>${escapeHtml(output.label)}</figcaption>` : '';
      return `<figure class="output chart">${output.svg}${caption}</figure>`;
    }
  }
}

const code = (cell: Cell) => `<pre class="code"><code>${highlightTs(cell.code)}</code></pre>`;
const outputsOf = (result?: CellResult) => `<div class="outputs">${(result?.outputs ?? []).map(renderOutput).join('\n')}</div>`;
const noteOf = (cell: Cell) => cell.note === undefined ? ''
  : `<aside class="note"><div class="note-title">Notice</div>${markdownToHtml(cell.note)}</aside>`;

function seconds(result?: CellResult): string {
  return result === undefined ? '' : `${(result.ms / 1000).toFixed(result.ms < 1000 ? 2 : 1)} s`;
}

function renderCell(cell: Cell, result: CellResult | undefined, error: string): string {
  return `<section class="cell" id="cell-${cell.index}">
<div class="cell-label"><span>[${cell.index}]</span><span>${seconds(result)}</span></div>
${code(cell)}
${outputsOf(result)}${error}${noteOf(cell)}
</section>`;
}

function exerciseStatus(result?: ExerciseResult): string {
  if (result === undefined) return '<span class="status broken">not checked</span>';
  if (!result.ok) return `<span class="status broken">✗ ${escapeHtml(result.problem ?? 'broken')}</span>`;
  const n = result.solution.tests.length;
  return `<span class="status">✓ checked: the solution passes ${n === 0 ? 'the' : n} test${n === 1 ? '' : 's'}, the starter does not</span>`;
}

function renderExercise(exercise: Exercise, result: ExerciseResult | undefined, solutionRun: CellResult | undefined, error: string): string {
  const tests = (result?.solution.tests ?? [])
    .map((t) => `<li class="${t.passed ? 'pass' : 'fail'}">${escapeHtml(t.name)}${t.error ? ` — ${escapeHtml(t.error)}` : ''}</li>`)
    .join('\n');
  return `<section class="exercise" id="exercise-${exercise.id}">
<div class="exercise-head"><span class="badge">Exercise</span><strong>${escapeHtml(exercise.id)}</strong>${exerciseStatus(result)}</div>
${code(exercise.starter)}${noteOf(exercise.starter)}
<details><summary>Solution</summary>${code(exercise.solution)}${outputsOf(solutionRun)}${noteOf(exercise.solution)}</details>
<details><summary>Tests</summary>${code(exercise.test)}${tests ? `<ul class="tests">${tests}</ul>` : ''}</details>${error}
</section>`;
}

export interface HtmlOptions {
  /** Extra CSS placed before the lesson's own, e.g. KaTeX's stylesheet with its fonts inlined. */
  css?: string;
}

/** The complete HTML page for `lesson` with the outputs of `result`. */
export function renderLessonHtml(lesson: Lesson, result: LessonResult, options: HtmlOptions = {}): string {
  const { meta } = lesson;
  const cellResults = new Map(result.cells.map((c) => [c.cell, c]));
  const exerciseResults = new Map(result.exercises.map((e) => [e.id, e]));
  const failure = result.failure;
  const errorAt = (cell: Cell) => failure?.cell === cell.index
    ? `<pre class="error">${escapeHtml(`Line ${failure.line ?? '?'}: ${failure.message}`)}</pre>` : '';
  const body: string[] = [];
  for (const block of lesson.blocks) {
    if (block.kind === 'prose') {
      // The page header shows the title, so a leading "# Title" in the prose is not repeated.
      const markdown = body.length === 0 ? block.markdown.replace(/^\s*#\s+.*\n/, '') : block.markdown;
      body.push(markdownToHtml(markdown));
      continue;
    }
    const { cell } = block;
    const exercise = lesson.exercises.find((e) => e.starter === cell);
    if (exercise !== undefined) {
      const errors = [exercise.starter, exercise.solution, exercise.test].map(errorAt).join('');
      body.push(renderExercise(exercise, exerciseResults.get(exercise.id), cellResults.get(exercise.solution.index), errors));
    } else if (cell.role === 'code') {
      body.push(renderCell(cell, cellResults.get(cell.index), errorAt(cell)));
    }
  }
  const list = (items: string[]) => items.map((m) => `<code>${escapeHtml(m)}</code>`).join(', ') || 'none';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(meta.title)} · Descent</title>
<style>${options.css ?? ''}</style>
<style>${LESSON_CSS}</style>
</head>
<body>
<main class="lesson">
<header>
<p class="eyebrow">Descent · Part ${meta.part} · ${meta.minutes} min</p>
<h1>${escapeHtml(meta.title)}</h1>
<p class="meta">Before this: ${list(meta.prerequisites)} · Uses: ${list(meta.modules)}</p>
</header>
${body.join('\n')}
<footer>Exported by <code>descent lesson export ${escapeHtml(meta.id)}</code>. Every output above was computed when the page was made.</footer>
</main>
</body>
</html>
`;
}
