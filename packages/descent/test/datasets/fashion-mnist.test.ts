/**
 * The IDX parser (hand-built files of every value type, and the real Fashion-MNIST files
 * when Debian's dataset-fashion-mnist is installed), the Node loader, and the bundled
 * subset, checked against the counts and SHA-256 checksums that tools/fixtures/fashion_mnist.py
 * computed from the original files with NumPy (test/fixtures/fashion-mnist.json).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FASHION_MNIST_CLASSES, fashionMnistFromIdx, loadFashionMnistSubset, parseIdx } from '../../src/datasets/index.js';
import { DEBIAN_FASHION_MNIST_DIR, loadFashionMnist } from '../../src/node/index.js';
import { loadFixture } from '../helpers/fixtures.js';

interface SplitChecks {
  fullShape: number[]; indices: number[]; shape: number[]; classCounts: number[]; pixelSum: number;
  pixelsSha256: string; labelsSha256: string; firstLabels: number[]; firstImageRow14: number[]; firstMeans: number[];
}
const fixture = loadFixture<{ classNames: string[]; train: SplitChecks; test: SplitChecks }>('fashion-mnist.json');

/** An IDX file: magic 00 00 type ndim, big-endian uint32 dims, then the body bytes. */
function idx(type: number, shape: number[], body: number[]): Uint8Array {
  const head = [0, 0, type, shape.length];
  for (const d of shape) head.push((d >>> 24) & 255, (d >>> 16) & 255, (d >>> 8) & 255, d & 255);
  return new Uint8Array([...head, ...body]);
}

/** Big-endian bytes of values written through a DataView. */
function be(kind: 'Int16' | 'Int32' | 'Float32' | 'Float64', values: number[]): number[] {
  const size = { Int16: 2, Int32: 4, Float32: 4, Float64: 8 }[kind];
  const view = new DataView(new ArrayBuffer(size * values.length));
  values.forEach((v, i) => view[`set${kind}`](i * size, v, false));
  return Array.from(new Uint8Array(view.buffer));
}

