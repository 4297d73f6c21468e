/**
 * Random transforms and batch mixing, tested by properties (the draws are our own, so no
 * reference can give their values): shapes and dtypes kept, seeded runs reproducible, each
 * output one of the allowed deterministic results, λ in range, soft targets summing to 1.
 */
import { describe, it, expect } from 'vitest';
import { arange, rand, tensor, type Tensor } from '../../src/tensor/index.js';
import { Generator } from '../../src/random/index.js';
import {
  TF, compose, RandomHorizontalFlip, RandomVerticalFlip, RandomCrop, RandomRotation, ColorJitter, Cutout, RandomErasing,
  Normalize, mixup, cutmix,
} from '../../src/vision/index.js';

const same = (a: Tensor, b: Tensor) => a.shape.join() === b.shape.join() && a.toTypedArray().every((v, i) => v === b.toTypedArray()[i]);
const batch = (seed: number, shape = [6, 3, 5, 5]) => rand(shape, { generator: new Generator(seed), dtype: 'float64' });

describe('random transforms', () => {
  const all = [
    new RandomHorizontalFlip(), new RandomVerticalFlip(), new RandomCrop(5, { padding: 2 }), new RandomRotation(30),
    new ColorJitter({ brightness: 0.4, contrast: 0.4, saturation: 0.4 }), new Cutout(2), new RandomErasing({ p: 1 }),
  ];
  it('keep shape and dtype on images and batches, and reproduce with the same seed', () => {
    const x = batch(1);
    for (const t of all) {
      for (const input of [x, x.select(0, 0), x.astype('float32')]) {
        const a = t.apply(input, new Generator(5)), b = t.apply(input, new Generator(5));
        expect(a.shape, t.constructor.name).toEqual(input.shape);
        expect(a.dtype).toBe(input.dtype);
        expect(same(a, b), `${t.constructor.name} seeded`).toBe(true);
      }
    }
  });
  it('flips each image of a batch independently, and p = 0 / 1 are exact', () => {
    const x = batch(2, [40, 1, 3, 3]);
    const y = new RandomHorizontalFlip().apply(x, new Generator(0));
    let flipped = 0;
    for (let n = 0; n < 40; n++) {
      const img = x.select(0, n), out = y.select(0, n);
      const f = same(out, TF.hflip(img));
      expect(f || same(out, img)).toBe(true);
      flipped += f ? 1 : 0;
    }
    expect(flipped).toBeGreaterThan(5);
    expect(flipped).toBeLessThan(35);
    expect(same(new RandomVerticalFlip(0).apply(x), x)).toBe(true);
    expect(same(new RandomVerticalFlip(1).apply(x), TF.vflip(x))).toBe(true);
  });
  it('RandomCrop returns a window of the padded image', () => {
    const img = arange(16, undefined, 1, { dtype: 'float64' }).reshape([1, 4, 4]);
    const padded = TF.pad(img, 1);
    const seen = new Set<string>();
    for (let s = 0; s < 30; s++) {
      const out = new RandomCrop(4, { padding: 1 }).apply(img, new Generator(s));
      let match = '';
      for (let t = 0; t <= 2; t++) for (let l = 0; l <= 2; l++) if (same(out, TF.crop(padded, t, l, 4, 4))) match = `${t},${l}`;
      expect(match).not.toBe('');
      seen.add(match);
    }
    expect(seen.size).toBeGreaterThan(4);
  });
  it('RandomRotation(0) is the identity; ColorJitter keeps [0, 1]', () => {
    const x = batch(3);
    expect(same(new RandomRotation(0).apply(x), x)).toBe(true);
    const y = new ColorJitter({ brightness: 0.9, contrast: 0.9, saturation: 0.9 }).apply(x, new Generator(1)).toTypedArray();
    expect(y.every((v) => v >= 0 && v <= 1)).toBe(true);
    const g = new ColorJitter({ brightness: 0.5, contrast: 0.5 }).apply(batch(3, [2, 1, 4, 4]), new Generator(1));
    expect(g.shape).toEqual([2, 1, 4, 4]);
  });
  it('Cutout and RandomErasing zero one box and leave the rest', () => {
    const x = batch(4, [20, 2, 8, 8]).add(0.5);
    for (const t of [new Cutout(3), new RandomErasing({ p: 1, value: 0 })]) {
      const y = t.apply(x, new Generator(9));
      for (let n = 0; n < 20; n++) {
        const a = y.select(0, n).toTypedArray(), b = x.select(0, n).toTypedArray();
        let zeros = 0;
        for (let k = 0; k < a.length; k++) {
          if (a[k] === 0) zeros++;
          else expect(a[k]).toBe(b[k]);
        }
        expect(zeros % 2).toBe(0);   // the same box in both channels
        if (t instanceof Cutout) expect(zeros).toBeLessThanOrEqual(2 * 9);
        else expect(zeros).toBeGreaterThan(0);
      }
    }
  });
  it('compose chains transforms and functions with one generator', () => {
    const x = batch(5);
    const t = compose([new RandomCrop(5, { padding: 1 }), new RandomHorizontalFlip(), (img) => img.mul(2), new Normalize([1, 1, 1], [2, 2, 2])]);
    const a = t.apply(x, new Generator(3)), b = t.apply(x, new Generator(3)), c = t.apply(x, new Generator(4));
    expect(same(a, b)).toBe(true);
    expect(same(a, c)).toBe(false);
  });
  it('name the problem on bad input', () => {
    expect(() => new RandomHorizontalFlip(2)).toThrow(/RandomHorizontalFlip: p must be a probability/);
    expect(() => new RandomCrop(5).apply(rand([2, 2]))).toThrow(/RandomCrop: expected an image \(C, H, W\)/);
    expect(() => new RandomCrop(9).apply(batch(1))).toThrow(/larger than the padded image/);
    expect(() => new ColorJitter({ saturation: 0.5 }).apply(rand([1, 4, 4]))).toThrow(/saturation needs 3-channel/);
    expect(() => TF.normalize(batch(1), [0.5], [0.5])).toThrow(/3 channels but mean has 1/);
    expect(() => TF.crop(batch(1), 3, 3, 4, 4)).toThrow(/does not fit the 5×5 image/);
    expect(() => TF.rotate(tensor([[[1, 2]]], { dtype: 'int32' }), 10)).toThrow(/expected a float image/);
    expect(() => compose([{} as never])).toThrow(/item 0 is neither a transform/);
  });
});

