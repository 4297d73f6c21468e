/**
 * TypeScript in a worker, for the cell editors: type errors as the learner types, completion
 * and hover documentation, checked against the library's own sources. The page starts this
 * worker the first time an editor gets the focus, so neither TypeScript (~3 MB) nor the
 * library's sources load with the page.
 *
 * The virtual file system: `/lib/` holds TypeScript's ES2022 declarations, `/descent/src/` the
 * library (its bundled data sets are left out: 2.5 MB that no type needs), `/lessons/` the
 * helpers every cell sees (`show`, `table`, `test`, ...), and `/cell.ts` the cells above plus
 * the one being edited.
 */
import ts from 'typescript';
import type { CellDiagnostic, LanguageRequest, LanguageResponse } from './language-protocol.js';

const libs = import.meta.glob('../../../../node_modules/typescript/lib/lib.{es5,es20*,decorators*}.d.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const library = import.meta.glob(['../../../descent/src/**/*.ts', '!../../../descent/src/node/**', '!../../../descent/src/datasets/data/**'],
  { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const helpers = import.meta.glob('../../../lessons/src/helpers/*.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

const files = new Map<string, string>();
for (const [path, text] of Object.entries(libs)) files.set(`/lib/${path.split('/').pop()!}`, text);
for (const [path, text] of Object.entries(library)) files.set(`/descent/src/${path.split('/descent/src/')[1]!}`, text);
for (const [path, text] of Object.entries(helpers)) files.set(`/lessons/helpers/${path.split('/').pop()!}`, text);

// The names the notebook puts in every cell's scope, typed from the helpers themselves, and
// the few host APIs cells use (the ES library has no console).
files.set('/globals.d.ts', `import type { Helpers } from '/lessons/helpers/helpers';
declare global {
  const show: Helpers['show']; const table: Helpers['table']; const chart: Helpers['chart'];
  const progress: Helpers['progress']; const test: Helpers['test']; const assert: Helpers['assert'];
  const assertEqual: Helpers['assertEqual']; const assertClose: Helpers['assertClose']; const assertThrows: Helpers['assertThrows'];
  const console: { log(...data: unknown[]): void; info(...data: unknown[]): void; warn(...data: unknown[]): void; error(...data: unknown[]): void };
  const performance: { now(): number };
  function setTimeout(handler: () => void, ms?: number): number;
  function clearTimeout(id?: number): void;
}
export {};
`);

const CELL = '/cell.ts';
/** The cell file ends with this so it is a module (top-level await) even without imports. */
const MODULE_TAIL = '\nexport {};\n';
let cellText = MODULE_TAIL;
let cellVersion = 0;
let prefixLength = 0;

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
  baseUrl: '/',
  paths: { 'descent/*': ['/descent/src/*/index.ts'] },
};

const host: ts.LanguageServiceHost = {
  getCompilationSettings: () => options,
  getScriptFileNames: () => ['/globals.d.ts', CELL],
  getScriptVersion: (name) => (name === CELL ? String(cellVersion) : '0'),
  getScriptSnapshot: (name) => {
    const text = name === CELL ? cellText : files.get(name);
    return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
  },
  getCurrentDirectory: () => '/',
  getDefaultLibFileName: () => '/lib/lib.es2022.d.ts',
  fileExists: (name) => name === CELL || files.has(name),
  readFile: (name) => (name === CELL ? cellText : files.get(name)),
  directoryExists: (dir) => dir === '/' || [...files.keys()].some((f) => f.startsWith(dir.endsWith('/') ? dir : `${dir}/`)),
  getDirectories: () => [],
};
const service = ts.createLanguageService(host, ts.createDocumentRegistry());

function setCell(prefix: string, code: string): void {
  const text = `${prefix}${code}${MODULE_TAIL}`;
  prefixLength = prefix.length;
  if (text !== cellText) {
    cellText = text;
    cellVersion++;
  }
}

// Re-declaring a name in a later cell is allowed in a notebook (it replaces the old one), and
// two cells may import the same name: not errors here.
const NOTEBOOK_ALLOWED = new Set([2451, 2300, 2393, 2440, 2323]);

function diagnostics(codeLength: number): CellDiagnostic[] {
  const all = [...service.getSyntacticDiagnostics(CELL), ...service.getSemanticDiagnostics(CELL)];
  const out: CellDiagnostic[] = [];
  for (const d of all) {
    if (d.start === undefined || NOTEBOOK_ALLOWED.has(d.code)) continue;
    const from = d.start - prefixLength;
    if (from < 0 || from > codeLength) continue;
    out.push({
      from,
      to: Math.min(codeLength, from + (d.length ?? 0)),
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
      severity: d.category === ts.DiagnosticCategory.Error ? 'error' : 'warning',
    });
  }
  return out;
}

const text = (parts?: readonly ts.SymbolDisplayPart[]) => ts.displayPartsToString(parts === undefined ? undefined : [...parts]);
function docOf(documentation?: readonly ts.SymbolDisplayPart[], tags?: readonly ts.JSDocTagInfo[]): string {
  const tagText = (tags ?? []).map((t) => `@${t.name}${t.text ? ` ${text(t.text)}` : ''}`).join('\n');
  return [text(documentation), tagText].filter((s) => s !== '').join('\n\n');
}

function answer(request: LanguageRequest): LanguageResponse {
  setCell(request.prefix, request.code);
  const at = (pos: number) => prefixLength + pos;
  switch (request.type) {
    case 'diagnostics':
      return { id: request.id, type: 'diagnostics', diagnostics: diagnostics(request.code.length) };
    case 'completions': {
      const info = service.getCompletionsAtPosition(CELL, at(request.pos), { includeCompletionsWithInsertText: true });
      if (info === undefined) return { id: request.id, type: 'completions', list: null };
      const word = /[\w$]*$/.exec(request.code.slice(0, request.pos))![0];
      return {
        id: request.id, type: 'completions',
        list: { from: request.pos - word.length, options: info.entries.filter((e) => !e.name.startsWith('__')).slice(0, 400).map((e) => ({ label: e.name, kind: e.kind })) },
      };
    }
    case 'completion-detail': {
      const d = service.getCompletionEntryDetails(CELL, at(request.pos), request.name, {}, undefined, undefined, undefined);
      return { id: request.id, type: 'completion-detail', doc: d ? { detail: text(d.displayParts), documentation: docOf(d.documentation, d.tags) } : null };
    }
    case 'hover': {
      const q = service.getQuickInfoAtPosition(CELL, at(request.pos));
      if (q === undefined || q.textSpan.start < prefixLength) return { id: request.id, type: 'hover', hover: null };
      return {
        id: request.id, type: 'hover',
        hover: { from: q.textSpan.start - prefixLength, to: q.textSpan.start - prefixLength + q.textSpan.length, detail: text(q.displayParts), documentation: docOf(q.documentation, q.tags) },
      };
    }
  }
}

self.onmessage = (event: MessageEvent<LanguageRequest>) => {
  try {
    postMessage(answer(event.data));
  } catch (e) {
    postMessage({ id: event.data.id, type: 'error', message: e instanceof Error ? e.message : String(e) } satisfies LanguageResponse);
  }
};
