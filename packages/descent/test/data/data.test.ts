import { describe, it, expect } from 'vitest';
import { arange, tensor } from '../../src/tensor/index.js';
import { Generator } from '../../src/random/index.js';
import { TensorDataset, DataLoader, randomSplit, type Dataset } from '../../src/data/index.js';

describe('DataLoader', () => {
  const X = arange(10).reshape([10, 1]).astype('float32');
  const y = arange(10);
  const ds = new TensorDataset(X, y);

  it('batches in order, keeps the short last batch unless dropLast', () => {
    const batches = [...new DataLoader(ds, { batchSize: 4 })];
    expect(batches.map(([xb]) => xb.shape[0])).toEqual([4, 4, 2]);
    expect(batches[2][1].toArray()).toEqual([8, 9]);
    expect(new DataLoader(ds, { batchSize: 4, dropLast: true }).length).toBe(2);
    expect([...new DataLoader(ds, { batchSize: 4, dropLast: true })].length).toBe(2);
  });

  it('shuffles reproducibly from a seeded generator, a new order each pass, every item once', () => {
    const order = (g: Generator) => {
      const loader = new DataLoader(ds, { batchSize: 3, shuffle: true, generator: g });
      return [[...loader].flatMap(([, yb]) => yb.toArray() as number[]), [...loader].flatMap(([, yb]) => yb.toArray() as number[])];
    };
    const [a1, a2] = order(new Generator(7));
    const [b1] = order(new Generator(7));
    expect(a1).toEqual(b1);
    expect(a1).not.toEqual(a2);
    expect([...a1].sort((p, q) => p - q)).toEqual(Array.from({ length: 10 }, (_, i) => i));
  });

  it('collates plain datasets by stacking', () => {
    const squares: Dataset<[number, number]> = { length: 5, get: (i) => [i, i * i] };
    const [first] = [...new DataLoader(squares, { batchSize: 5 })] as unknown as [ReturnType<typeof tensor>[]][];
    expect((first as unknown as ReturnType<typeof tensor>[])[1].toArray()).toEqual([0, 1, 4, 9, 16]);
  });

  it('splits without overlap, by sizes or fractions, and explains bad input', () => {
    const [train, val] = randomSplit(ds, [0.7, 0.3], new Generator(0));
    expect([train.length, val.length]).toEqual([7, 3]);
    const seen = [...train.indices, ...val.indices].sort((p, q) => p - q);
    expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(() => randomSplit(ds, [5, 4])).toThrow(/do not add up to the dataset's 10 items/);
    // Lengths that sum to 1 are fractions, as in PyTorch: [1, 0] is everything and nothing.
    expect(randomSplit(ds, [1, 0]).map((s) => s.length)).toEqual([10, 0]);
    expect(randomSplit(ds, [6, 4]).map((s) => s.length)).toEqual([6, 4]);
    expect(() => val.get(3)).toThrow(/Subset: index 3 is out of range for 3 items/);
    expect(() => new TensorDataset(X, arange(3))).toThrow(/same first dimension/);
    expect(() => new DataLoader(ds, { batchSize: 0 })).toThrow(/batchSize must be a positive integer/);
  });
});
