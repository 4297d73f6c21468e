/**
 * Assertions for exercise tests. Each throws an `AssertionError` whose message says what was
 * expected and what came out, because that message is what a learner reads when stuck.
 */
import { formatValue } from './format';

export class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssertionError';
  }
}

/** Fails unless `condition` is truthy. */
export function assert(condition: unknown, message = 'Assertion failed.'): asserts condition {
  if (!condition) throw new AssertionError(message);
}

function toPlain(x: unknown): unknown {
  if (typeof x === 'object' && x !== null && typeof (x as { toArray?: unknown }).toArray === 'function') {
    return (x as { toArray(): unknown }).toArray();
  }
  if (ArrayBuffer.isView(x) && !(x instanceof DataView)) return Array.from(x as unknown as ArrayLike<number>);
  return x;
}

function deepEqual(a: unknown, b: unknown): boolean {
  a = toPlain(a);
  b = toPlain(b);
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Fails unless `actual` and `expected` are deeply equal (tensors compare by their values). */
export function assertEqual(actual: unknown, expected: unknown, message?: string): void {
  if (!deepEqual(actual, expected)) {
    throw new AssertionError(`${message ? `${message}: ` : ''}expected ${formatValue(expected, 1)}, got ${formatValue(actual, 1)}.`);
  }
}

function flatNumbers(x: unknown, what: string): number[] {
  const plain = toPlain(x);
  if (typeof plain === 'number') return [plain];
  if (Array.isArray(plain)) return plain.flatMap((v) => flatNumbers(v, what));
  throw new AssertionError(`${what} should be a number or an array of numbers, got ${formatValue(x, 1)}.`);
}

/**
 * Fails unless every number in `actual` is within `tolerance` of `expected` (absolute plus
 * relative, like NumPy's `allclose`). Works for numbers, nested arrays and tensors.
 */
export function assertClose(actual: unknown, expected: unknown, tolerance = 1e-6, message?: string): void {
  const a = flatNumbers(actual, 'actual');
  const e = flatNumbers(expected, 'expected');
  const prefix = message ? `${message}: ` : '';
  if (a.length !== e.length) {
    throw new AssertionError(`${prefix}expected ${e.length} numbers, got ${a.length}: ${formatValue(actual, 1)}.`);
  }
  const i = a.findIndex((v, k) => !(Math.abs(v - e[k]) <= tolerance + tolerance * Math.abs(e[k])));
  if (i >= 0) {
    const where = a.length > 1 ? ` at position ${i}` : '';
    throw new AssertionError(`${prefix}expected ${formatValue(expected, 1)}, got ${formatValue(actual, 1)} (differs${where} by more than ${tolerance}).`);
  }
}

/** Fails unless `fn` throws; `pattern` optionally checks the message. */
export function assertThrows(fn: () => unknown, pattern?: RegExp): void {
  try {
    fn();
  } catch (e) {
    if (pattern && !pattern.test(String((e as Error).message))) {
      throw new AssertionError(`expected an error matching ${pattern}, got "${(e as Error).message}".`);
    }
    return;
  }
  throw new AssertionError('expected an error, but none was thrown.');
}
