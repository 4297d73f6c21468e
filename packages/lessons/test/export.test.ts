import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderLessonHtml } from '../src/export/html';
import { markdownToHtml } from '../src/export/markdown';
import { katexCss } from '../src/node/katex-css';
import { loadLesson } from '../src/node/lessons';
import { runLesson } from '../src/node/run';

describe('HTML export', () => {
  it('renders inline and display math with KaTeX, leaving code alone', () => {
    const html = markdownToHtml('Cost $5 and $x^2$, `$y$`.\n\n$$\n\\frac{a}{b}\n$$\n');
    expect(html).toContain('class="katex"');
    expect(html).toContain('katex-display');
    expect(html).toContain('Cost $5 and');
    expect(html).toContain('<code>$y$</code>');
  });

  it('writes one page with prose, math, highlighted code, outputs, inline SVG and exercises', async () => {
    const lesson = loadLesson(fileURLToPath(new URL('./fixtures/sample-lesson.md', import.meta.url)));
    const html = renderLessonHtml(lesson, await runLesson(lesson), { css: katexCss() });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<h1>Fitting a line by gradient descent</h1>');
    expect(html).toContain('class="katex"');
    expect((html.match(/<svg /g) ?? []).length).toBe(2);
    expect(html).toContain('<span class="tok-keyword">const</span>');
    expect(html).toContain('class="note"');
    expect((html.match(/class="exercise"/g) ?? []).length).toBe(3);
    expect(html).toContain('<summary>Solution</summary>');
    // Self-contained: KaTeX fonts are inlined rather than linked.
    expect(html).toContain('data:font/woff2;base64,');
    expect(html).not.toMatch(/url\(fonts\//);
  });
});
