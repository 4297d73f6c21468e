/**
 * A notebook session: cells run one after another and share one scope.
 *
 * How the sharing works. Each cell's top-level names (see `compileCell`) are kept in a map.
 * A cell runs as the body of an async function whose parameters are the names already in the
 * map, so earlier cells' values are visible and reassigning them works (`x = x + 1`). The cell's
 * own code sits in an inner async arrow, so its `const`/`let`/`function` declarations may shadow
 * earlier ones (re-declaring a name in a later cell is allowed, as in a notebook), and top-level
 * `await` works. The function returns the current values of all names, which become the scope
 * for the next cell.
 *
 * One difference from a real module scope: a function keeps the binding of the cell that
 * declared it, so reassigning `x` in a later cell is not seen by functions defined earlier that
 * close over `x`. Pass values as arguments when that matters.
 *
 * Nothing here uses Node APIs: the same session runs in a Node worker and a browser Web Worker.
 */
import { CellSyntaxError, compileCell } from './transform';

/** Loads a module a cell imports (the runner decides which specifiers are allowed). */
export type ModuleResolver = (specifier: string) => Promise<unknown>;

/**
 * Throws, saying why, for an import a lesson cell may not make. Cells run in the browser as
 * well as in Node, so they import only the library (`descent/*`), and not `descent/node`,
 * the one module that reads files with Node's APIs. Both runners call this before loading.
 *
 * @example
 * checkCellImport('descent/tensor');   // fine
 * checkCellImport('node:fs');          // throws: only descent/* ...
 */
export function checkCellImport(specifier: string): void {
  if (specifier === 'descent/node') {
    throw new Error('Lesson cells cannot import "descent/node": it reads files with Node\'s APIs, and cells also run in the browser. Use the bundled data sets of descent/datasets instead.');
  }
  if (!/^descent\/[\w-]+$/.test(specifier)) {
    throw new Error(`Lesson cells may import only from descent/* (got "${specifier}"): lessons also run in the browser, so Node APIs are off limits.`);
  }
}

type CellFunction = (...args: unknown[]) => Promise<Record<string, unknown>>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => CellFunction;

/** An error raised by a cell, with the 1-based line within the cell where it happened. */
export class CellError extends Error {
  constructor(readonly error: unknown, readonly line: number | undefined) {
    super(error instanceof Error ? `${error.name}: ${error.message}` : `Thrown: ${String(error)}`);
    this.name = 'CellError';
  }
}

/**
 * How many lines the engine puts before a `Function` body, found by throwing on a known line:
 * body line `n` is reported as line `n + bodyOffset` in stack traces (2 in V8).
 */
const bodyOffset: number = (() => {
  try {
    new Function('"use strict";\nthrow new Error("probe");\n//# sourceURL=descent-probe')();
  } catch (e) {
    const m = /descent-probe:(\d+)/.exec(String((e as Error).stack));
    if (m) return Number(m[1]) - 2;
  }
  return 2;
})();

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The line within a cell named `sourceName` where `error` was thrown (its topmost frame there). */
function cellLine(error: unknown, sourceName: string): number | undefined {
  const stack = (error as { stack?: unknown } | null)?.stack;
  if (typeof stack !== 'string') return undefined;
  const m = new RegExp(`${escapeRegExp(sourceName)}:(\\d+)`).exec(stack);
  // Cell line 1 is body line 2 (the wrapper's first line comes before it).
  return m ? Number(m[1]) - bodyOffset - 1 : undefined;
}

const VALID_NAME = /^[A-Za-z_$][\w$]*$/;

export class Session {
  private readonly scope: Map<string, unknown>;

  /** `initial` seeds the scope, e.g. with the lesson helpers (`show`, `test`, ...). */
  constructor(private readonly resolveModule: ModuleResolver, initial: Record<string, unknown> = {}) {
    this.scope = new Map(Object.entries(initial));
  }

  /** A copy of this session's scope: what runs in the fork does not change this session's names. */
  fork(): Session {
    const copy = new Session(this.resolveModule);
    for (const [k, v] of this.scope) copy.scope.set(k, v);
    return copy;
  }

  /** The current value of a top-level name. */
  get(name: string): unknown {
    return this.scope.get(name);
  }

  has(name: string): boolean {
    return this.scope.has(name);
  }

  /**
   * Runs one cell. `sourceName` labels it in stack traces (e.g. `02-linear-algebra/cell-5`).
   * Throws a `CellError` carrying the line within the cell where the error happened.
   */
  async run(code: string, sourceName: string): Promise<void> {
    let compiled;
    try {
      compiled = compileCell(code);
    } catch (e) {
      throw new CellError(e, e instanceof CellSyntaxError ? e.line : undefined);
    }
    const modules: Record<string, unknown> = {};
    for (const specifier of compiled.modules) {
      try {
        modules[specifier] = await this.resolveModule(specifier);
      } catch (e) {
        const line = code.split('\n').findIndex((l) => l.includes(specifier)) + 1;
        throw new CellError(e, line || undefined);
      }
    }
    const previous = [...this.scope.keys()].filter((n) => VALID_NAME.test(n) && !n.startsWith('__'));
    const body = [
      `"use strict"; const __declared = await (async () => {`,
      compiled.js,
      `;return { ${compiled.names.join(', ')} };`,
      `})();`,
      `return { ${previous.join(', ')}${previous.length > 0 ? ', ' : ''}...__declared };`,
      `//# sourceURL=${sourceName}`,
    ].join('\n');
    let fn: CellFunction;
    try {
      fn = new AsyncFunction('__modules', '__import', ...previous, body);
    } catch (e) {
      throw new CellError(e, undefined);
    }
    let result: Record<string, unknown>;
    try {
      // `await import('descent/x')` in a cell: the module a static import would give.
      const dynamicImport = async (specifier: unknown) => modules[String(specifier)] ?? this.resolveModule(String(specifier));
      result = await fn(modules, dynamicImport, ...previous.map((n) => this.scope.get(n)));
    } catch (e) {
      throw new CellError(e, cellLine(e, sourceName));
    }
    for (const [name, value] of Object.entries(result)) this.scope.set(name, value);
  }
}