describe('mixup and cutmix', () => {
  const labels = [0, 1, 2, 3, 0, 1];
  for (const [name, mix] of [['mixup', mixup], ['cutmix', cutmix]] as const) {
    it(`${name}: λ in [0, 1], soft targets sum to 1 and carry λ, seeded runs agree`, () => {
      const x = batch(6, [6, 2, 10, 10]);   // on 5×5 images CutMix's box (2·⌊cut/2⌋ wide) keeps λ ≥ 0.36
      const lambdas: number[] = [];
      for (let s = 0; s < 40; s++) {
        const r = mix(x, labels, { numClasses: 4, alpha: 1, generator: new Generator(s) });
        expect(r.x.shape).toEqual(x.shape);
        expect(r.y.shape).toEqual([6, 4]);
        expect(r.lambda).toBeGreaterThanOrEqual(0);
        expect(r.lambda).toBeLessThanOrEqual(1);
        lambdas.push(r.lambda);
        const y = r.y.toArray() as number[][];
        y.forEach((row, i) => {
          expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
          const own = labels[i], other = labels[r.perm[i]];
          expect(row[own]).toBeCloseTo(own === other ? 1 : r.lambda, 12);
        });
        const again = mix(x, labels, { numClasses: 4, alpha: 1, generator: new Generator(s) });
        expect(same(again.x, r.x) && again.lambda === r.lambda).toBe(true);
      }
      expect(Math.min(...lambdas)).toBeLessThan(0.5);   // CutMix clips its box at the border, so small λ is rare
      expect(Math.max(...lambdas)).toBeGreaterThan(0.7);
    });
  }
  it('mixup mixes pixels with λ; cutmix pastes pixels and λ is the kept area', () => {
    const x = batch(7);
    const m = mixup(x, labels, { numClasses: 4, alpha: 0.4, generator: new Generator(1) });
    const expected = x.mul(m.lambda).add(x.indexSelect(0, m.perm).mul(1 - m.lambda));
    expect(m.x.sub(expected).abs().max().item()).toBeLessThan(1e-12);
    const c = cutmix(x, labels, { numClasses: 4, generator: new Generator(2) });
    const a = c.x.toTypedArray(), own = x.toTypedArray(), other = x.indexSelect(0, c.perm).toTypedArray();
    let kept = 0;
    for (let k = 0; k < a.length; k++) {
      expect(a[k] === own[k] || a[k] === other[k]).toBe(true);
      if (a[k] === own[k]) kept++;
    }
    expect(kept / a.length).toBeCloseTo(c.lambda, 1);
  });
  it('name bad labels and options', () => {
    expect(() => mixup(batch(1), [0, 1], { numClasses: 2 })).toThrow(/x has 6 examples but y has 2 labels/);
    expect(() => mixup(batch(1), [0, 1, 2, 3, 4, 5], { numClasses: 4 })).toThrow(/label 4 is 4/);
    expect(() => cutmix(batch(1), labels, { numClasses: 4, alpha: 0 })).toThrow(/alpha must be a finite number > 0/);
    expect(() => cutmix(rand([6, 4]), labels, { numClasses: 4 })).toThrow(/cutmix: expected images/);
  });
});
