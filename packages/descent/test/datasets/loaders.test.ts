// The bundled datasets against scikit-learn 1.2.1's loaders (fixture written by
// tools/fixtures/datasets.py from sklearn.datasets.load_*).
import { describe, expect, it } from 'vitest';
import { loadBreastCancer, loadDiabetes, loadDigits, loadIris, loadLinnerud, loadWine } from '../../src/datasets/index.js';
import { loadFixture } from '../helpers/fixtures.js';

interface Checks {
  dataShape: number[]; targetShape: number[]; firstRow: number[]; lastRow: number[];
  columnSums: number[]; targetSum: number; targetFirst: number[];
  targetNames?: string[]; featureNames?: string[]; rows?: number[][];
}
const fx = loadFixture<Record<string, Checks>>('datasets.json');

function close(a: number[], b: number[], rtol: number): void {
  expect(a.length).toBe(b.length);
  a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThanOrEqual(rtol * Math.max(1, Math.abs(b[i]))));
}

function compare(d: { data: number[][]; target: number[] | number[][]; featureNames: string[]; targetNames: string[] }, c: Checks, rtol = 1e-12): void {
  expect([d.data.length, d.data[0].length]).toEqual(c.dataShape);
  expect(d.data.every((r) => r.length === c.dataShape[1])).toBe(true);
  expect(d.target.length).toBe(c.targetShape[0]);
  expect(d.data[0]).toEqual(c.firstRow);
  expect(d.data[d.data.length - 1]).toEqual(c.lastRow);
  const sums = c.dataShape.slice(1).flatMap(() => []) as number[];
  for (let j = 0; j < c.dataShape[1]; j++) sums.push(d.data.reduce((s, r) => s + r[j], 0));
  close(sums, c.columnSums, rtol);
  const flatTarget = (d.target as (number | number[])[]).flat();
  close([flatTarget.reduce((a, b) => a + b, 0)], [c.targetSum], 1e-12);
  expect([d.target[0]].flat()).toEqual(c.targetFirst);
  if (c.featureNames) expect(d.featureNames).toEqual(c.featureNames);
  if (c.targetNames) expect(d.targetNames).toEqual(c.targetNames);
}

describe('bundled datasets (scikit-learn 1.2.1 load_*)', () => {
  it('iris', () => {
    const d = loadIris();
    compare(d, fx.iris);
    expect(d.DESCR).toMatch(/Iris plants dataset/);
  });
  it('wine', () => compare(loadWine(), fx.wine));
  it('breast cancer', () => compare(loadBreastCancer(), fx.breast_cancer));
  it('digits, with images and nClass', () => {
    const d = loadDigits();
    compare(d, fx.digits);
    expect(d.images[0]).toEqual([d.data[0].slice(0, 8), ...Array.from({ length: 7 }, (_, i) => d.data[0].slice(8 * (i + 1), 8 * (i + 2)))]);
    compare(loadDigits({ nClass: 5 }), fx.digits5);
    expect(() => loadDigits({ nClass: 11 })).toThrow(/nClass/);
  });
  it('diabetes, raw and scaled as sklearn scales it', () => {
    compare(loadDiabetes({ scaled: false }), fx.diabetes_raw);
    const d = loadDiabetes();
    d.data.slice(0, 5).forEach((r, i) => close(r, fx.diabetes.rows![i], 1e-13));
    const sums: number[] = [];
    for (let j = 0; j < 10; j++) sums.push(d.data.reduce((s, r) => s + r[j], 0));
    close(sums, fx.diabetes.columnSums, 1e-13);
  });
  it('linnerud: a (20, 3) target', () => {
    const d = loadLinnerud();
    compare(d, fx.linnerud);
    expect(d.target[0]).toHaveLength(3);
  });
  it('returns fresh arrays on each call', () => {
    const a = loadIris();
    a.data[0][0] = 99;
    expect(loadIris().data[0][0]).toBe(fx.iris.firstRow[0]);
  });
});
