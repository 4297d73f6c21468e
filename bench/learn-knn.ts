// k-nearest neighbours, end to end: Descent's KNeighborsClassifier against ml-knn (mljs),
// 5-fold cross-validation on scikit-learn's digits (1,797 rows × 64 features), k = 5,
// euclidean distance, identical unshuffled folds (consecutive blocks of 360, 360, 359, 359, 359
// rows, as sklearn's KFold(5) without shuffling). Each fold fits on the other four and predicts its
// rows; the time is the whole cross-validation (fit + predict, all five folds), the median
// of a few repetitions after a warm-up. Mean accuracy is printed too, so a fast but wrong
// run would show.
//
// Descent picks brute force here (64 features > 15, sklearn's rule); ml-knn searches a k-d
// tree, which in 64 dimensions visits nearly every point. Run alone with
// `npx tsx bench/learn-knn.ts`.
import KNN from 'ml-knn';
import { loadDigits } from '../packages/descent/src/datasets/index.js';
import { KNeighborsClassifier } from '../packages/descent/src/learn/index.js';
import { measure } from './timing.js';

export interface KnnMeasurement {
  impl: 'descent' | 'ml-knn';
  /** Median seconds for the whole 5-fold cross-validation. */
  seconds: number;
  cpuSeconds: number;
  /** Mean accuracy over the five folds. */
  accuracy: number;
}

const K = 5;
const FOLDS = 5;

/** Unshuffled k-fold as sklearn's KFold: consecutive blocks, the first n mod k one row larger. [trainRows, testRows] per fold. */
function folds(n: number, k: number): [number[], number[]][] {
  const out: [number[], number[]][] = [];
  let lo = 0;
  for (let f = 0; f < k; f++) {
    const hi = lo + Math.floor(n / k) + (f < n % k ? 1 : 0);
    const all = Array.from({ length: n }, (_, i) => i);
    out.push([all.filter((i) => i < lo || i >= hi), all.slice(lo, hi)]);
    lo = hi;
  }
  return out;
}

type Predict = (Xtr: number[][], ytr: number[], Xte: number[][]) => number[];

const descentPredict: Predict = (Xtr, ytr, Xte) =>
  new KNeighborsClassifier({ nNeighbors: K }).fit(Xtr, ytr).predict(Xte) as number[];

const mlKnnPredict: Predict = (Xtr, ytr, Xte) => new KNN(Xtr, ytr, { k: K }).predict(Xte) as number[];

function crossValidate(predict: Predict, X: number[][], y: number[]): number {
  let correct = 0;
  for (const [tr, te] of folds(X.length, FOLDS)) {
    const pred = predict(tr.map((i) => X[i]), tr.map((i) => y[i]), te.map((i) => X[i]));
    correct += pred.filter((p, j) => p === y[te[j]]).length / te.length;
  }
  return correct / FOLDS;
}

export async function benchLearnKnn(progress: (line: string) => void): Promise<KnnMeasurement[]> {
  const { data: X, target: y } = loadDigits();
  const out: KnnMeasurement[] = [];
  for (const [impl, predict] of [['descent', descentPredict], ['ml-knn', mlKnnPredict]] as const) {
    progress(`knn digits 5-fold CV: ${impl}`);
    let accuracy = NaN;
    const t = measure(() => (accuracy = crossValidate(predict, X, y)), { warmup: 1, reps: 3 });
    out.push({ impl, seconds: t.medianMs / 1000, cpuSeconds: t.cpuMedianMs / 1000, accuracy });
  }
  return out;
}

/** The printed table: time, accuracy, and Descent's speed relative to ml-knn. */
export function knnTable(ms: KnnMeasurement[]): string {
  const d = ms.find((m) => m.impl === 'descent');
  const lines = [`k-NN (k = ${K}) 5-fold CV on digits (1797 × 64), fit + predict, identical unshuffled folds.`];
  lines.push('impl      seconds  cpu s  accuracy  speed vs ml-knn');
  for (const m of ms) {
    const ratio = d && m.impl === 'ml-knn' ? `Descent ${(m.seconds / d.seconds).toFixed(2)}× faster` : '';
    lines.push(`${m.impl.padEnd(8)}  ${m.seconds.toFixed(3).padStart(7)}  ${m.cpuSeconds.toFixed(2).padStart(5)}  ${m.accuracy.toFixed(4).padStart(8)}  ${ratio}`);
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(knnTable(await benchLearnKnn((l) => console.error(`  ${l}`))));
}
