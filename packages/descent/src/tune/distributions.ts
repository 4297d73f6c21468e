/**
 * Search-space distributions, Optuna's `FloatDistribution`, `IntDistribution` and
 * `CategoricalDistribution`. A trial stores every parameter in its *internal* form: the
 * number itself for floats and ints, the index of the choice for categoricals, so samplers
 * only ever see numbers.
 */

/** A categorical choice: anything JSON can carry. */
export type Choice = string | number | boolean | null;

export type Distribution =
  | { kind: 'float'; low: number; high: number; log: boolean; step: number | null }
  | { kind: 'int'; low: number; high: number; log: boolean; step: number }
  | { kind: 'categorical'; choices: readonly Choice[] };

/** Same distribution? (Optuna's check that a parameter keeps one search space across trials.) */
export function sameDistribution(a: Distribution, b: Distribution): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'categorical' && b.kind === 'categorical') {
    return a.choices.length === b.choices.length && a.choices.every((c, i) => c === b.choices[i]);
  }
  if (a.kind === 'categorical' || b.kind === 'categorical') return false;
  return a.low === b.low && a.high === b.high && a.log === b.log && a.step === b.step;
}

/** The internal number of an external value (a choice's index for categoricals). */
export function toInternal(dist: Distribution, value: unknown, where: string): number {
  if (dist.kind === 'categorical') {
    const i = dist.choices.findIndex((c) => c === value);
    if (i < 0) {
      throw new Error(`${where}: ${JSON.stringify(value)} is not one of the choices ${JSON.stringify(dist.choices)}.`);
    }
    return i;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`${where}: expected a finite number, got ${JSON.stringify(value)}.`);
  }
  return value;
}

/** The user-facing value of an internal number. */
export function toExternal(dist: Distribution, internal: number): number | Choice {
  if (dist.kind === 'categorical') return dist.choices[internal] ?? null;
  return internal;
}

/** Is an external value inside the distribution (on its grid, for stepped ones)? */
export function contains(dist: Distribution, internal: number): boolean {
  if (dist.kind === 'categorical') return Number.isInteger(internal) && internal >= 0 && internal < dist.choices.length;
  if (!(internal >= dist.low && internal <= dist.high)) return false;
  if (dist.kind === 'int' && !Number.isInteger(internal)) return false;
  if (dist.step !== null && !dist.log) {
    const k = (internal - dist.low) / dist.step;
    return Math.abs(k - Math.round(k)) < 1e-8;
  }
  return true;
}

/** A value snapped onto the distribution: rounded to its step and clipped to its bounds. */
export function snap(dist: Distribution, x: number): number {
  if (dist.kind === 'categorical') return Math.min(dist.choices.length - 1, Math.max(0, Math.round(x)));
  let v = x;
  if (dist.step !== null && !(dist.kind === 'float' && dist.log)) {
    v = Math.round((v - dist.low) / dist.step) * dist.step + dist.low;
  } else if (dist.kind === 'int') {
    v = Math.round(v);
  }
  return Math.min(dist.high, Math.max(dist.low, v));
}
