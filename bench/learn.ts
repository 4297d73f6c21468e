// Linear models, end to end.
//
//  - LogisticRegression on scikit-learn's digits (1,797 × 64, 10 classes), standardized
//    with a StandardScaler fitted on the training rows; rows with i % 4 == 0 are held out.
//    Descent: defaults (L2, C = 1, L-BFGS, multinomial) with maxIter 1000 so it converges.
//    Anchor: ml-logistic-regression (mljs), which runs plain full-batch gradient ascent on
//    one-vs-rest models without an intercept (we append a column of ones so it gets one)
//    or penalty; its step count and rate are set so that its held-out accuracy is close
//    to Descent's. The time is `fit` alone; held-out accuracy is printed for both, so a
//    fast run that learned less would show.
//  - Lasso on diabetes (442 × 10): a single fit at α = 0.1 (default tol) and the
//    100-α lassoPath. No npm package fits a lasso, so the figure is absolute. For
//    scale, scikit-learn 1.2.1 on the same machine:
//      python3 -m timeit -s "from sklearn.datasets import load_diabetes; from sklearn.linear_model import Lasso, lasso_path; X, y = load_diabetes(return_X_y=True)" "Lasso(alpha=0.1).fit(X, y)"
//    (and "lasso_path(X, y)"); those are measured by hand, not by this script.
//
// Run alone with `npx tsx bench/learn.ts`.
import LogisticRegressionMl from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';
import { loadDiabetes, loadDigits } from '../packages/descent/src/datasets/index.js';
import { Lasso, LogisticRegression, StandardScaler, lassoPath } from '../packages/descent/src/learn/index.js';
import { measure } from './timing.js';

export interface LinearMeasurement {
  task: 'logistic digits' | 'lasso diabetes' | 'lassoPath diabetes';
  impl: 'descent' | 'ml-logistic-regression';
  /** Median milliseconds per fit. */
  ms: number;
  cpuMs: number;
  /** Held-out accuracy (logistic) or training R² (lasso). */
  quality: number;
  note?: string;
}

/** The anchor's settings: 300 full-batch steps at rate 1e-3 reach ~95% held-out on standardized digits. */
const ML_STEPS = 300;
const ML_RATE = 1e-3;

function digitsSplit() {
  const { data, target } = loadDigits();
  const test = (i: number) => i % 4 === 0;
  const Xtr = data.filter((_, i) => !test(i));
  const scaler = new StandardScaler().fit(Xtr);
  return {
    Xtr: scaler.transform(Xtr), ytr: target.filter((_, i) => !test(i)),
    Xte: scaler.transform(data.filter((_, i) => test(i))), yte: target.filter((_, i) => test(i)),
  };
}

const accuracyOf = (pred: readonly unknown[], y: readonly number[]) => pred.filter((p, i) => p === y[i]).length / y.length;

export async function benchLearnLinear(progress: (line: string) => void): Promise<LinearMeasurement[]> {
  const out: LinearMeasurement[] = [];
  const { Xtr, ytr, Xte, yte } = digitsSplit();

  progress('logistic regression, digits: descent');
  let model = new LogisticRegression({ maxIter: 1000 });
  const td = measure(() => (model = new LogisticRegression({ maxIter: 1000 }).fit(Xtr, ytr)), { warmup: 1, reps: 5 });
  out.push({ task: 'logistic digits', impl: 'descent', ms: td.medianMs, cpuMs: td.cpuMedianMs, quality: accuracyOf(model.predict(Xte), yte),
    note: `L-BFGS, ${model.nIter_[0]} iterations` });

  progress('logistic regression, digits: ml-logistic-regression');
  const withOnes = (X: number[][]) => new Matrix(X.map((r) => [...r, 1]));
  const Mtr = withOnes(Xtr);
  const Ytr = Matrix.columnVector(ytr);
  let ml = new LogisticRegressionMl({ numSteps: ML_STEPS, learningRate: ML_RATE });
  const tm = measure(() => {
    ml = new LogisticRegressionMl({ numSteps: ML_STEPS, learningRate: ML_RATE });
    ml.train(Mtr, Ytr);
  }, { warmup: 0, reps: 3 });
  out.push({ task: 'logistic digits', impl: 'ml-logistic-regression', ms: tm.medianMs, cpuMs: tm.cpuMedianMs,
    quality: accuracyOf(ml.predict(withOnes(Xte)), yte), note: `${ML_STEPS} gradient steps, rate ${ML_RATE}` });

  const { data: X, target: y } = loadDiabetes();
  progress('lasso, diabetes: descent');
  let lasso = new Lasso({ alpha: 0.1 });
  const tl = measure(() => (lasso = new Lasso({ alpha: 0.1 }).fit(X, y)), { warmup: 5, reps: 21 });
  out.push({ task: 'lasso diabetes', impl: 'descent', ms: tl.medianMs, cpuMs: tl.cpuMedianMs, quality: lasso.score(X, y),
    note: `${lasso.nIter_} sweeps` });
  progress('lassoPath, diabetes: descent');
  const tp = measure(() => lassoPath(X, y), { warmup: 2, reps: 9 });
  out.push({ task: 'lassoPath diabetes', impl: 'descent', ms: tp.medianMs, cpuMs: tp.cpuMedianMs, quality: NaN, note: '100 alphas' });
  return out;
}

/** The printed table, with Descent's speed relative to the anchor where there is one. */
export function linearTable(ms: LinearMeasurement[]): string {
  const lines = ['Linear models: fit time (median ms), quality (held-out accuracy; R² on the training data for the lasso).'];
  lines.push('task                 impl                      ms   cpu ms  quality  notes');
  for (const m of ms) {
    const q = Number.isNaN(m.quality) ? '—' : m.quality.toFixed(4);
    lines.push(`${m.task.padEnd(19)}  ${m.impl.padEnd(22)}  ${m.ms.toFixed(1).padStart(7)}  ${m.cpuMs.toFixed(1).padStart(7)}  ${q.padStart(7)}  ${m.note ?? ''}`);
  }
  const d = ms.find((m) => m.task === 'logistic digits' && m.impl === 'descent');
  const a = ms.find((m) => m.task === 'logistic digits' && m.impl === 'ml-logistic-regression');
  if (d && a) {
    lines.push(`LogisticRegression: Descent ${(a.cpuMs / d.cpuMs).toFixed(1)}× faster than ml-logistic-regression by CPU time `
      + `(${(a.ms / d.ms).toFixed(1)}× wall), held-out accuracy ${d.quality.toFixed(3)} vs ${a.quality.toFixed(3)}.`);
  }
  lines.push('Lasso has no npm anchor: absolute times (compare scikit-learn with the timeit line in bench/learn.ts).');
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(linearTable(await benchLearnLinear((l) => console.error(`  ${l}`))));
}
