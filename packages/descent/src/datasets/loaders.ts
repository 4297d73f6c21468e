/**
 * Loaders for the small datasets bundled with scikit-learn (sklearn.datasets.load_*),
 * exported by tools/fixtures/datasets.py into `./data/*.ts` (sources and licences in
 * `./data/README.md`). The numbers are parsed on each call into fresh arrays, so callers
 * may modify what they get.
 */
import * as breastCancer from './data/breast-cancer.js';
import * as diabetes from './data/diabetes.js';
import * as digits from './data/digits.js';
import * as iris from './data/iris.js';
import * as linnerud from './data/linnerud.js';
import * as wine from './data/wine.js';

/** A loaded dataset, like scikit-learn's `Bunch`. */
export interface Dataset<T = number[]> {
  /** (nSamples, nFeatures) */
  data: number[][];
  /** One target per sample: a class index, a number, or (Linnerud) a row of targets. */
  target: T;
  featureNames: string[];
  /** Class names, indexed by the class number in `target` (targets' names for Linnerud). */
  targetNames: string[];
  /** scikit-learn's description of the dataset: origin, features, references. */
  DESCR: string;
}

interface Module {
  dataShape: number[];
  targetShape: number[];
  encoding: string;
  data: string;
  target: string;
  featureNames: string[];
  targetNames: string[];
  DESCR: string;
}

function parse(text: string, encoding: string): number[] {
  if (encoding === 'base36') return Array.from(text, (ch) => parseInt(ch, 36));
  return text.split(' ').map(Number);
}

function rows(flat: number[], cols: number): number[][] {
  return Array.from({ length: flat.length / cols }, (_, i) => flat.slice(i * cols, (i + 1) * cols));
}

function load(m: Module): Dataset {
  return {
    data: rows(parse(m.data, m.encoding), m.dataShape[1]),
    target: parse(m.target, 'decimal'),
    featureNames: [...m.featureNames],
    targetNames: [...m.targetNames],
    DESCR: m.DESCR,
  };
}

/**
 * Fisher's iris: 150 flowers, 4 measurements in cm, 3 species (50 each).
 *
 * ```ts
 * const { data, target, targetNames } = loadIris();
 * data.length;                 // 150
 * targetNames[target[0]];      // 'setosa'
 * ```
 */
export function loadIris(): Dataset {
  return load(iris);
}

/** Wine recognition: 178 wines, 13 chemical measurements, 3 cultivars. */
export function loadWine(): Dataset {
  return load(wine);
}

/** Breast cancer Wisconsin (diagnostic): 569 tumours, 30 features, 'malignant' (0) / 'benign' (1). */
export function loadBreastCancer(): Dataset {
  return load(breastCancer);
}

/**
 * Handwritten digits: 1797 images of 8×8 pixel counts 0..16, flattened to 64 features,
 * with `images` (n, 8, 8) as well. `nClass` keeps only the digits 0..nClass-1.
 */
export function loadDigits(options: { nClass?: number } = {}): Dataset & { images: number[][][] } {
  const nClass = options.nClass ?? 10;
  if (!Number.isInteger(nClass) || nClass < 1 || nClass > 10) {
    throw new RangeError(`loadDigits: nClass must be an integer in [1, 10], got ${nClass}`);
  }
  const d = load(digits);
  const keep = d.target.map((t, i) => (t < nClass ? i : -1)).filter((i) => i >= 0);
  const data = keep.map((i) => d.data[i]);
  return {
    ...d,
    data,
    target: keep.map((i) => d.target[i]),
    targetNames: d.targetNames.slice(0, nClass),
    images: data.map((r) => rows(r, 8)),
  };
}

/**
 * Diabetes: 442 patients, 10 baseline variables, and a measure of disease progression one
 * year later. By default (`scaled: true`), as in scikit-learn, each feature is centred and
 * divided by its standard deviation times √nSamples (so each column has unit norm);
 * `scaled: false` gives the raw values (age in years, BMI, ...).
 */
export function loadDiabetes(options: { scaled?: boolean } = {}): Dataset {
  const d = load(diabetes);
  if (options.scaled === false) return d;
  const n = d.data.length;
  const cols = d.data[0].length;
  for (let j = 0; j < cols; j++) {
    // sklearn.preprocessing.scale: centre with the mean, re-centre if rounding left a
    // residual mean, divide by the (population) standard deviation; then by √n.
    let mean = 0;
    for (let i = 0; i < n; i++) mean += d.data[i][j];
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (d.data[i][j] - mean) ** 2;
    const std = Math.sqrt(ss / n);
    for (let i = 0; i < n; i++) d.data[i][j] = (d.data[i][j] - mean) / std / Math.sqrt(n);
  }
  return d;
}

/**
 * Linnerud: 20 middle-aged men; 3 exercise counts (chins, situps, jumps) as `data` and 3
 * physiological measurements (weight, waist, pulse) as the (20, 3) `target`.
 */
export function loadLinnerud(): Dataset<number[][]> {
  const d = load(linnerud);
  return { ...d, target: rows(d.target, linnerud.targetShape[1]) };
}
