/**
 * Lesson prose to HTML: Markdown by `marked`, math by KaTeX at export time (no script on the
 * page). `$...$` is inline math and `$$...$$` display math; a `$` inside code stays a dollar.
 */
import katex from 'katex';
import { Marked, type TokenizerAndRendererExtension } from 'marked';

function renderMath(tex: string, displayMode: boolean): string {
  return katex.renderToString(tex, { displayMode, throwOnError: false, output: 'html' });
}

const displayMath: TokenizerAndRendererExtension = {
  name: 'displayMath',
  level: 'block',
  start: (src) => src.match(/^\$\$/m)?.index,
  tokenizer(src) {
    const m = /^\$\$([\s\S]+?)\$\$[ \t]*(?:\n|$)/.exec(src);
    if (m) return { type: 'displayMath', raw: m[0], text: m[1].trim() };
    return undefined;
  },
  renderer: (token) => `<div class="math-display">${renderMath(String(token.text), true)}</div>\n`,
};

const inlineMath: TokenizerAndRendererExtension = {
  name: 'inlineMath',
  level: 'inline',
  start: (src) => src.indexOf('$') >= 0 ? src.indexOf('$') : undefined,
  tokenizer(src) {
    // `$x$` or `$$x$$` inside a paragraph; not `$ 5` or `5$` (prices), and no line breaks.
    const m = /^\$\$([^$]+?)\$\$/.exec(src) ?? /^\$(?!\s)((?:\\\$|[^$\n])+?)(?<!\s)\$(?!\d)/.exec(src);
    if (m) return { type: 'inlineMath', raw: m[0], text: m[1], display: m[0].startsWith('$$') };
    return undefined;
  },
  renderer: (token) => renderMath(String(token.text), Boolean(token.display)),
};

const marked = new Marked({ gfm: true, extensions: [displayMath, inlineMath] });

/**
 * Renders lesson Markdown with math to HTML.
 *
 * @example
 * markdownToHtml('The loss is $L = \\frac{1}{n}\\sum_i (y_i - \\hat y_i)^2$.');
 */
export function markdownToHtml(markdown: string): string {
  return marked.parse(markdown, { async: false });
}
