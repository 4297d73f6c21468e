// calibrationCurve against scikit-learn's calibration_curve (tools/fixtures/calibration.py).
import { describe, expect, it } from 'vitest';
import { calibrationCurve, type CalibrationCurveOptions } from '../../src/learn/index.js';
import { loadFixture } from '../helpers/fixtures.js';

interface Case { name: string; yTrue: (number | string)[]; yProb: number[]; options: CalibrationCurveOptions; probTrue: number[]; probPred: number[] }
const fx = loadFixture<{ source: string; cases: Case[] }>('calibration.json');

const close = (a: number[], b: number[]) => {
  expect(a).toHaveLength(b.length);
  a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThanOrEqual(1e-12));
};

describe(`calibrationCurve matches ${fx.source}`, () => {
  for (const c of fx.cases) {
    it(c.name, () => {
      const got = calibrationCurve(c.yTrue, c.yProb, c.options);
      close(got.probTrue, c.probTrue);
      close(got.probPred, c.probPred);
    });
  }
});

describe('calibrationCurve errors', () => {
  it('names the problem and the fix', () => {
    expect(() => calibrationCurve([0, 1], [0.2, 1.3])).toThrow(/values outside \[0, 1\]; pass probabilities/);
    expect(() => calibrationCurve([0, 1, 2], [0.2, 0.3, 0.4])).toThrow(/only binary classification/);
    expect(() => calibrationCurve(['a', 'b'], [0.2, 0.3])).toThrow(/posLabel is not specified/);
    expect(() => calibrationCurve([0, 1], [0.2, 0.3], { nBins: 0 })).toThrow(/nBins must be a positive integer/);
    expect(() => calibrationCurve([0, 1], [0.2])).toThrow();
  });
});