describe('parseIdx', () => {
  it('reads every IDX value type, big-endian, with its shape', () => {
    const u8 = parseIdx(idx(0x08, [2, 3], [1, 2, 3, 4, 5, 255]));
    expect([u8.dtype, u8.shape, Array.from(u8.data)]).toEqual(['uint8', [2, 3], [1, 2, 3, 4, 5, 255]]);
    expect(Array.from(parseIdx(idx(0x09, [3], [0x80, 0xff, 0x7f])).data)).toEqual([-128, -1, 127]);
    const i16 = parseIdx(idx(0x0b, [2], be('Int16', [-2, 513])));
    expect([i16.dtype, Array.from(i16.data)]).toEqual(['int16', [-2, 513]]);
    expect(Array.from(parseIdx(idx(0x0c, [1, 2], be('Int32', [-70000, 16909060]))).data)).toEqual([-70000, 16909060]);
    expect(Array.from(parseIdx(idx(0x0d, [2], be('Float32', [1.5, -0.25]))).data)).toEqual([1.5, -0.25]);
    const f64 = parseIdx(idx(0x0e, [2, 1, 1], be('Float64', [Math.PI, -1e300])));
    expect([f64.dtype, f64.shape, Array.from(f64.data)]).toEqual(['float64', [2, 1, 1], [Math.PI, -1e300]]);
    // 16909060 = 0x01020304: the bytes really are read big-endian.
    expect(be('Int32', [16909060])).toEqual([1, 2, 3, 4]);
    // A dimension above 255 needs all four bytes of its header field.
    expect(parseIdx(idx(0x08, [300], new Array(300).fill(7))).shape).toEqual([300]);
  });

  it('explains gzip input, bad headers and wrong lengths', () => {
    expect(() => parseIdx(new Uint8Array([0x1f, 0x8b, 8, 0]))).toThrow(/gzip-compressed \(they start with 1f 8b.*zlib\.gunzipSync.*DecompressionStream/);
    expect(() => parseIdx(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toThrow(/not an IDX file.*starts with 89 50 4e 47/);
    expect(() => parseIdx(new Uint8Array([]))).toThrow(/starts with nothing/);
    expect(() => parseIdx(idx(0x0a, [1], [0]))).toThrow(/unknown value type 0x0a in byte 2/);
    expect(() => parseIdx(new Uint8Array([0, 0, 8, 2, 0, 0, 0]))).toThrow(/truncated: its header announces 2 dimensions \(12 header bytes\)/);
    expect(() => parseIdx(idx(0x08, [2, 3], [1, 2, 3]))).toThrow(/truncated: shape \(2,3\) of uint8 needs 18 bytes, got 15/);
    expect(() => parseIdx(idx(0x0c, [1], [0, 0, 0, 1, 9]))).toThrow(/longer than its header says/);
    expect(() => parseIdx([0, 0, 8, 0] as never)).toThrow(/Uint8Array/);
  });
});

describe('fashionMnistFromIdx', () => {
  it('scales pixels to [0, 1] and checks the two files belong together', () => {
    const pixels = Array.from({ length: 2 * 784 }, (_, i) => i % 256);
    const { images, labels, classNames } = fashionMnistFromIdx(idx(0x08, [2, 28, 28], pixels), idx(0x08, [2], [9, 0]));
    expect([images.shape, images.dtype, labels.dtype]).toEqual([[2, 1, 28, 28], 'float32', 'int32']);
    expect(images.toTypedArray()[255]).toBe(1);
    expect(images.toTypedArray()[51]).toBeCloseTo(0.2, 7);
    expect(labels.toArray()).toEqual([9, 0]);
    expect(classNames[9]).toBe('Ankle boot');
    expect(() => fashionMnistFromIdx(idx(0x08, [2], [9, 0]), idx(0x08, [2, 28, 28], pixels))).toThrow(/not uint8 \(N, 28, 28\); are the images and labels files swapped/);
    expect(() => fashionMnistFromIdx(idx(0x08, [2, 28, 28], pixels), idx(0x08, [3], [1, 2, 3]))).toThrow(/2 images but 3 labels/);
    expect(() => fashionMnistFromIdx(idx(0x08, [2, 28, 28], pixels), idx(0x08, [2], [1, 12]))).toThrow(/label 12 at position 1 is not a class 0–9/);
  });
});

describe('loadFashionMnistSubset (bundled)', () => {
  for (const split of ['train', 'test'] as const) {
    it(`${split}: shape, balance, indices and checksums of the original pixels`, () => {
      const want = fixture[split];
      const { images, labels, classNames, indices } = loadFashionMnistSubset({ split });
      expect(images.shape).toEqual(want.shape);
      expect(images.dtype).toBe('float32');
      expect(labels.shape).toEqual([want.shape[0]]);
      expect(classNames).toEqual(fixture.classNames);
      expect(indices).toEqual(want.indices);
      const y = Array.from(labels.toTypedArray());
      expect(Array.from({ length: 10 }, (_, c) => y.filter((v) => v === c).length)).toEqual(want.classCounts);
      expect(y.slice(0, 20)).toEqual(want.firstLabels);
      // Back to the uint8 pixels the script hashed: pixel = round(255·value).
      const x = images.toTypedArray();
      const bytes = Uint8Array.from(x, (v) => Math.round(v * 255));
      expect(Math.min(...bytes.subarray(0, 784 * 10)) >= 0 && x.every((v) => v >= 0 && v <= 1)).toBe(true);
      expect(bytes.reduce((s, v) => s + v, 0)).toBe(want.pixelSum);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(want.pixelsSha256);
      expect(createHash('sha256').update(Uint8Array.from(y)).digest('hex')).toBe(want.labelsSha256);
      expect(Array.from(bytes.subarray(14 * 28, 15 * 28))).toEqual(want.firstImageRow14);
      want.firstMeans.forEach((m, i) => expect(images.select(0, i).mean().item() * 255).toBeCloseTo(m, 3));
    });
  }

  it('returns fresh tensors and rejects unknown splits', () => {
    const a = loadFashionMnistSubset();
    const b = loadFashionMnistSubset();
    expect(a.classNames).toEqual([...FASHION_MNIST_CLASSES]);
    a.indices[0] = -1;
    a.classNames[0] = 'changed';
    expect(a.images === b.images || a.images.data === b.images.data).toBe(false);
    expect([loadFashionMnistSubset().indices[0], loadFashionMnistSubset().classNames[0]]).toEqual([fixture.train.indices[0], 'T-shirt/top']);
    expect(() => loadFashionMnistSubset({ split: 'valid' as never })).toThrow(/split must be 'train' or 'test', got valid/);
  });
});

const installed = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz']
  .every((f) => existsSync(join(DEBIAN_FASHION_MNIST_DIR, f)));

describe('the real Fashion-MNIST files', () => {
  it.skipIf(!installed)('parse to the shapes in the fixture, and the subset is those files at its indices (needs apt-get install dataset-fashion-mnist)', () => {
    for (const split of ['train', 'test'] as const) {
      const prefix = split === 'train' ? 'train' : 't10k';
      const img = parseIdx(gunzipSync(readFileSync(join(DEBIAN_FASHION_MNIST_DIR, `${prefix}-images-idx3-ubyte.gz`))));
      const lab = parseIdx(gunzipSync(readFileSync(join(DEBIAN_FASHION_MNIST_DIR, `${prefix}-labels-idx1-ubyte.gz`))));
      expect(img.shape).toEqual(fixture[split].fullShape);
      expect(lab.shape).toEqual([fixture[split].fullShape[0]]);
      const sub = loadFashionMnistSubset({ split });
      const x = sub.images.toTypedArray();
      const y = sub.labels.toTypedArray();
      sub.indices.forEach((original, k) => {
        expect(y[k]).toBe(lab.data[original]);
        // Every 97th pixel of each image, to keep this quick.
        for (let p = k % 97; p < 784; p += 97) expect(Math.round(x[k * 784 + p] * 255)).toBe(img.data[original * 784 + p]);
      });
    }
  });

  it.skipIf(!installed)('loadFashionMnist reads the test split from Debian\'s folder, and plain files from a path', () => {
    const test = loadFashionMnist({ split: 'test' });
    expect([test.images.shape, test.labels.shape]).toEqual([[10000, 1, 28, 28], [10000]]);
    const dir = mkdtempSync(join(tmpdir(), 'fmnist-'));
    try {
      for (const f of ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']) {
        writeFileSync(join(dir, f), gunzipSync(readFileSync(join(DEBIAN_FASHION_MNIST_DIR, `${f}.gz`))));
      }
      const plain = loadFashionMnist({ path: dir, split: 'test' });
      expect(plain.labels.toArray()).toEqual(test.labels.toArray());
      expect(plain.images.select(0, 1234).toArray()).toEqual(test.images.select(0, 1234).toArray());
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

describe('loadFashionMnist errors', () => {
  it('names both fixes when the files are missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fmnist-empty-'));
    try {
      expect(() => loadFashionMnist({ path: dir })).toThrow(/train-images-idx3-ubyte\[\.gz\] and train-labels-idx1-ubyte\[\.gz\] not found in .*fmnist-empty-.*apt-get install dataset-fashion-mnist/);
      if (!installed) expect(() => loadFashionMnist()).toThrow(/sudo apt-get install dataset-fashion-mnist.*pass \{ path: '<folder>' \}/);
      expect(() => loadFashionMnist({ split: 'val' as never })).toThrow(/split must be 'train' or 'test'/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
