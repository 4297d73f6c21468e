/**
 * Editor help from TypeScript: completion, hover documentation and type errors as the learner
 * types, answered by the language worker (worker/language-worker.ts) against the library's
 * declarations. The worker, and TypeScript with it, loads the first time any editor gets the
 * focus; until then these extensions do nothing, so the page's first paint does not wait.
 *
 * @example
 * const extensions = languageHelp(() => ({ prefix: session.codeAbove(3), code: view.state.doc.toString() }));
 */
import { autocompletion, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { forceLinting, linter, type Diagnostic } from '@codemirror/lint';
import type { Extension } from '@codemirror/state';
import { EditorView, hoverTooltip } from '@codemirror/view';
import type { CellSource, Documentation, LanguageRequest, LanguageResponse } from '../../worker/language-protocol.js';

type Body = { type: 'diagnostics' } | { type: 'completions'; pos: number } | { type: 'completion-detail'; pos: number; name: string } | { type: 'hover'; pos: number };

let worker: Worker | undefined;
/** Editors already checked since the worker started (each gets a check on its first focus). */
const checked = new WeakSet<EditorView>();
let nextId = 1;
const waiting = new Map<number, (response: LanguageResponse) => void>();

/** Whether the language worker has been started (by an editor getting the focus). */
export const languageStarted = () => worker !== undefined;

function start(): Worker {
  if (worker === undefined) {
    worker = new Worker(new URL('../../worker/language-worker.ts', import.meta.url), { type: 'module', name: 'descent-typescript' });
    worker.onmessage = (event: MessageEvent<LanguageResponse>) => {
      waiting.get(event.data.id)?.(event.data);
      waiting.delete(event.data.id);
    };
  }
  return worker;
}

function ask(source: CellSource, body: Body): Promise<LanguageResponse> {
  const id = nextId++;
  const w = start();
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    w.postMessage({ id, ...source, ...body } as LanguageRequest);
  });
}

function docNode(doc: Documentation): HTMLElement {
  const box = document.createElement('div');
  box.className = 'cm-ts-doc';
  const detail = document.createElement('pre');
  detail.className = 'cm-ts-detail';
  detail.textContent = doc.detail;
  box.append(detail);
  if (doc.documentation !== '') {
    const text = document.createElement('div');
    text.className = 'cm-ts-documentation';
    text.textContent = doc.documentation;
    box.append(text);
  }
  return box;
}

const KIND: Record<string, string> = {
  function: 'function', method: 'method', class: 'class', interface: 'interface', type: 'type', const: 'constant',
  let: 'variable', var: 'variable', property: 'property', enum: 'enum', module: 'namespace', keyword: 'keyword',
  'local function': 'function', 'local var': 'variable', parameter: 'variable', alias: 'variable',
};

/**
 * The extensions for one cell's editor. `source(view)` gives the code of the cells above and
 * the cell's own code, so names defined earlier in the lesson are known.
 */
export function languageHelp(source: (view: EditorView) => CellSource): Extension {
  const complete = async (context: CompletionContext): Promise<CompletionResult | null> => {
    const word = context.matchBefore(/[\w$]*/);
    const afterDot = /\.\s*[\w$]*$/.test(context.state.sliceDoc(Math.max(0, context.pos - 100), context.pos));
    if (!context.explicit && !afterDot && (word === null || word.from === word.to)) return null;
    const view = context.view;
    if (view === undefined) return null;
    const cell = source(view);
    const response = await ask(cell, { type: 'completions', pos: context.pos });
    if (response.type !== 'completions' || response.list === null) return null;
    const pos = context.pos;
    const options: Completion[] = response.list.options.map((o) => ({
      label: o.label,
      type: KIND[o.kind] ?? 'variable',
      info: async () => {
        const r = await ask(cell, { type: 'completion-detail', pos, name: o.label });
        return r.type === 'completion-detail' && r.doc !== null ? docNode(r.doc) : null;
      },
    }));
    return { from: response.list.from, options, validFor: /^[\w$]*$/ };
  };

  const hover = hoverTooltip(async (view, pos) => {
    if (!languageStarted()) return null;
    const response = await ask(source(view), { type: 'hover', pos });
    if (response.type !== 'hover' || response.hover === null) return null;
    const { from, to } = response.hover;
    const doc = response.hover;
    return { pos: from, end: to, above: true, create: () => ({ dom: docNode(doc) }) };
  }, { hoverTime: 350 });

  const lint = linter(async (view): Promise<Diagnostic[]> => {
    if (!languageStarted()) return [];
    const response = await ask(source(view), { type: 'diagnostics' });
    if (response.type !== 'diagnostics') return [];
    const length = view.state.doc.length;
    return response.diagnostics.map((d) => ({ from: Math.min(d.from, length), to: Math.min(Math.max(d.to, d.from), length), severity: d.severity, message: d.message, source: 'TypeScript' }));
  }, { delay: 400 });

  // The first focus starts TypeScript; each editor is checked at once when it first gets the focus.
  const startOnFocus = EditorView.domEventHandlers({
    focus: (_event, view) => {
      start();
      if (!checked.has(view)) {
        checked.add(view);
        forceLinting(view);
      }
      return false;
    },
  });

  return [autocompletion({ override: [complete], activateOnTyping: true }), hover, lint, startOnFocus];
}
