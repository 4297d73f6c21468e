/**
 * A small TypeScript highlighter for exported code: comments, strings, numbers, keywords and
 * called functions get a class each. Enough for reading lessons; not a full tokenizer.
 */

const KEYWORDS = new Set(('const let var function return if else for while do of in new class extends ' +
  'import from export as async await try catch finally throw typeof instanceof break continue ' +
  'switch case default type interface enum true false null undefined this').split(' '));

const TOKEN = /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|('(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`)|(\b\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?\b)|([A-Za-z_$][\w$]*)(\s*\()?/g;

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** HTML for `code` with `<span class="tok-…">` around each highlighted token. */
export function highlightTs(code: string): string {
  let html = '';
  let last = 0;
  for (const m of code.matchAll(TOKEN)) {
    const [whole, comment, string, number, word, call] = m;
    html += escapeHtml(code.slice(last, m.index));
    last = m.index + whole.length;
    const span = (cls: string, text: string) => `<span class="tok-${cls}">${escapeHtml(text)}</span>`;
    if (comment) html += span('comment', comment);
    else if (string) html += span('string', string);
    else if (number) html += span('number', number);
    else if (word && KEYWORDS.has(word)) html += span('keyword', word) + escapeHtml(call ?? '');
    else if (word && call) html += span('call', word) + escapeHtml(call);
    else html += escapeHtml(whole);
  }
  return html + escapeHtml(code.slice(last));
}
