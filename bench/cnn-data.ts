// The bench CNN and its images, apart from bench/training.ts so that code which only trains
// the CNN (the data-parallel ranks of bench/distributed-rank.ts) does not load TensorFlow.js:
// tfjs-layers adds about 36 MB to each thread's JavaScript heap, and every full collection
// marks all of it.
import { existsSync } from 'node:fs';
import { Generator } from '../packages/descent/src/random/index.js';
import { Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential } from '../packages/descent/src/nn/index.js';
import { DEBIAN_FASHION_MNIST_DIR, loadFashionMnist } from '../packages/descent/src/node/index.js';

/** conv 1→8 3×3, ReLU, max-pool 2, conv 8→16 3×3, ReLU, max-pool 2, linear 400→10. */
export function buildCnn(): Sequential {
  return new Sequential(
    new Conv2d(1, 8, 3), new ReLU(), new MaxPool2d(2),      // (N,1,28,28) → (N,8,26,26) → (N,8,13,13)
    new Conv2d(8, 16, 3), new ReLU(), new MaxPool2d(2),     // → (N,16,11,11) → (N,16,5,5)
    new Flatten(), new Linear(400, 10),                     // → (N,400) → (N,10)
  );
}

/** 10,000 images: Fashion-MNIST's first training images, or seeded class templates plus noise. */
export function images28(): { X: Float32Array; y: Int32Array; data: string } {
  const N = 10_000;
  if (existsSync(`${DEBIAN_FASHION_MNIST_DIR}/train-images-idx3-ubyte.gz`)) {
    const { images, labels } = loadFashionMnist({ split: 'train' });
    return {
      X: images.narrow(0, 0, N).contiguous().toTypedArray() as Float32Array,
      y: labels.narrow(0, 0, N).contiguous().toTypedArray() as Int32Array,
      data: 'Fashion-MNIST, first 10,000 training images (Debian dataset-fashion-mnist)',
    };
  }
  // No dataset: ten random binary templates, each image one of them (0.6) plus noise (0.4).
  const g = new Generator(7);
  const templates = Array.from({ length: 10 }, () => Float32Array.from({ length: 784 }, () => (g.random() < 0.3 ? 1 : 0)));
  const X = new Float32Array(N * 784);
  const y = new Int32Array(N);
  for (let n = 0; n < N; n++) {
    y[n] = g.integers(0, 10);
    for (let p = 0; p < 784; p++) X[n * 784 + p] = 0.6 * templates[y[n]][p] + 0.4 * g.random();
  }
  return { X, y, data: 'synthetic 28×28 (seeded class templates + noise; Fashion-MNIST not installed)' };
}

