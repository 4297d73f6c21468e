/**
 * Normalizing flows with affine coupling layers (Dinh, Sohl-Dickstein & Bengio 2017, "Density
 * estimation using Real NVP").
 *
 * A flow is an invertible map f from data x to a latent z with a simple density, here
 * N(0, I). The change-of-variables formula gives the exact log-likelihood
 *
 *   log p(x) = log N(f(x); 0, I) + log |det ∂f/∂x|,
 *
 * so a flow trains by maximum likelihood and samples by x = f⁻¹(z), z ~ N(0, I). The trick is
 * choosing layers whose inverse and Jacobian determinant are cheap. An affine coupling layer
 * leaves the coordinates picked by a binary mask m alone and transforms the others with a scale
 * and shift computed from the kept ones:
 *
 *   y = m⊙x + (1 − m)⊙(x⊙exp(s(m⊙x)) + t(m⊙x)).
 *
 * Its Jacobian is triangular with diagonal 1 on the kept coordinates and exp(s) on the others,
 * so log |det| = Σ (1 − m)⊙s, and the inverse is x = m⊙y + (1 − m)⊙((y − t)⊙exp(−s)), with
 * s and t read from m⊙y = m⊙x. The networks s and t never have to be inverted, so they can be
 * any MLP. Alternating masks let every coordinate be transformed by some layer.
 */
import { tensor, randn, noGrad, type Tensor, type Generator, type DType } from '../tensor/index.js';
import { fmtShape } from '../tensor/shape.js';
import { Module } from '../nn/module.js';
import { Linear } from '../nn/layers/linear.js';
import { Sequential, ModuleList } from '../nn/layers/container.js';
import { ReLU } from '../nn/layers/activation.js';

export interface CouplingOptions {
  /** Width of the two hidden layers of the conditioner network. Default 64. */
  hidden?: number;
  /** Parameter dtype. Default 'float32'. */
  dtype?: 'float32' | 'float64';
}

function checkInput(fn: string, x: Tensor, dim: number): void {
  if (x.ndim !== 2 || x.shape[1] !== dim) throw new RangeError(`${fn}: expected input (B, ${dim}), got ${fmtShape(x.shape)}`);
}

/**
 * One affine coupling layer on `dim` coordinates with a fixed 0/1 `mask` (1 = passed through).
 * A single MLP `net` (dim → hidden → hidden → 2·dim, ReLU) reads m⊙x and outputs the raw log-scale
 * and the shift; the log-scale goes through tanh so one layer scales by at most e^±1, which keeps
 * early training from blowing up exp(s) (Dinh et al. §4.1 bound it the same way with tanh).
 *
 * ```ts
 * const layer = new AffineCoupling(2, [1, 0]);
 * const { y, logDet } = layer.forward(x);   // x (B, 2) → y (B, 2), logDet (B,)
 * layer.inverse(y);                         // x again, up to rounding
 * ```
 */
export class AffineCoupling extends Module {
  readonly net: Sequential;
  readonly mask: readonly number[];
  readonly dtype: DType;
  constructor(readonly dim: number, mask: readonly number[], options: CouplingOptions = {}) {
    super();
    const { hidden = 64, dtype = 'float32' } = options;
    if (!Number.isInteger(dim) || dim < 2) throw new RangeError(`AffineCoupling: dim must be an integer >= 2, got ${dim}`);
    if (mask.length !== dim || mask.some((v) => v !== 0 && v !== 1) || !mask.includes(0) || !mask.includes(1)) {
      throw new RangeError(`AffineCoupling: mask must be ${dim} zeros and ones with at least one of each, got [${mask.join(', ')}]`);
    }
    if (!Number.isInteger(hidden) || hidden < 1) throw new RangeError(`AffineCoupling: hidden must be a positive integer, got ${hidden}`);
    this.mask = [...mask];
    this.dtype = dtype;
    this.net = new Sequential(new Linear(dim, hidden, { dtype }), new ReLU(), new Linear(hidden, hidden, { dtype }), new ReLU(), new Linear(hidden, 2 * dim, { dtype }));
  }

  /** The log-scale s and shift t for the kept coordinates `kept` = m⊙x, both zero where m = 1. */
  private scaleShift(kept: Tensor): { s: Tensor; t: Tensor } {
    const free = tensor(this.mask.map((v) => 1 - v), { dtype: kept.dtype }).reshape([1, this.dim]);
    const h = this.net.forward(kept); // (B, 2·dim)
    return { s: h.narrow(1, 0, this.dim).tanh().mul(free), t: h.narrow(1, this.dim, this.dim).mul(free) };
  }

  /** Data → latent direction: y and log |det ∂y/∂x| per row. x (B, dim) → y (B, dim), logDet (B,). */
  forward(x: Tensor): { y: Tensor; logDet: Tensor } {
    checkInput('AffineCoupling.forward', x, this.dim);
    const m = tensor([...this.mask], { dtype: x.dtype }).reshape([1, this.dim]);
    const { s, t } = this.scaleShift(x.mul(m));
    // On kept coordinates s = t = 0, so x·exp(s) + t is x there: one formula covers both parts.
    return { y: x.mul(s.exp()).add(t), logDet: s.sum(1) };
  }

  /** Latent → data direction, the exact inverse of `forward`. y (B, dim) → x (B, dim). */
  inverse(y: Tensor): Tensor {
    checkInput('AffineCoupling.inverse', y, this.dim);
    const m = tensor([...this.mask], { dtype: y.dtype }).reshape([1, this.dim]);
    const { s, t } = this.scaleShift(y.mul(m));
    return y.sub(t).mul(s.neg().exp());
  }
}

