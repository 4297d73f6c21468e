/** `classificationReport`: per-class precision, recall, F1 and support, as a table or an object. */
import { uniqueLabels, type Label, type LabelsLike, checkLabels } from '../base/validation.js';
import { accuracyScore } from './accuracy.js';
import { precisionRecallFscoreSupport } from './classification.js';

export interface ReportRow { precision: number; recall: number; 'f1-score': number; support: number }

/** Rows keyed by class name, plus 'accuracy' (or 'micro avg'), 'macro avg' and 'weighted avg'. */
export type ReportDict = Record<string, ReportRow | number>;

export interface ReportOptions {
  labels?: Label[];
  /** Display names for the labels, in the same order. */
  targetNames?: string[];
  sampleWeight?: ArrayLike<number>;
  /** Decimal places in the text table. Default 2. */
  digits?: number;
  zeroDivision?: number;
}

/**
 * The numbers behind `classificationReport`, with scikit-learn's `output_dict=True` keys.
 */
export function classificationReportDict(yTrue: LabelsLike, yPred: LabelsLike, options: ReportOptions = {}): ReportDict {
  const present = uniqueLabels([...checkLabels(yTrue, 'yTrue'), ...checkLabels(yPred, 'yPred')]);
  const labels = options.labels ?? present;
  const names = options.targetNames ?? labels.map(String);
  if (names.length !== labels.length) {
    throw new Error(`Number of classes, ${labels.length}, does not match size of targetNames, ${names.length}.`);
  }
  const common = { labels, sampleWeight: options.sampleWeight, zeroDivision: options.zeroDivision };
  const per = precisionRecallFscoreSupport(yTrue, yPred, { ...common, average: null });
  const out: ReportDict = {};
  names.forEach((name, i) => {
    out[name] = {
      precision: (per.precision as number[])[i], recall: (per.recall as number[])[i],
      'f1-score': (per.fScore as number[])[i], support: per.support![i],
    };
  });
  const total = per.support!.reduce((s, v) => s + v, 0);
  // With every present label reported, micro-averaged P = R = F1 = accuracy.
  const microIsAccuracy = present.length === labels.length && present.every((l) => labels.includes(l));
  const averages: ('micro' | 'macro' | 'weighted')[] = microIsAccuracy ? ['macro', 'weighted'] : ['micro', 'macro', 'weighted'];
  if (microIsAccuracy) out.accuracy = accuracyScore(yTrue, yPred, { sampleWeight: options.sampleWeight });
  for (const average of averages) {
    const r = precisionRecallFscoreSupport(yTrue, yPred, { ...common, average });
    out[`${average} avg`] = { precision: r.precision as number, recall: r.recall as number, 'f1-score': r.fScore as number, support: total };
  }
  return out;
}

/**
 * A text table of precision, recall, F1 and support per class and averaged, laid out
 * like scikit-learn's `classification_report`.
 *
 * ```ts
 * console.log(classificationReport(['a', 'b', 'b'], ['a', 'b', 'a']));
 * ```
 */
export function classificationReport(yTrue: LabelsLike, yPred: LabelsLike, options: ReportOptions = {}): string {
  const dict = classificationReportDict(yTrue, yPred, options);
  const digits = options.digits ?? 2;
  const keys = Object.keys(dict);
  const width = Math.max(12, ...keys.map((k) => k.length), digits);
  const headers = ['precision', 'recall', 'f1-score', 'support'];
  const cell = (s: string) => s.padStart(9);
  const fmt = (v: number) => v.toFixed(digits);
  const lines = [' '.repeat(width) + ' ' + headers.map(cell).join(' '), ''];
  const avgKeys = keys.filter((k) => k === 'accuracy' || k.endsWith(' avg'));
  for (const k of keys.filter((key) => !avgKeys.includes(key))) {
    const r = dict[k] as ReportRow;
    lines.push(k.padStart(width) + ' ' + [fmt(r.precision), fmt(r.recall), fmt(r['f1-score']), String(Math.round(r.support))].map(cell).join(' '));
  }
  lines.push('');
  for (const k of avgKeys) {
    if (k === 'accuracy') {
      const support = (dict['macro avg'] as ReportRow).support;
      lines.push(k.padStart(width) + ' ' + ['', '', fmt(dict.accuracy as number), String(Math.round(support))].map(cell).join(' '));
      continue;
    }
    const r = dict[k] as ReportRow;
    lines.push(k.padStart(width) + ' ' + [fmt(r.precision), fmt(r.recall), fmt(r['f1-score']), String(Math.round(r.support))].map(cell).join(' '));
  }
  return lines.join('\n') + '\n';
}
