import { describe, expect, it } from 'vitest';
import { DOMAIN, FEATURE_FNS, featureMatrix, generate, gridPoints, splitPoints } from '../../src/client/playgrounds/nn/data.js';
import { DATASETS, FEATURES } from '../../src/client/playgrounds/nn/state.js';

const ALL = [...DATASETS.classification, ...DATASETS.regression];

describe('NN playground datasets', () => {
  it.each(ALL)('%s: n points, finite, inside the picture, labels in range', (name) => {
    const pts = generate(name, 300, 0.2, 3);
    expect(pts).toHaveLength(300);
    for (const p of pts) {
      expect(Number.isFinite(p.x1) && Number.isFinite(p.x2)).toBe(true);
      // Noise may push a few points past ±6 for the Gaussians, never far.
      expect(Math.abs(p.x1)).toBeLessThan(DOMAIN + 3);
      expect(Math.abs(p.x2)).toBeLessThan(DOMAIN + 3);
    }
    const labels = pts.map((p) => p.y);
    if ((DATASETS.classification as readonly string[]).includes(name)) {
      expect(new Set(labels)).toEqual(new Set([0, 1]));
      // Balanced by construction, except XOR, whose labels follow uniformly drawn points.
      expect(Math.abs(labels.filter((y) => y === 1).length - 150)).toBeLessThanOrEqual(name === 'xor' ? 30 : 1);
    } else {
      for (const y of labels) expect(Math.abs(y)).toBeLessThanOrEqual(1);
    }
  });

  it.each(ALL)('%s: the same seed gives the same points, another seed other points', (name) => {
    expect(generate(name, 100, 0.1, 5)).toEqual(generate(name, 100, 0.1, 5));
    expect(generate(name, 100, 0.1, 5)).not.toEqual(generate(name, 100, 0.1, 6));
  });

  it('xor without noise: label 1 exactly where x1·x2 > 0', () => {
    for (const p of generate('xor', 400, 0, 1)) expect(p.y).toBe(p.x1 * p.x2 > 0 ? 1 : 0);
  });

  it('circle without noise: label 1 inside radius 2.5, label 0 in the ring 3.5..5', () => {
    for (const p of generate('circle', 400, 0, 1)) {
      const r = Math.hypot(p.x1, p.x2);
      if (p.y === 1) expect(r).toBeLessThanOrEqual(2.5);
      else expect(r >= 3.5 && r <= 5).toBe(true);
    }
  });

  it('spiral without noise: each arm is the other turned by half a revolution', () => {
    const pts = generate('spiral', 200, 0, 1);
    const arm0 = pts.filter((p) => p.y === 0);
    const arm1 = pts.filter((p) => p.y === 1);
    expect(arm0).toHaveLength(100);
    for (const p of arm1) expect(arm0.some((q) => Math.abs(q.x1 + p.x1) < 1e-9 && Math.abs(q.x2 + p.x2) < 1e-9)).toBe(true);
  });

  it('gaussian: the class means sit near (-2, -2) and (2, 2)', () => {
    const pts = generate('gaussian', 1000, 0, 2);
    for (const [label, c] of [[0, -2], [1, 2]]) {
      const cls = pts.filter((p) => p.y === label);
      const mx = cls.reduce((a, p) => a + p.x1, 0) / cls.length;
      const my = cls.reduce((a, p) => a + p.x2, 0) / cls.length;
      expect(Math.abs(mx - c)).toBeLessThan(0.15);
      expect(Math.abs(my - c)).toBeLessThan(0.15);
    }
  });

  it('plane without noise: y = (x1 + x2) / 12', () => {
    for (const p of generate('plane', 50, 0, 1)) expect(p.y).toBeCloseTo((p.x1 + p.x2) / 12, 12);
  });

  it('splitPoints: sizes follow the ratio, train and test are disjoint and cover every point', () => {
    const pts = generate('spiral', 500, 0.1, 1);
    const { train, test } = splitPoints(pts, 30, 1);
    expect(train).toHaveLength(150);
    expect(test).toHaveLength(350);
    const all = new Set([...train, ...test]);
    expect(all.size).toBe(500);
    for (const p of pts) expect(all.has(p)).toBe(true);
  });
});

describe('NN playground features', () => {
  it('each feature is its formula', () => {
    const [x1, x2] = [1.5, -2];
    const expected = { x1: 1.5, x2: -2, x1sq: 2.25, x2sq: 4, x1x2: -3, sinx1: Math.sin(1.5), sinx2: Math.sin(-2) };
    for (const f of FEATURES) expect(FEATURE_FNS[f].fn(x1, x2)).toBeCloseTo(expected[f], 12);
  });

  it('featureMatrix is row-major (n, k) in the order asked', () => {
    const m = featureMatrix([{ x1: 2, x2: 3 }, { x1: -1, x2: 0.5 }], ['x1x2', 'x1', 'x2sq']);
    expect(Array.from(m)).toEqual([6, 2, 9, -0.5, -1, 0.25]);
  });

  it('gridPoints: cell centres row by row from the top-left corner', () => {
    const g = gridPoints(4);
    expect(g).toHaveLength(16);
    expect(g[0]).toEqual({ x1: -4.5, x2: 4.5 });
    expect(g[3]).toEqual({ x1: 4.5, x2: 4.5 });
    expect(g[15]).toEqual({ x1: 4.5, x2: -4.5 });
  });
});
