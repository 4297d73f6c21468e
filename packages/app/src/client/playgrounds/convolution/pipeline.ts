/**
 * The convolution explorer's computation: an 8×8 digit through one 3×3 convolution
 * (`F.conv2d`), a ReLU and a 2×2 max-pool (`F.maxPool2d`), each stage returned as a
 * plain grid for drawing. Pixel counts 0..16 are scaled to [0, 1] first.
 */
import { tensor } from 'descent/tensor';
import { F } from 'descent/nn';

export type Grid = number[][];

export const KERNEL_NAMES = ['edge-x', 'edge-y', 'sobel-x', 'sobel-y', 'blur', 'sharpen', 'emboss', 'outline', 'identity', 'custom'] as const;
export type KernelName = (typeof KERNEL_NAMES)[number];

/** The preset kernels (as cross-correlation weights, the way conv2d applies them). */
export const KERNELS: Record<Exclude<KernelName, 'custom'>, { label: string; weights: Grid; about: string }> = {
  'edge-x': { label: 'Edges, left to right', weights: [[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]], about: 'Prewitt: responds where brightness rises from left to right (vertical strokes).' },
  'edge-y': { label: 'Edges, top to bottom', weights: [[-1, -1, -1], [0, 0, 0], [1, 1, 1]], about: 'Prewitt: responds where brightness rises from top to bottom (horizontal strokes).' },
  'sobel-x': { label: 'Sobel x', weights: [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], about: 'Like the left-to-right edge kernel, weighting the centre row twice.' },
  'sobel-y': { label: 'Sobel y', weights: [[-1, -2, -1], [0, 0, 0], [1, 2, 1]], about: 'Like the top-to-bottom edge kernel, weighting the centre column twice.' },
  blur: { label: 'Blur (Gaussian)', weights: [[1 / 16, 2 / 16, 1 / 16], [2 / 16, 4 / 16, 2 / 16], [1 / 16, 2 / 16, 1 / 16]], about: 'A weighted average of the neighbourhood: smooths strokes.' },
  sharpen: { label: 'Sharpen', weights: [[0, -1, 0], [-1, 5, -1], [0, -1, 0]], about: 'The pixel minus its neighbours\' excess: strengthens contrast.' },
  emboss: { label: 'Emboss', weights: [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]], about: 'A diagonal edge detector plus the pixel: looks lit from the lower right.' },
  outline: { label: 'Outline (Laplacian)', weights: [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]], about: 'Eight times the pixel minus its neighbours: zero on flat areas, large on edges.' },
  identity: { label: 'Identity', weights: [[0, 0, 0], [0, 1, 0], [0, 0, 0]], about: 'Copies the input (a sanity check of the machinery).' },
};

export interface Stages {
  input: Grid;
  conv: Grid;
  relu: Grid;
  pooled: Grid;
}

/**
 * Runs an image through conv → ReLU → 2×2 max-pool. The pool is skipped (an empty grid)
 * when the feature map is smaller than 2×2.
 *
 * ```ts
 * const s = runStages(loadDigits().images[0], KERNELS['sobel-x'].weights, { stride: 1, padding: 1 });
 * s.conv.length; // 8: padding 1 keeps the size
 * ```
 */
export function runStages(image: Grid, kernel: Grid, o: { stride: number; padding: number }): Stages {
  const H = image.length;
  const W = image[0].length;
  const input = image.map((row) => row.map((v) => v / 16));
  // (1, 1, H, W) input and (1, 1, 3, 3) weight: one image, one channel, one filter.
  const x = tensor(input).reshape([1, 1, H, W]);
  const w = tensor(kernel).reshape([1, 1, kernel.length, kernel[0].length]);
  const conv = F.conv2d(x, w, null, { stride: o.stride, padding: o.padding });
  const relu = conv.relu();
  const [, , Ho, Wo] = conv.shape;
  const pooled = Ho >= 2 && Wo >= 2 ? F.maxPool2d(relu, 2) : null;
  const toGrid = (t: typeof conv) => (t.reshape([t.shape[2], t.shape[3]]).toArray() as Grid);
  return { input, conv: toGrid(conv), relu: toGrid(relu), pooled: pooled ? toGrid(pooled) : [] };
}

/**
 * The input window behind output cell (i, j): the rows and columns it covers (some may lie
 * in the zero padding, outside 0..H-1), and the products the cell sums.
 *
 * ```ts
 * const rf = receptiveField(s.input, k, 0, 0, { stride: 1, padding: 1 });
 * rf.terms.reduce((a, t) => a + t.x * t.w, 0); // equals s.conv[0][0]
 * ```
 */
export function receptiveField(input: Grid, kernel: Grid, i: number, j: number, o: { stride: number; padding: number }): { top: number; left: number; terms: { r: number; c: number; x: number; w: number }[] } {
  const top = i * o.stride - o.padding;
  const left = j * o.stride - o.padding;
  const terms: { r: number; c: number; x: number; w: number }[] = [];
  for (let a = 0; a < kernel.length; a++) {
    for (let b = 0; b < kernel[0].length; b++) {
      const r = top + a;
      const c = left + b;
      const inside = r >= 0 && r < input.length && c >= 0 && c < input[0].length;
      terms.push({ r, c, x: inside ? input[r][c] : 0, w: kernel[a][b] });
    }
  }
  return { top, left, terms };
}

/**
 * Parses a kernel cell typed by the learner: a number or a fraction like "1/9"; null if neither.
 *
 * ```ts
 * parseWeight('-1/4'); // -0.25
 * parseWeight('x');    // null
 * ```
 */
export function parseWeight(text: string): number | null {
  const t = text.trim();
  const frac = /^(-?\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(t);
  if (frac) return Number(frac[2]) === 0 ? null : Number(frac[1]) / Number(frac[2]);
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return null;
  return Number(t);
}
