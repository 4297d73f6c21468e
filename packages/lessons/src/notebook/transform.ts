/**
 * Turns one TypeScript cell into JavaScript that can run in a shared notebook scope.
 *
 * 1. Sucrase strips the types (it keeps line numbers, so errors point at the right line).
 * 2. `import { a, b as c } from 'descent/x'` becomes `const { a, b: c } = __modules["descent/x"];`
 *    on the same line, so imported names behave like any other top-level declaration and later
 *    cells can use them. The runner loads the modules before the cell runs.
 * 3. Acorn parses the JavaScript, and the cell's top-level declarations (`const`, `let`, `var`,
 *    functions, classes, enums, destructured names) are the names the cell adds to the shared
 *    scope. (Sucrase's public API is only `transform`; its parser lives in private files.)
 */
import { parse, type ClassDeclaration, type FunctionDeclaration, type Node, type Pattern, type VariableDeclaration } from 'acorn';
import { transform } from 'sucrase';

export interface CompiledCell {
  js: string;
  /** Top-level names the cell declares, in order of first declaration. */
  names: string[];
  /** Module specifiers the cell imports. */
  modules: string[];
}

/** A problem in the cell's source, with its 1-based line within the cell when known. */
export class CellSyntaxError extends SyntaxError {
  constructor(message: string, readonly line?: number) {
    super(message);
    this.name = 'SyntaxError';
  }
}

// import x from 'm' | import * as x from 'm' | import { a, b as c } from 'm' | import x, { a } from 'm' | import 'm'
const IMPORT = /^([ \t]*)import\s+(?:([\w$]+)\s*,?\s*)?(?:\*\s*as\s+([\w$]+)|\{([^}]*)\})?\s*(?:from\s*)?(['"])([^'"]+)\5[ \t]*;?/gm;

/** Rewrites the cell's import declarations into `const` declarations, keeping line numbers. */
function rewriteImports(js: string, modules: string[]): string {
  return js.replace(IMPORT, (whole, indent: string, def?: string, star?: string, named?: string, _q?: string, spec = '') => {
    if (!modules.includes(spec)) modules.push(spec);
    const source = `__modules[${JSON.stringify(spec)}]`;
    const parts: string[] = [];
    if (def) parts.push(`const ${def} = ${source}.default;`);
    if (star) parts.push(`const ${star} = ${source};`);
    if (named !== undefined && named.trim() !== '') {
      const bindings = named.split(',').map((b) => b.trim()).filter((b) => b !== '')
        .map((b) => b.replace(/^([\w$]+)\s+as\s+([\w$]+)$/, '$1: $2'));
      parts.push(`const { ${bindings.join(', ')} } = ${source};`);
    }
    // Pad with the newlines the original statement spanned, so later lines keep their numbers.
    const newlines = '\n'.repeat((whole.match(/\n/g) ?? []).length);
    return `${indent}${parts.join(' ')}${newlines}`;
  });
}

/** The line in `message` of a Sucrase parse error such as "Unexpected token (3:12)". */
function lineOf(error: unknown): number | undefined {
  const loc = (error as { loc?: { line?: number } }).loc;
  if (typeof loc?.line === 'number') return loc.line;
  const m = /\((\d+):\d+\)/.exec(String((error as Error).message));
  return m ? Number(m[1]) : undefined;
}

/**
 * Compiles a cell's TypeScript to JavaScript plus the names it declares and modules it imports.
 *
 * @example
 * compileCell("import { lineChart } from 'descent/plot';\nconst n: number = 3;");
 * // { js: 'const { lineChart } = __modules["descent/plot"];\nconst n = 3;',
 * //   names: ['lineChart', 'n'], modules: ['descent/plot'] }
 */
export function compileCell(code: string): CompiledCell {
  let js: string;
  try {
    js = transform(code, { transforms: ['typescript'], keepUnusedImports: true, disableESTransforms: true }).code;
  } catch (e) {
    throw new CellSyntaxError((e as Error).message.replace(/\s*\(\d+:\d+\)$/, ''), lineOf(e));
  }
  const modules: string[] = [];
  js = rewriteImports(js, modules);
  let program;
  try {
    program = parse(js, { ecmaVersion: 'latest', sourceType: 'script', allowAwaitOutsideFunction: true, locations: true });
  } catch (e) {
    throw new CellSyntaxError((e as Error).message.replace(/\s*\(\d+:\d+\)$/, ''), lineOf(e));
  }
  const names: string[] = [];
  const add = (name: string) => {
    if (!names.includes(name)) names.push(name);
  };
  for (const statement of program.body) declaredNames(statement, add);
  return { js: rewriteDynamicImports(js, program, modules), names, modules };
}

/**
 * `import('descent/x')` becomes `__import('descent/x')`, which the session answers from the
 * same resolver as static imports (a worker has no module map for bare names). A literal
 * specifier is also listed in `modules`, so it loads, and fails, before the cell runs, as a
 * static import does.
 */
function rewriteDynamicImports(js: string, program: Node, modules: string[]): string {
  const starts: number[] = [];
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    const n = node as Node & { source?: { type: string; value?: unknown } };
    if (n.type === 'ImportExpression') {
      starts.push(n.start);
      if (n.source?.type === 'Literal' && typeof n.source.value === 'string' && !modules.includes(n.source.value)) modules.push(n.source.value);
    }
    for (const key of Object.keys(n)) if (key !== 'loc') visit((n as unknown as Record<string, unknown>)[key]);
  };
  visit(program);
  // From the end, so earlier offsets stay valid; `import` keeps its line.
  for (const start of starts.sort((a, b) => b - a)) js = `${js.slice(0, start)}__import${js.slice(start + 'import'.length)}`;
  return js;
}

/** The names a top-level statement declares: variables (through any destructuring), functions, classes. */
function declaredNames(statement: Node, add: (name: string) => void): void {
  if (statement.type === 'VariableDeclaration') {
    for (const d of (statement as VariableDeclaration).declarations) patternNames(d.id, add);
  } else if (statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration') {
    const id = (statement as FunctionDeclaration | ClassDeclaration).id;
    if (id) add(id.name);
  }
}

function patternNames(p: Pattern, add: (name: string) => void): void {
  switch (p.type) {
    case 'Identifier': add(p.name); break;
    case 'ObjectPattern': for (const prop of p.properties) patternNames(prop.type === 'RestElement' ? prop.argument : prop.value, add); break;
    case 'ArrayPattern': for (const el of p.elements) if (el) patternNames(el, add); break;
    case 'RestElement': patternNames(p.argument, add); break;
    case 'AssignmentPattern': patternNames(p.left, add); break;
    default: break; // MemberExpression: assigns, declares nothing
  }
}
