// Shared by mlp-solvers.test.ts and mlp-solvers.slow.test.ts: the scikit-learn references of
// tools/fixtures/mlp_extra.py and the check that ours is within a point of them.
import { expect } from 'vitest';
import { MLPClassifier, MLPRegressor, StandardScaler, makePipeline, type MLPParams } from '../../src/learn/index.js';
import { loadFixture } from '../helpers/fixtures.js';
import { cvScore } from './ensemble-quality.js';

export interface Case { estimator: 'MLPClassifier' | 'MLPRegressor'; data: string; params: Partial<MLPParams>; score: number; perSeed: number[] }
export const fx = loadFixture<{ cases: Case[] }>('mlp-extra.json');

/** Ours on the fixture's folds and seeds, within a point (0.02 R²) of scikit-learn's. */
export function expectQuality(c: Case): void {
  const classify = c.estimator === 'MLPClassifier';
  const make = (seed: number) => makePipeline(new StandardScaler(), classify ? new MLPClassifier({ ...c.params, randomState: seed }) : new MLPRegressor({ ...c.params, randomState: seed }));
  const score = cvScore(c.data, classify ? 'accuracy' : 'r2', [0, 1, 2], make);
  expect(Math.abs(score - c.score), `ours ${score.toFixed(4)} vs scikit-learn ${c.score.toFixed(4)}`).toBeLessThan(classify ? 0.01 : 0.02);
}

