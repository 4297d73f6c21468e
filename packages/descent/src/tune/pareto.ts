/**
 * Pareto dominance for multi-objective studies: non-dominated sorting and crowding distance
 * (Deb et al., "A Fast and Elitist Multiobjective Genetic Algorithm: NSGA-II", 2002).
 * Values are signed so that smaller is better in every objective.
 */
import type { StudyDirection } from './storage.js';
import type { FrozenTrial } from './trial.js';

/** Signed objective values: maximized objectives are negated. */
export function signedValues(t: FrozenTrial, directions: readonly StudyDirection[]): number[] {
  return directions.map((d, i) => (d === 'minimize' ? 1 : -1) * (t.values?.[i] as number));
}

/** Does a dominate b (no worse everywhere, better somewhere)? */
export function dominates(a: readonly number[], b: readonly number[]): boolean {
  let better = false;
  for (let i = 0; i < a.length; i++) {
    if ((a[i] as number) > (b[i] as number)) return false;
    if ((a[i] as number) < (b[i] as number)) better = true;
  }
  return better;
}

/** Fronts of indices: front 0 is non-dominated, front 1 is non-dominated once front 0 is removed, … */
export function nonDominatedSort(points: readonly (readonly number[])[]): number[][] {
  const n = points.length;
  const dominatedBy = new Int32Array(n);
  const dominatesList: number[][] = points.map(() => []);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i !== j && dominates(points[i] as number[], points[j] as number[])) (dominatesList[i] as number[]).push(j);
      else if (i !== j && dominates(points[j] as number[], points[i] as number[])) (dominatedBy[i] as number)++;
    }
  }
  const fronts: number[][] = [];
  let current = Array.from({ length: n }, (_, i) => i).filter((i) => dominatedBy[i] === 0);
  while (current.length > 0) {
    fronts.push(current);
    const next: number[] = [];
    for (const i of current) {
      for (const j of dominatesList[i] as number[]) {
        dominatedBy[j] = (dominatedBy[j] as number) - 1;
        if (dominatedBy[j] === 0) next.push(j);
      }
    }
    current = next;
  }
  return fronts;
}

/** Crowding distance of each point in one front (boundary points get Infinity). */
export function crowdingDistance(points: readonly (readonly number[])[]): number[] {
  const n = points.length;
  const dist = new Array<number>(n).fill(0);
  if (n === 0) return dist;
  const m = (points[0] as number[]).length;
  for (let k = 0; k < m; k++) {
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (points[a]?.[k] as number) - (points[b]?.[k] as number));
    const lo = points[order[0] as number]?.[k] as number;
    const hi = points[order[n - 1] as number]?.[k] as number;
    dist[order[0] as number] = Infinity;
    dist[order[n - 1] as number] = Infinity;
    if (hi === lo) continue;
    for (let r = 1; r < n - 1; r++) {
      const prev = points[order[r - 1] as number]?.[k] as number;
      const next = points[order[r + 1] as number]?.[k] as number;
      dist[order[r] as number] = (dist[order[r] as number] as number) + (next - prev) / (hi - lo);
    }
  }
  return dist;
}

/** The non-dominated COMPLETE trials (the Pareto front), in trial order. */
export function paretoFront(trials: readonly FrozenTrial[], directions: readonly StudyDirection[]): FrozenTrial[] {
  const done = trials.filter((t) => t.state === 'COMPLETE' && t.values !== null);
  const pts = done.map((t) => signedValues(t, directions));
  return done.filter((_, i) => !pts.some((p, j) => j !== i && dominates(p, pts[i] as number[])));
}
