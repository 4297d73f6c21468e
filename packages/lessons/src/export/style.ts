/** The exported page's stylesheet: a readable column of prose with code and figures in it. */
export const LESSON_CSS = `
:root {
  --ink: #1d2329; --muted: #5f6b76; --rule: #e3e7eb; --paper: #ffffff; --wash: #f6f8fa;
  --accent: #2b6cb0; --good: #2f855a; --bad: #c53030; --note: #b7791f;
  --code-font: "DejaVu Sans Mono", ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font: 17px/1.65 "Charter", "Bitstream Charter", "DejaVu Serif", Georgia, serif; }
main.lesson { max-width: 820px; margin: 0 auto; padding: 48px 28px 96px; }
h1, h2, h3, h4, .eyebrow, .cell-label, .exercise-head, summary, figcaption, table, .meta, .note-title, footer {
  font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
h1 { font-size: 2.3rem; line-height: 1.2; margin: 0.2em 0 0.3em; letter-spacing: -0.01em; }
h2 { font-size: 1.5rem; margin: 2.2em 0 0.6em; padding-bottom: 0.25em; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.2rem; margin: 1.8em 0 0.5em; }
a { color: var(--accent); }
.eyebrow { color: var(--muted); text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.78rem; margin: 0; }
.meta { color: var(--muted); font-size: 0.9rem; margin: 0 0 2.5em; }
.meta code { font-size: 0.85em; }
code { font-family: var(--code-font); font-size: 0.86em; background: var(--wash); padding: 0.1em 0.3em; border-radius: 4px; }
pre { margin: 0; overflow-x: auto; font-size: 13.5px; line-height: 1.5; }
pre code { background: none; padding: 0; font-size: 1em; }
.math-display { overflow-x: auto; margin: 1.2em 0; }
.cell { margin: 1.4em 0; border: 1px solid var(--rule); border-radius: 8px; overflow: hidden; }
.cell-label { display: flex; justify-content: space-between; font-size: 0.72rem; color: var(--muted);
  background: var(--wash); padding: 4px 12px; border-bottom: 1px solid var(--rule); }
.cell pre.code { background: var(--wash); padding: 12px 14px; }
.outputs { padding: 4px 14px 10px; }
.outputs:empty { display: none; }
.output { margin: 10px 0; }
.output-label { font: 600 0.75rem system-ui, "DejaVu Sans", sans-serif; color: var(--muted); margin-bottom: 2px; }
.output-text { font-family: var(--code-font); font-size: 13px; white-space: pre; }
figure.chart { margin: 8px 0; text-align: center; }
figure.chart svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.8rem; color: var(--muted); }
table { border-collapse: collapse; font-size: 0.85rem; margin: 6px 0; }
th, td { padding: 4px 12px; border-bottom: 1px solid var(--rule); text-align: right; }
th { font-weight: 600; border-bottom: 2px solid var(--rule); }
td:first-child, th:first-child { text-align: left; }
.note { margin: 0; padding: 10px 14px; border-top: 1px solid var(--rule); background: #fffaf0; font-size: 0.95rem; }
.note-title { color: var(--note); font-weight: 700; font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.06em; }
.note p { margin: 0.2em 0; }
.exercise { margin: 2em 0; border: 1px solid #bfd3ea; border-left: 4px solid var(--accent); border-radius: 8px; overflow: hidden; }
.exercise-head { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; padding: 8px 14px; background: #eef4fb; font-size: 0.85rem; }
.badge { background: var(--accent); color: white; font-weight: 700; font-size: 0.7rem; text-transform: uppercase;
  letter-spacing: 0.06em; padding: 2px 8px; border-radius: 10px; }
.status { margin-left: auto; color: var(--good); }
.status.broken { color: var(--bad); }
.exercise pre.code { background: var(--wash); padding: 12px 14px; border-top: 1px solid var(--rule); }
details { border-top: 1px solid var(--rule); }
summary { cursor: pointer; padding: 6px 14px; font-size: 0.85rem; color: var(--muted); }
details[open] summary { border-bottom: 1px solid var(--rule); }
ul.tests { list-style: none; margin: 6px 0; padding: 0 14px 8px; font: 0.85rem system-ui, "DejaVu Sans", sans-serif; }
ul.tests li.pass::before { content: "✓ "; color: var(--good); font-weight: 700; }
ul.tests li.fail::before { content: "✗ "; color: var(--bad); font-weight: 700; }
.error { margin: 0; padding: 10px 14px; border-top: 1px solid #f5c2c2; background: #fff5f5; color: var(--bad);
  font: 13px/1.5 var(--code-font); white-space: pre-wrap; }
blockquote { margin: 1em 0; padding: 0.2em 1em; border-left: 3px solid var(--rule); color: var(--muted); }
footer { margin-top: 4em; padding-top: 1em; border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.8rem; }
.tok-keyword { color: #8b3fc2; } .tok-string { color: #2f7d32; } .tok-number { color: #b35900; }
.tok-comment { color: #7d8791; font-style: italic; } .tok-call { color: #1f5fa8; }
`;
