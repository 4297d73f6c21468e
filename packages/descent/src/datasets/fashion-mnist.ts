/**
 * Fashion-MNIST (H. Xiao, K. Rasul, R. Vollgraf, "Fashion-MNIST: a Novel Image Dataset for
 * Benchmarking Machine Learning Algorithms", arXiv:1708.07747, 2017; Zalando SE, MIT
 * licence): 70,000 grayscale 28×28 images of clothing in 10 classes, a drop-in harder
 * replacement for MNIST's digits.
 *
 * The full dataset is 30 MB and stays out of the library: in Node, `loadFashionMnist` from
 * `descent/node` reads the original files; anywhere, `fashionMnistFromIdx` builds the
 * tensors from IDX bytes you fetched. A small balanced subset (1,000 training and 200
 * test images) ships with the library for lessons and tests: `loadFashionMnistSubset`.
 */
import { Tensor, tensor } from '../tensor/index.js';
import { parseIdx, type Idx } from './idx.js';
import * as subset from './data/fashion-mnist-subset.js';
import { decodeBase64 } from './base64.js';

/** The ten classes, indexed by label. */
export const FASHION_MNIST_CLASSES: readonly string[] = Object.freeze(['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot']);

export interface FashionMnist {
  /** (N, 1, 28, 28) float32, pixel / 255: 0 is background, 1 is full ink. */
  images: Tensor;
  /** (N,) int32 class indices 0–9. */
  labels: Tensor;
  classNames: string[];
}

/**
 * Images and labels from the two IDX files of one split (bytes, or already parsed),
 * checked against each other.
 *
 * ```ts
 * // In a browser: fetch and gunzip the files from the Fashion-MNIST repository first.
 * const { images, labels } = fashionMnistFromIdx(imageBytes, labelBytes);   // (10000,1,28,28), (10000,)
 * ```
 */
export function fashionMnistFromIdx(images: Uint8Array | Idx, labels: Uint8Array | Idx): FashionMnist {
  const img = images instanceof Uint8Array ? parseIdx(images) : images;
  const lab = labels instanceof Uint8Array ? parseIdx(labels) : labels;
  if (img.dtype !== 'uint8' || img.shape.length !== 3 || img.shape[1] !== 28 || img.shape[2] !== 28) {
    throw new Error(`fashionMnistFromIdx: the images file holds ${img.dtype} of shape (${img.shape.join(',')}), not uint8 (N, 28, 28); are the images and labels files swapped?`);
  }
  if (lab.dtype !== 'uint8' || lab.shape.length !== 1) throw new Error(`fashionMnistFromIdx: the labels file holds ${lab.dtype} of shape (${lab.shape.join(',')}), not uint8 (N,)`);
  if (lab.shape[0] !== img.shape[0]) throw new Error(`fashionMnistFromIdx: ${img.shape[0]} images but ${lab.shape[0]} labels; the two files must come from the same split (train-* or t10k-*)`);
  return fromPixels(img.data as Uint8Array, lab.data as Uint8Array);
}

function fromPixels(pixels: Uint8Array, labels: ArrayLike<number>): FashionMnist {
  const n = labels.length;
  const scaled = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) scaled[i] = pixels[i] / 255;
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (!(labels[i] >= 0 && labels[i] <= 9)) throw new Error(`Fashion-MNIST: label ${labels[i]} at position ${i} is not a class 0–9; the labels file is damaged`);
    y[i] = labels[i];
  }
  return {
    images: tensor(scaled).reshape([n, 1, 28, 28]),   // (N·784,) -> (N, 1, 28, 28)
    labels: tensor(y, { dtype: 'int32' }),
    classNames: [...FASHION_MNIST_CLASSES],
  };
}

/**
 * The bundled Fashion-MNIST subset: 100 images per class from the training set (1,000)
 * or 20 per class from the test set (200), drawn with a fixed seed by
 * `tools/fixtures/fashion_mnist.py` and kept in their original order. `indices` are the
 * images' positions in the original files. Decoded fresh on each call.
 *
 * ```ts
 * const { images, labels, classNames } = loadFashionMnistSubset();   // images (1000, 1, 28, 28) in [0, 1]
 * classNames[labels.toArray()[0] as number];                         // 'Ankle boot'
 * ```
 */
export function loadFashionMnistSubset(options: { split?: 'train' | 'test' } = {}): FashionMnist & { indices: number[] } {
  const split = options.split ?? 'train';
  if (split !== 'train' && split !== 'test') throw new RangeError(`loadFashionMnistSubset: split must be 'train' or 'test', got ${String(split)}`);
  const pixels = decodeBase64(split === 'train' ? subset.trainPixels : subset.testPixels);
  const labels = Array.from(split === 'train' ? subset.trainLabels : subset.testLabels, Number);
  return { ...fromPixels(pixels, labels), indices: [...(split === 'train' ? subset.trainIndices : subset.testIndices)] };
}
