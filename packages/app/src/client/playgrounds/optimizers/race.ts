/**
 * One racer per optimizer: a 2-element parameter θ = (x, y) updated by the real
 * `descent/optim` class, with the gradient of the surface from autograd.
 */
import { tensor, type Tensor } from 'descent/tensor';
import { Adam, AdamW, RMSprop, SGD, type Optimizer } from 'descent/optim';
import type { OptimizerName, Surface } from './surfaces.js';

export const OPTIMIZER_INFO: Record<OptimizerName, { label: string; detail: string; make: (p: Tensor[], lr: number) => Optimizer<{ lr: number }> }> = {
  sgd: { label: 'SGD', detail: 'plain gradient descent', make: (p, lr) => new SGD(p, { lr }) },
  momentum: { label: 'Momentum', detail: 'SGD, momentum 0.9', make: (p, lr) => new SGD(p, { lr, momentum: 0.9 }) },
  nesterov: { label: 'Nesterov', detail: 'SGD, Nesterov momentum 0.9', make: (p, lr) => new SGD(p, { lr, momentum: 0.9, nesterov: true }) },
  rmsprop: { label: 'RMSprop', detail: 'α = 0.99', make: (p, lr) => new RMSprop(p, { lr }) },
  adam: { label: 'Adam', detail: 'β = (0.9, 0.999)', make: (p, lr) => new Adam(p, { lr }) },
  adamw: { label: 'AdamW', detail: 'weight decay 0.01', make: (p, lr) => new AdamW(p, { lr }) },
};

/** Once |θ| passes this many picture-widths from the centre, the racer has diverged. */
const ESCAPE = 50;

/**
 * A single optimizer's run on a surface.
 *
 * ```ts
 * const r = new Racer('adam', SURFACES.rosenbrock, [-1.5, 2.5], 0.03);
 * for (let i = 0; i < 100; i++) r.step();
 * r.path.length; // 101 points, the start included
 * ```
 */
export class Racer {
  readonly theta: Tensor;
  readonly path: [number, number][];
  loss: number;
  steps = 0;
  diverged = false;
  private readonly opt: Optimizer<{ lr: number }>;

  constructor(readonly name: OptimizerName, readonly surface: Surface, start: [number, number], readonly lr: number) {
    this.theta = tensor(start, { dtype: 'float64' }).requiresGrad_();
    this.opt = OPTIMIZER_INFO[name].make([this.theta], lr);
    this.path = [[start[0], start[1]]];
    this.loss = this.value();
  }

  /** f at the current θ. */
  private value(): number {
    return this.surface.f(this.theta.select(0, 0).detach(), this.theta.select(0, 1).detach()).item();
  }

  /** One optimizer step; returns false (and stops) once the run has diverged. */
  step(): boolean {
    if (this.diverged) return false;
    const loss = this.surface.f(this.theta.select(0, 0), this.theta.select(0, 1));
    this.opt.zeroGrad();
    loss.backward();
    this.opt.step();
    this.steps++;
    const [x, y] = this.theta.toArray() as number[];
    this.loss = this.value();
    const width = this.surface.xRange[1] - this.surface.xRange[0];
    if (!Number.isFinite(this.loss) || !Number.isFinite(x) || !Number.isFinite(y) || Math.hypot(x, y) > ESCAPE * width) {
      this.diverged = true;
      return false;
    }
    this.path.push([x, y]);
    return true;
  }
}
