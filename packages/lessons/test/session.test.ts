import { describe, expect, it } from 'vitest';
import { CellError, Session } from '../src/notebook/session';
import { compileCell } from '../src/notebook/transform';

const modules: Record<string, unknown> = { 'descent/fake': { double: (x: number) => 2 * x, default: 'the default' } };
const resolve = async (s: string) => {
  if (!(s in modules)) throw new Error(`no module ${s}`);
  return modules[s];
};

async function runAll(...cells: string[]): Promise<Session> {
  const session = new Session(resolve);
  for (const [i, code] of cells.entries()) await session.run(code, `test/cell-${i + 1}`);
  return session;
}

describe('compileCell', () => {
  it('strips types, rewrites imports on the same line, and lists top-level names', () => {
    const { js, names, modules: imported } = compileCell(
      "import def, { double as twice } from 'descent/fake';\nimport type { X } from 'descent/fake';\n" +
      'interface P { a: number }\nconst { a, b: [c] }: any = { a: 1, b: [2] };\nfunction f(x: number) { const inner = x; return inner; }\nclass K {}\nenum E { A }\nfor (let i = 0; i < 1; i++) { const hidden = i; }');
    expect(imported).toEqual(['descent/fake']);
    expect(js.split('\n')[0]).toBe('const def = __modules["descent/fake"].default; const { double: twice } = __modules["descent/fake"];');
    expect(js.split('\n')).toHaveLength(8);
    expect(names).toEqual(['def', 'twice', 'a', 'c', 'f', 'K', 'E']);
  });
});

describe('Session: cells share one scope like a notebook', () => {
  it('makes const, let, function and class declarations visible to later cells', async () => {
    const s = await runAll(
      'const n: number = 2;\nlet total = 0;\nfunction square(x: number) { return x * x; }\nclass Box { constructor(public v: number) {} }',
      'total = square(n) + new Box(1).v;',
    );
    expect(s.get('total')).toBe(5);
  });

  it('lets a later cell re-declare a name, as re-running a notebook cell would', async () => {
    const s = await runAll('const x = 1;', 'const x = "again";');
    expect(s.get('x')).toBe('again');
  });

  it('keeps imported names for later cells and supports top-level await', async () => {
    const s = await runAll("import { double } from 'descent/fake';", 'const y = await Promise.resolve(double(21));');
    expect(s.get('y')).toBe(42);
  });

  it('does not leak block-scoped or function-local names', async () => {
    const s = await runAll('for (let i = 0; i < 2; i++) { const inner = i; }\nfunction f() { const local = 1; return local; }');
    expect(s.has('inner')).toBe(false);
    expect(s.has('local')).toBe(false);
    expect(s.has('f')).toBe(true);
  });

  it('fork copies the scope without sharing later changes', async () => {
    const s = await runAll('let k = 1;');
    const fork = s.fork();
    await fork.run('k = 99; const extra = 1;', 'fork');
    expect(s.get('k')).toBe(1);
    expect(s.has('extra')).toBe(false);
    expect(fork.get('k')).toBe(99);
  });

  it('reports the line within the cell where an error was thrown', async () => {
    const error = await runAll('const a = 1;\n\nconst b: any = null;\nb.oops();').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CellError);
    expect((error as CellError).line).toBe(4);
    expect((error as CellError).message).toMatch(/^TypeError: /);
  });

  it('reports syntax errors with their line', async () => {
    const error = await runAll('const ok = 1;\nconst bad = (;').catch((e: unknown) => e);
    expect((error as CellError).line).toBe(2);
    expect((error as CellError).message).toMatch(/SyntaxError/);
  });

  it('reports the line of a failing import', async () => {
    const error = await runAll("const a = 1;\nimport { x } from 'fs';").catch((e: unknown) => e);
    expect((error as CellError).line).toBe(2);
    expect((error as CellError).message).toMatch(/no module fs/);
  });
});

describe('Session: dynamic import', () => {
  it('answers `await import(...)` with the module a static import gives', async () => {
    const s = await runAll("const { double } = await import('descent/fake');\nconst m = await import('descent/fake');\nconst y = double(21) + m.default.length;");
    expect(s.get('y')).toBe(42 + 'the default'.length);
  });

  it('loads a literal specifier before the cell runs, and reports a bad one on its line', async () => {
    const { modules: imported } = compileCell("const a = 1;\nconst m = await import('descent/fake');");
    expect(imported).toEqual(['descent/fake']);
    const error = await runAll("const a = 1;\nconst m = await import('descent/none');").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CellError);
    expect((error as CellError).line).toBe(2);
    expect((error as CellError).message).toMatch(/no module descent\/none/);
  });

  it('resolves a specifier computed at run time through the same resolver', async () => {
    const s = await runAll("const name = 'descent/' + 'fake';\nconst m = await import(name);\nconst d = m.default;");
    expect(s.get('d')).toBe('the default');
    await expect(runAll("const name = 'node:' + 'fs';\nawait import(name);")).rejects.toThrow(/no module node:fs/);
  });

  it('leaves the word import in strings alone', async () => {
    const s = await runAll("const text = 'import(x) is how';");
    expect(s.get('text')).toBe('import(x) is how');
  });
});
