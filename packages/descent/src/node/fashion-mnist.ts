/**
 * Loading the full Fashion-MNIST from disk, in Node. The library proper never touches the
 * file system; this subpath (`descent/node`) is the one place that does.
 *
 * It looks for the four original IDX files (`train-images-idx3-ubyte`, `train-labels-idx1-ubyte`,
 * `t10k-images-idx3-ubyte`, `t10k-labels-idx1-ubyte`, each optionally `.gz`) in `path`, or
 * else where Debian's `dataset-fashion-mnist` package puts them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fashionMnistFromIdx, type FashionMnist } from '../datasets/fashion-mnist.js';

/** Where `apt-get install dataset-fashion-mnist` puts the gzipped files. */
export const DEBIAN_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

export interface LoadFashionMnistOptions {
  /** A folder holding the IDX files (gzipped or not); default: Debian's package folder. */
  path?: string;
  /** 'train' (60,000 images) or 'test' (10,000); default 'train'. */
  split?: 'train' | 'test';
}

function readIdxFile(dir: string, base: string): Uint8Array | null {
  for (const name of [base, `${base}.gz`]) {
    const file = join(dir, name);
    if (!existsSync(file)) continue;
    const bytes = readFileSync(file);
    // Decide by content, not by name: a .gz name on an uncompressed file still loads.
    return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  }
  return null;
}

/**
 * Fashion-MNIST's training (60,000) or test (10,000) split as tensors: images
 * (N, 1, 28, 28) float32 in [0, 1], labels (N,) int32, and the class names.
 *
 * ```ts
 * import { loadFashionMnist } from 'descent/node';
 * const { images, labels, classNames } = loadFashionMnist({ split: 'test' });   // (10000, 1, 28, 28)
 * const mine = loadFashionMnist({ path: './data/fashion', split: 'train' });
 * ```
 */
export function loadFashionMnist(options: LoadFashionMnistOptions = {}): FashionMnist {
  const split = options.split ?? 'train';
  if (split !== 'train' && split !== 'test') throw new RangeError(`loadFashionMnist: split must be 'train' or 'test', got ${String(split)}`);
  const dir = options.path ?? DEBIAN_FASHION_MNIST_DIR;
  const prefix = split === 'train' ? 'train' : 't10k';
  const images = readIdxFile(dir, `${prefix}-images-idx3-ubyte`);
  const labels = readIdxFile(dir, `${prefix}-labels-idx1-ubyte`);
  if (!images || !labels) {
    const missing = [!images && `${prefix}-images-idx3-ubyte[.gz]`, !labels && `${prefix}-labels-idx1-ubyte[.gz]`].filter(Boolean).join(' and ');
    const fix = options.path === undefined
      ? `Install Debian's package (sudo apt-get install dataset-fashion-mnist), or download the files from https://github.com/zalandoresearch/fashion-mnist and pass { path: '<folder>' }`
      : `Check the folder, or leave out path to use Debian's package (sudo apt-get install dataset-fashion-mnist)`;
    throw new Error(`loadFashionMnist: ${missing} not found in ${dir}. ${fix}. (loadFashionMnistSubset() from descent/datasets needs no files.)`);
  }
  return fashionMnistFromIdx(images, labels);
}
