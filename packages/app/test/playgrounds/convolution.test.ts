import { describe, expect, it } from 'vitest';
import { loadDigits } from 'descent/datasets';
import { KERNELS, KERNEL_NAMES, parseWeight, receptiveField, runStages, type Grid } from '../../src/client/playgrounds/convolution/pipeline.js';

/** Cross-correlation by its definition, in plain loops: out[i][j] = Σ_ab xpad[i·s + a][j·s + b]·k[a][b]. */
function referenceConv(x: Grid, k: Grid, stride: number, padding: number): Grid {
  const H = x.length + 2 * padding;
  const W = x[0].length + 2 * padding;
  const at = (r: number, c: number) => (r < padding || c < padding || r >= H - padding || c >= W - padding ? 0 : x[r - padding][c - padding]);
  const Ho = Math.floor((H - k.length) / stride) + 1;
  const Wo = Math.floor((W - k[0].length) / stride) + 1;
  return Array.from({ length: Ho }, (_, i) => Array.from({ length: Wo }, (_, j) => {
    let s = 0;
    for (let a = 0; a < k.length; a++) for (let b = 0; b < k[0].length; b++) s += at(i * stride + a, j * stride + b) * k[a][b];
    return s;
  }));
}

const expectGridClose = (a: Grid, b: Grid) => {
  expect(a.length).toBe(b.length);
  a.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(b[i][j], 5)));
};

const digits = loadDigits();

describe('convolution explorer pipeline', () => {
  it.each(KERNEL_NAMES.filter((k) => k !== 'custom'))('%s: F.conv2d equals the definition for every stride and padding', (name) => {
    const image = digits.images[7];
    for (const stride of [1, 2]) {
      for (const padding of [0, 1]) {
        const s = runStages(image, KERNELS[name as keyof typeof KERNELS].weights, { stride, padding });
        expectGridClose(s.conv, referenceConv(s.input, KERNELS[name as keyof typeof KERNELS].weights, stride, padding));
      }
    }
  });

  it('scales pixel counts 0..16 to [0, 1]', () => {
    const s = runStages(digits.images[0], KERNELS.identity.weights, { stride: 1, padding: 1 });
    expectGridClose(s.input, digits.images[0].map((r) => r.map((v) => v / 16)));
    expectGridClose(s.conv, s.input); // the identity kernel with "same" padding copies
  });

  it('output sizes follow ⌊(H + 2p − 3)/s⌋ + 1', () => {
    const sizes = [[1, 0, 6], [1, 1, 8], [2, 0, 3], [2, 1, 4]];
    for (const [stride, padding, n] of sizes) {
      const s = runStages(digits.images[1], KERNELS.blur.weights, { stride, padding });
      expect([s.conv.length, s.conv[0].length]).toEqual([n, n]);
    }
  });

  it('ReLU zeroes the negatives and 2×2 max-pool takes each block\'s maximum', () => {
    const s = runStages(digits.images[3], KERNELS['sobel-x'].weights, { stride: 1, padding: 1 });
    s.relu.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(Math.max(0, s.conv[i][j]), 6)));
    expect(s.pooled).toHaveLength(4);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        const block = [s.relu[2 * i][2 * j], s.relu[2 * i][2 * j + 1], s.relu[2 * i + 1][2 * j], s.relu[2 * i + 1][2 * j + 1]];
        expect(s.pooled[i][j]).toBeCloseTo(Math.max(...block), 6);
      }
    }
  });

  it('no pooling when the feature map is smaller than 2×2', () => {
    const tiny = [[1, 2, 3], [4, 5, 6], [7, 8, 9]].map((r) => r.map((v) => v * 16 / 9));
    const s = runStages(tiny, KERNELS.identity.weights, { stride: 1, padding: 0 });
    expect(s.conv).toHaveLength(1);
    expect(s.pooled).toEqual([]);
  });

  it('receptiveField: its products sum to the output cell, padding counted as 0', () => {
    const o = { stride: 2, padding: 1 };
    const k = KERNELS.emboss.weights;
    const s = runStages(digits.images[5], k, o);
    for (const [i, j] of [[0, 0], [1, 2], [3, 3]]) {
      const rf = receptiveField(s.input, k, i, j, o);
      expect(rf.top).toBe(i * 2 - 1);
      expect(rf.terms.reduce((a, t) => a + t.x * t.w, 0)).toBeCloseTo(s.conv[i][j], 5);
    }
  });

  it('parseWeight reads numbers and fractions, and rejects the rest', () => {
    expect(parseWeight('2')).toBe(2);
    expect(parseWeight(' -0.5 ')).toBe(-0.5);
    expect(parseWeight('1/9')).toBeCloseTo(1 / 9, 15);
    expect(parseWeight('-3/4')).toBe(-0.75);
    expect(parseWeight('.25')).toBe(0.25);
    expect(parseWeight('1e-2')).toBe(0.01);
    for (const bad of ['', 'abc', '1/0', '2-', '--1', '1/2/3']) expect(parseWeight(bad)).toBeNull();
  });
});
