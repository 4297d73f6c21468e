/** Reading a time series: a Float64Array, with errors that name the function. */
export function series(fn: string, x: ArrayLike<number>, minLength = 2, label = 'x'): Float64Array {
  if (x === null || typeof x !== 'object' || typeof x.length !== 'number') throw new TypeError(`${fn}: ${label} must be an array of numbers`);
  if (x.length < minLength) throw new RangeError(`${fn}: ${label} needs at least ${minLength} observations, got ${x.length}`);
  const out = Float64Array.from(x);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i])) throw new RangeError(`${fn}: ${label}[${i}] is ${out[i]}; fill or drop missing values first`);
  }
  return out;
}

export function meanOf(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}
