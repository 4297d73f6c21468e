// Scheduler edge cases (the learning-rate sequences themselves are golden-tested against
// PyTorch in test/nn/golden.test.ts).
import { describe, expect, it } from 'vitest';
import { zeros } from '../../src/tensor/index.js';
import { OneCycleLR, SGD } from '../../src/optim/index.js';

describe('OneCycleLR', () => {
  it('allows one step past totalSteps, as PyTorch does, and explains the error after that', () => {
    const opt = new SGD([zeros([1], { requiresGrad: true })], { lr: 0.1 });
    const sched = new OneCycleLR(opt, { maxLr: 1, totalSteps: 5 });
    for (let i = 0; i < 5; i++) sched.step();
    expect(() => sched.step()).toThrow(/stepped 6 times but totalSteps is 5; make totalSteps cover every step/);
  });
});