export interface RealNVPOptions extends CouplingOptions {
  /** Number of coupling layers, masks alternating between even and odd coordinates. Default 6. */
  layers?: number;
}

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * A RealNVP flow: a stack of affine coupling layers with alternating masks ([1, 0, 1, …], then
 * [0, 1, 0, …]) and a standard-normal base density. Exact log-likelihood with `logProb`,
 * sampling with `sample`; train by minimizing `logProb(x).mean().neg()`.
 *
 * ```ts
 * const flow = new RealNVP(2, { layers: 6, hidden: 64 });
 * const loss = flow.logProb(batch).mean().neg();   // negative log-likelihood, nats per point
 * opt.zeroGrad(); loss.backward(); opt.step();
 * const samples = flow.sample(500);                // (500, 2)
 * ```
 */
export class RealNVP extends Module {
  readonly couplings: ModuleList<AffineCoupling>;
  constructor(readonly dim: number, options: RealNVPOptions = {}) {
    super();
    const { layers = 6, ...rest } = options;
    if (!Number.isInteger(layers) || layers < 1) throw new RangeError(`RealNVP: layers must be a positive integer, got ${layers}`);
    this.couplings = new ModuleList(Array.from({ length: layers }, (_, k) =>
      new AffineCoupling(dim, Array.from({ length: dim }, (_, j) => ((j + k) % 2 === 0 ? 1 : 0)), rest)));
  }

  private layers(): AffineCoupling[] { return Array.from({ length: this.couplings.length }, (_, i) => this.couplings[i]); }

  /** Data → latent: z = f(x) and the summed log |det| of every layer. x (B, dim) → z (B, dim), logDet (B,). */
  forward(x: Tensor): { z: Tensor; logDet: Tensor } {
    checkInput('RealNVP.forward', x, this.dim);
    let z = x;
    let logDet: Tensor | null = null;
    for (const layer of this.layers()) {
      const out = layer.forward(z);
      z = out.y;
      logDet = logDet ? logDet.add(out.logDet) : out.logDet;
    }
    return { z, logDet: logDet! };
  }

  /** Latent → data: x = f⁻¹(z), the layers undone in reverse order. z (B, dim) → x (B, dim). */
  inverse(z: Tensor): Tensor {
    checkInput('RealNVP.inverse', z, this.dim);
    let x = z;
    for (const layer of [...this.layers()].reverse()) x = layer.inverse(x);
    return x;
  }

  /**
   * Exact log-density of each row, log N(f(x); 0, I) + log |det ∂f/∂x|, in nats. x (B, dim) → (B,).
   *
   * ```ts
   * flow.logProb(heldOut).mean().item();   // average held-out log-likelihood
   * ```
   */
  logProb(x: Tensor): Tensor {
    const { z, logDet } = this.forward(x);
    return z.square().sum(1).add(this.dim * LOG_2PI).mul(-0.5).add(logDet);
  }

  /**
   * n samples: z ~ N(0, I) pushed through the inverse, without recording gradients.
   *
   * ```ts
   * flow.sample(500, { generator: new Generator(0) });   // (500, dim)
   * ```
   */
  sample(n: number, options: { generator?: Generator } = {}): Tensor {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`RealNVP.sample: n must be a positive integer, got ${n}`);
    const dtype = this.layers()[0].dtype;
    return noGrad(() => this.inverse(randn([n, this.dim], { dtype, ...(options.generator ? { generator: options.generator } : {}) })));
  }
}

/**
 * Log-density of each row under the Gaussian fitted to `data` by maximum likelihood: the baseline
 * a flow must beat. By default N(mean, diag(std²)); with `fullCovariance` N(mean, Σ), Σ the
 * sample covariance (divided by n), scored through its Cholesky factor. data, x (·, d) → (B,).
 *
 * ```ts
 * gaussianLogProb(train, heldOut).mean().item();                           // nats per point
 * gaussianLogProb(train, heldOut, { fullCovariance: true }).mean().item(); // the stronger baseline
 * ```
 */
export function gaussianLogProb(data: Tensor, x: Tensor, options: { fullCovariance?: boolean } = {}): Tensor {
  if (data.ndim !== 2 || x.ndim !== 2 || data.shape[1] !== x.shape[1] || data.shape[0] < 2) {
    throw new RangeError(`gaussianLogProb: data (n >= 2, d) and x (B, d) must share d, got ${fmtShape(data.shape)} and ${fmtShape(x.shape)}`);
  }
  const d = data.shape[1];
  const mu = data.mean(0);
  const centred = data.sub(mu);
  const xc = x.sub(mu);
  if (!options.fullCovariance) {
    const v = centred.square().mean(0); // maximum-likelihood variances
    return xc.square().div(v).sum(1).add(v.log().sum().add(d * LOG_2PI)).mul(-0.5);
  }
  // Full covariance via its Cholesky factor L: log N = −½(‖L⁻¹(x − μ)‖² + 2 Σ log L_ii + d log 2π).
  const cov = centred.T.matmul(centred).div(data.shape[0]).toArray() as number[][];
  const L = cov.map(() => new Array<number>(d).fill(0));
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = cov[i][j];
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      L[i][j] = i === j ? Math.sqrt(s) : s / L[j][j];
    }
  }
  const rows = xc.toArray() as number[][];
  const out = rows.map((r) => {
    const w = new Array<number>(d).fill(0);
    let q = 0;
    for (let i = 0; i < d; i++) {
      let s = r[i];
      for (let k = 0; k < i; k++) s -= L[i][k] * w[k];
      w[i] = s / L[i][i];
      q += w[i] ** 2;
    }
    return -0.5 * (q + 2 * L.reduce((a, l, i) => a + Math.log(l[i]), 0) + d * LOG_2PI);
  });
  return tensor(out, { dtype: x.dtype });
}
