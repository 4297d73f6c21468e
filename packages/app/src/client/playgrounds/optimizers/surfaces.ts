/**
 * The optimizer race's 2-D loss surfaces. Each formula is written once with tensor ops:
 * autograd differentiates it for the optimizers, and the same function evaluated on a
 * whole grid of points at once paints the contour picture.
 */
import { tensor, type Tensor } from 'descent/tensor';

export interface Surface {
  name: SurfaceName;
  label: string;
  /** The formula as shown to the learner. */
  formula: string;
  /** f(x, y) elementwise over tensors of any (matching) shape. */
  f: (x: Tensor, y: Tensor) => Tensor;
  /** The picture's extent. */
  xRange: [number, number];
  yRange: [number, number];
  /** Where the race starts until the learner clicks elsewhere. */
  start: [number, number];
  /** Global minima, marked on the picture. */
  minima: [number, number][];
  /** A learning rate per optimizer that makes a fair, visible race here. */
  lr: Record<OptimizerName, number>;
}

export const OPTIMIZER_NAMES = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam', 'adamw'] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

export const SURFACE_NAMES = ['bowl', 'rosenbrock', 'himmelblau', 'saddle'] as const;
export type SurfaceName = (typeof SURFACE_NAMES)[number];

export const SURFACES: Record<SurfaceName, Surface> = {
  bowl: {
    name: 'bowl',
    label: 'Narrow bowl (condition number 25)',
    formula: 'f(x, y) = 0.1·x² + 2.5·y²',
    f: (x, y) => x.square().mul(0.1).add(y.square().mul(2.5)),
    xRange: [-10, 10], yRange: [-5, 5],
    start: [-9, 3.5],
    minima: [[0, 0]],
    lr: { sgd: 0.3, momentum: 0.03, nesterov: 0.03, rmsprop: 0.1, adam: 0.3, adamw: 0.3 },
  },
  rosenbrock: {
    name: 'rosenbrock',
    label: 'Rosenbrock (a curved valley)',
    formula: 'f(x, y) = (1 − x)² + 100·(y − x²)²',
    f: (x, y) => x.neg().add(1).square().add(y.sub(x.square()).square().mul(100)),
    xRange: [-2, 2], yRange: [-1, 3],
    start: [-1.5, 2.5],
    minima: [[1, 1]],
    lr: { sgd: 0.002, momentum: 0.0005, nesterov: 0.0005, rmsprop: 0.01, adam: 0.1, adamw: 0.1 },
  },
  himmelblau: {
    name: 'himmelblau',
    label: 'Himmelblau (four minima)',
    formula: 'f(x, y) = (x² + y − 11)² + (x + y² − 7)²',
    f: (x, y) => x.square().add(y).sub(11).square().add(x.add(y.square()).sub(7).square()),
    xRange: [-5, 5], yRange: [-5, 5],
    start: [-0.3, -0.9],
    minima: [[3, 2], [-2.805118, 3.131312], [-3.77931, -3.283186], [3.584428, -1.848126]],
    lr: { sgd: 0.01, momentum: 0.003, nesterov: 0.003, rmsprop: 0.03, adam: 0.1, adamw: 0.1 },
  },
  saddle: {
    name: 'saddle',
    label: 'Saddle point',
    formula: 'f(x, y) = x² + ¼·y⁴ − ½·y²',
    f: (x, y) => x.square().add(y.pow(4).mul(0.25)).sub(y.square().mul(0.5)),
    xRange: [-2, 2], yRange: [-2, 2],
    start: [-1.8, 0.001],
    minima: [[0, 1], [0, -1]],
    lr: { sgd: 0.05, momentum: 0.01, nesterov: 0.01, rmsprop: 0.01, adam: 0.03, adamw: 0.03 },
  },
};

/**
 * f over a res × res grid covering the surface's extent, row 0 at the top (largest y),
 * computed in one vectorized call. Returns float64 values, row-major.
 *
 * ```ts
 * const z = surfaceGrid(SURFACES.rosenbrock, 100); // 10 000 values
 * ```
 */
export function surfaceGrid(s: Surface, res: number): Float64Array {
  const xs = new Float64Array(res * res);
  const ys = new Float64Array(res * res);
  const [x0, x1] = s.xRange;
  const [y0, y1] = s.yRange;
  for (let r = 0; r < res; r++) {
    for (let c = 0; c < res; c++) {
      xs[r * res + c] = x0 + ((c + 0.5) / res) * (x1 - x0);
      ys[r * res + c] = y1 - ((r + 0.5) / res) * (y1 - y0);
    }
  }
  return s.f(tensor(xs), tensor(ys)).toTypedArray() as Float64Array;
}

/**
 * Contour bands: each value's level on a log scale, log(1 + f − min), cut into `levels`
 * equal bands over the grid's range. Banding (rather than a smooth ramp) reads as contour
 * lines without tracing them.
 *
 * ```ts
 * bandLevels(Float64Array.from([0, 1, 10, 100]), 4); // [0, 0, 0.67, 1]: equal steps of log(1 + f)
 * ```
 */
export function bandLevels(z: Float64Array, levels: number): Float64Array {
  let lo = Infinity;
  for (const v of z) if (v < lo) lo = v;
  const t = z.map((v) => Math.log1p(v - lo));
  let hi = 0;
  for (const v of t) if (v > hi) hi = v;
  return t.map((v) => Math.min(levels - 1, Math.floor((v / (hi || 1)) * levels)) / (levels - 1));
}
