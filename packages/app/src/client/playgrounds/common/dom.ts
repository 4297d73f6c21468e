/**
 * Small DOM helpers shared by the playgrounds: element creation, and form controls that
 * always come with a visible, associated <label> (so screen readers name them and a
 * click on the text focuses the control).
 */

let nextId = 0;
/** A page-unique id for label/control pairs. */
export function uid(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

type Props = Record<string, string | number | boolean | undefined>;

/**
 * Creates an element with attributes and children. `class` and `text` are shortcuts;
 * other keys become attributes (false/undefined leave them out).
 *
 * ```ts
 * h('button', { class: 'pg-btn', type: 'button', 'aria-label': 'Play' }, '▶');
 * ```
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') el.className = String(v);
    else if (k === 'text') el.textContent = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) el.append(c);
  return el;
}

export interface Option<T extends string> { value: T; label: string }

/**
 * A labelled <select>. `onChange` receives the chosen value.
 *
 * ```ts
 * const { el, input } = select('Activation', [{ value: 'relu', label: 'ReLU' }], 'relu', (v) => ...);
 * ```
 */
export function select<T extends string>(label: string, options: Option<T>[], value: T, onChange: (v: T) => void): { el: HTMLElement; input: HTMLSelectElement } {
  const id = uid('pg-select');
  const input = h('select', { id });
  for (const o of options) input.append(h('option', { value: o.value, text: o.label, selected: o.value === value }));
  input.value = value;
  input.addEventListener('change', () => onChange(input.value as T));
  const el = h('div', { class: 'pg-field' }, h('label', { for: id, text: label }), input);
  return { el, input };
}

/**
 * A labelled range slider whose current value is shown (and announced) through `format`.
 *
 * ```ts
 * range('Noise', { min: 0, max: 50, step: 5, value: 0 }, (v) => `${v}%`, (v) => ...);
 * ```
 */
export function range(
  label: string,
  opts: { min: number; max: number; step: number; value: number },
  format: (v: number) => string,
  onInput: (v: number) => void,
  onCommit: (v: number) => void = onInput,
): { el: HTMLElement; input: HTMLInputElement; set(v: number): void } {
  const id = uid('pg-range');
  const input = h('input', { id, type: 'range', min: opts.min, max: opts.max, step: opts.step, value: opts.value });
  const out = h('output', { for: id, class: 'pg-value', text: format(opts.value) });
  const show = () => {
    const v = Number(input.value);
    out.textContent = format(v);
    input.setAttribute('aria-valuetext', format(v));
  };
  show();
  input.addEventListener('input', () => { show(); onInput(Number(input.value)); });
  input.addEventListener('change', () => onCommit(Number(input.value)));
  const el = h('div', { class: 'pg-field' }, h('div', { class: 'pg-field-head' }, h('label', { for: id, text: label }), out), input);
  return { el, input, set(v: number) { input.value = String(v); show(); } };
}

/** A button with text (or a symbol plus an accessible name). */
export function button(text: string, onClick: () => void, props: Props = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'pg-btn', ...props }, text);
  b.addEventListener('click', onClick);
  return b;
}

/** A labelled checkbox. */
export function checkbox(label: string, checked: boolean, onChange: (v: boolean) => void): { el: HTMLElement; input: HTMLInputElement } {
  const id = uid('pg-check');
  const input = h('input', { id, type: 'checkbox', checked });
  input.checked = checked;
  input.addEventListener('change', () => onChange(input.checked));
  return { el: h('div', { class: 'pg-check' }, input, h('label', { for: id, text: label })), input };
}

/** A titled panel (a <section> named by its heading). */
export function panel(title: string, ...children: (Node | string)[]): HTMLElement {
  const id = uid('pg-panel');
  return h('section', { class: 'pg-panel', 'aria-labelledby': id }, h('h2', { id, text: title }), ...children);
}

/** Formats a number compactly for readouts: 3 significant digits, no exponent for everyday sizes. */
export function fmt(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) return v.toExponential(digits - 1);
  return String(Number(v.toPrecision(digits)));
}
