/**
 * The playgrounds' stylesheet. It lives in TypeScript so it works the same under the
 * app's Vite build, the dev page and tests, and is added to the page once on first mount.
 * Colours come from the app's CSS variables (`--ink`, `--paper`, `--muted`, `--accent`,
 * `--rule`, `--wash`, `--focus` in the app's styles.css), with the same values as
 * fallbacks so the dev page looks alike.
 */
const CSS = `
.pg {
  --pg-bg: var(--paper, #ffffff);
  --pg-fg: var(--ink, #1d2329);
  --pg-muted: var(--muted, #56616b);
  --pg-accent: var(--accent, #22609f);
  --pg-border: var(--rule, #dde2e7);
  --pg-surface: var(--wash, #f5f7f9);
  --pg-focus: var(--focus, #f0a000);
  color: var(--pg-fg);
  background: var(--pg-bg);
  font: 15px/1.45 var(--ui-font, system-ui, -apple-system, "Segoe UI", sans-serif);
  margin: 0 auto;
  box-sizing: border-box;
}
.pg *, .pg *::before, .pg *::after { box-sizing: border-box; }
.pg h2 { font-size: 0.8rem; margin: 0 0 8px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--pg-muted); }
.pg p.pg-lede { margin: 0 0 12px; color: var(--pg-muted); max-width: 70ch; }
.pg-toolbar { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 8px 16px; padding: 10px 12px; margin-bottom: 12px;
  background: var(--pg-surface); border: 1px solid var(--pg-border); border-radius: 8px; }
.pg-toolbar .pg-field { min-width: 120px; }
.pg-grid { display: grid; gap: 12px; grid-template-columns: minmax(180px, 220px) minmax(0, 1fr) minmax(260px, 340px); align-items: start; }
.pg-panel { border: 1px solid var(--pg-border); border-radius: 8px; padding: 10px 12px; background: var(--pg-bg); min-width: 0; }
.pg-field { display: flex; flex-direction: column; gap: 2px; margin-bottom: 8px; }
.pg-field-head { display: flex; justify-content: space-between; gap: 8px; }
.pg-field label, .pg-check label { font-size: 0.85rem; color: var(--pg-muted); }
.pg-value { font-variant-numeric: tabular-nums; font-size: 0.85rem; }
.pg select, .pg input[type="number"], .pg input[type="text"] { font: inherit; padding: 4px 6px; border: 1px solid var(--pg-border);
  border-radius: 6px; background: var(--pg-bg); color: var(--pg-fg); min-height: 32px; }
.pg input[type="range"] { width: 100%; accent-color: var(--pg-accent); min-height: 24px; }
.pg-check { display: flex; align-items: center; gap: 6px; margin-bottom: 4px; }
.pg-check input { width: 18px; height: 18px; accent-color: var(--pg-accent); }
.pg-btn { font: inherit; min-height: 36px; min-width: 36px; padding: 4px 12px; border-radius: 6px; border: 1px solid var(--pg-border);
  background: var(--pg-bg); color: var(--pg-fg); cursor: pointer; }
/* Scoped under .pg so the app's own button:hover rule cannot wash out the primary buttons. */
.pg .pg-btn:hover:not(:disabled) { background: var(--pg-surface); }
.pg .pg-btn.pg-primary, .pg .pg-btn.pg-primary:hover:not(:disabled), .pg .pg-btn[aria-pressed="true"],
.pg .pg-btn[aria-pressed="true"]:hover:not(:disabled) { background: var(--pg-accent); border-color: var(--pg-accent); color: #fff; font-weight: 600; }
.pg .pg-btn.pg-primary:hover:not(:disabled) { filter: brightness(0.9); }
.pg-btn:disabled { opacity: 0.5; cursor: default; }
.pg :focus-visible { outline: 3px solid var(--pg-focus); outline-offset: 2px; }
.pg canvas { display: block; max-width: 100%; }
.pg-stat { display: flex; gap: 16px; flex-wrap: wrap; font-variant-numeric: tabular-nums; }
.pg-stat div { display: flex; flex-direction: column; }
.pg-stat dt { font-size: 0.75rem; color: var(--pg-muted); text-transform: uppercase; letter-spacing: 0.05em; }
.pg-stat dd { margin: 0; font-size: 1.15rem; font-weight: 600; }
.pg-note { font-size: 0.85rem; color: var(--pg-muted); margin: 6px 0 0; }
.pg-legend { display: flex; gap: 6px 14px; flex-wrap: wrap; list-style: none; padding: 0; margin: 8px 0 0; font-size: 0.85rem; }
.pg-legend li { display: flex; align-items: center; gap: 6px; font-variant-numeric: tabular-nums; }
.pg-swatch { display: inline-block; width: 14px; height: 14px; border-radius: 50%; border: 1px solid rgba(0,0,0,0.25); flex: none; }
.pg-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 1000px) {
  .pg-grid { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
  .pg-grid > .pg-wide { grid-column: 1 / -1; }
}
@media (max-width: 640px) {
  .pg-grid { grid-template-columns: minmax(0, 1fr); }
  .pg-toolbar .pg-field { min-width: 0; flex: 1 1 40%; }
}
`;

const STYLE_ID = 'descent-playground-styles';

/** Adds the playground stylesheet to the document (once). */
export function ensureStyles(doc: Document = document): void {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.textContent = CSS;
  doc.head.append(style);
}

/** Adds extra rules for one playground (once per id). */
export function ensureExtraStyles(id: string, css: string, doc: Document = document): void {
  if (doc.getElementById(id)) return;
  const style = doc.createElement('style');
  style.id = id;
  style.textContent = css;
  doc.head.append(style);
}
