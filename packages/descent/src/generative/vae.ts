/**
 * Autoencoders and variational autoencoders (Kingma & Welling 2014, "Auto-Encoding
 * Variational Bayes").
 *
 * A VAE's encoder maps x to the mean `mu` and log-variance `logVar` of a diagonal Gaussian
 * q(z|x); the decoder maps a latent z back to x. Training maximizes the evidence lower bound
 *
 *   ELBO(x) = E_q[log p(x|z)] − KL(q(z|x) ‖ N(0, I)),
 *
 * so the loss is its negative: a reconstruction term plus the KL term. For diagonal
 * Gaussians the KL has a closed form (the paper's appendix B), and the expectation is
 * estimated with one sample drawn by the reparameterization trick, z = mu + σ·ε with
 * ε ~ N(0, I): the randomness sits in ε, so gradients flow through mu and σ.
 */
import { randn, type Tensor, type Generator } from '../tensor/index.js';
import { fmtShape } from '../tensor/shape.js';
import { Module } from '../nn/module.js';
import { Linear } from '../nn/layers/linear.js';
import { Sequential } from '../nn/layers/container.js';
import { ReLU } from '../nn/layers/activation.js';
import { binaryCrossEntropyWithLogits } from '../nn/functional/losses.js';

function sameShape(fn: string, a: Tensor, b: Tensor, names: string): void {
  if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
    throw new RangeError(`${fn}: ${names} must have one shape, got ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`);
  }
}

/**
 * z = mu + exp(logVar / 2)·ε with ε ~ N(0, I) (or the `eps` given), shape of `mu`.
 * Sampling through this formula keeps z differentiable in mu and logVar.
 *
 * ```ts
 * const z = reparameterize(mu, logVar);          // (B, k)
 * ```
 */
export function reparameterize(mu: Tensor, logVar: Tensor, options: { eps?: Tensor; generator?: Generator } = {}): Tensor {
  sameShape('reparameterize', mu, logVar, 'mu and logVar');
  const eps = options.eps ?? randn(mu.shape, { dtype: mu.dtype, ...(options.generator ? { generator: options.generator } : {}) });
  sameShape('reparameterize', mu, eps, 'mu and eps');
  return logVar.mul(0.5).exp().mul(eps).add(mu);
}

/**
 * KL(N(mu, diag exp(logVar)) ‖ N(0, I)) per sample, summed over the last axis:
 * −½ Σ_j (1 + logVar_j − mu_j² − exp(logVar_j)). mu, logVar (…, k) → (…).
 *
 * ```ts
 * gaussianKL(zeros([2, 3]), zeros([2, 3]));     // [0, 0]: q equals the prior
 * ```
 */
export function gaussianKL(mu: Tensor, logVar: Tensor): Tensor {
  sameShape('gaussianKL', mu, logVar, 'mu and logVar');
  if (mu.ndim < 1) throw new RangeError('gaussianKL: mu and logVar need a latent axis, got scalars');
  return logVar.add(1).sub(mu.square()).sub(logVar.exp()).sum(-1).mul(-0.5);
}

export interface VaeLossOptions {
  /**
   * 'bce': `output` holds logits of Bernoulli pixels in [0, 1] (binary cross-entropy);
   * 'mse': `output` is the Gaussian mean with unit variance up to a constant (squared error).
   * Default 'bce'.
   */
  reconstruction?: 'bce' | 'mse';
  /** Weight of the KL term (β-VAE, Higgins et al. 2017). Default 1: the plain negative ELBO. */
  beta?: number;
}

export interface VaeLossTerms {
  /** Mean over the batch of reconstruction + β·KL: what to call `backward()` on. */
  loss: Tensor;
  /** Mean reconstruction term (summed over features). */
  recon: Tensor;
  /** Mean KL term. */
  kl: Tensor;
}

/**
 * The negative ELBO of a batch, averaged over samples: each sample's reconstruction error
 * summed over its features plus β times its KL to the prior. output, x (B, d); mu, logVar (B, k).
 *
 * ```ts
 * const { mu, logVar } = vae.encode(x);
 * const { loss } = vaeLoss(vae.decode(reparameterize(mu, logVar)), x, mu, logVar);
 * opt.zeroGrad(); loss.backward(); opt.step();
 * ```
 */
export function vaeLoss(output: Tensor, x: Tensor, mu: Tensor, logVar: Tensor, options: VaeLossOptions = {}): VaeLossTerms {
  const { reconstruction = 'bce', beta = 1 } = options;
  if (reconstruction !== 'bce' && reconstruction !== 'mse') throw new RangeError(`vaeLoss: reconstruction must be 'bce' or 'mse', got '${String(reconstruction)}'`);
  if (!(beta >= 0) || !Number.isFinite(beta)) throw new RangeError(`vaeLoss: beta must be a finite number >= 0, got ${beta}`);
  sameShape('vaeLoss', output, x, 'output and x');
  if (output.ndim < 1 || mu.ndim < 1 || output.shape[0] !== mu.shape[0]) {
    throw new RangeError(`vaeLoss: output ${fmtShape(output.shape)} and mu ${fmtShape(mu.shape)} must share the batch axis`);
  }
  const b = output.shape[0];
  const perElement = reconstruction === 'bce'
    ? binaryCrossEntropyWithLogits(output, x, { reduction: 'none' })
    : output.sub(x).square();
  const recon = perElement.reshape([b, -1]).sum(1); // (B,)
  const kl = gaussianKL(mu.reshape([b, -1]), logVar.reshape([b, -1])); // (B,)
  return { loss: recon.add(kl.mul(beta)).mean(), recon: recon.mean(), kl: kl.mean() };
}

/**
 * A multilayer perceptron with ReLU between layers, sizes [in, h1, …, out], as a `Sequential`.
 *
 * ```ts
 * const net = mlp([2, 64, 64, 2]);   // Linear, ReLU, Linear, ReLU, Linear
 * ```
 */
export function mlp(sizes: readonly number[]): Sequential {
  if (sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
    throw new RangeError(`mlp: sizes must be at least two positive integers, got [${sizes.join(', ')}]`);
  }
  const layers: Module[] = [];
  for (let i = 1; i < sizes.length; i++) {
    if (i > 1) layers.push(new ReLU());
    layers.push(new Linear(sizes[i - 1], sizes[i]));
  }
  return new Sequential(...layers);
}

/**
 * A plain autoencoder: x (B, d) → code (B, k) → reconstruction logits (B, d). Trained with
 * the reconstruction term alone, its codes are deterministic and nothing shapes the space
 * between them, which is why decoding random codes gives poor samples (the VAE's KL fixes that).
 *
 * ```ts
 * const ae = new Autoencoder(64, [128], 2);
 * const loss = F.binaryCrossEntropyWithLogits(ae.forward(x), x);
 * ```
 */
export class Autoencoder extends Module {
  readonly encoder: Sequential;
  readonly decoder: Sequential;
  constructor(readonly inFeatures: number, readonly hidden: readonly number[], readonly latentDim: number) {
    super();
    this.encoder = mlp([inFeatures, ...hidden, latentDim]);
    this.decoder = mlp([latentDim, ...[...hidden].reverse(), inFeatures]);
  }
  encode(x: Tensor): Tensor { return this.encoder.forward(x); }
  decode(z: Tensor): Tensor { return this.decoder.forward(z); }
  forward(x: Tensor): Tensor { return this.decode(this.encode(x)); }
}

/**
 * A VAE with MLP encoder and decoder. The encoder's last layer outputs 2k numbers, split
 * into mu and logVar; `forward` samples z by reparameterization and returns everything
 * `vaeLoss` needs. The decoder outputs logits (for 'bce') or means (for 'mse').
 *
 * ```ts
 * const vae = new VAE(64, [128], 2);
 * const { output, mu, logVar } = vae.forward(x);
 * const { loss } = vaeLoss(output, x, mu, logVar);
 * const samples = vae.decode(randn([16, 2])).sigmoid();
 * ```
 */
export class VAE extends Module {
  readonly encoder: Sequential;
  readonly decoder: Sequential;
  constructor(readonly inFeatures: number, readonly hidden: readonly number[], readonly latentDim: number) {
    super();
    this.encoder = mlp([inFeatures, ...hidden, 2 * latentDim]);
    this.decoder = mlp([latentDim, ...[...hidden].reverse(), inFeatures]);
  }
  /** x (B, d) → mu, logVar (B, k). */
  encode(x: Tensor): { mu: Tensor; logVar: Tensor } {
    const h = this.encoder.forward(x); // (B, 2k)
    const k = this.latentDim;
    return { mu: h.narrow(1, 0, k), logVar: h.narrow(1, k, k) };
  }
  /** z (B, k) → decoder output (B, d). */
  decode(z: Tensor): Tensor { return this.decoder.forward(z); }
  forward(x: Tensor, generator?: Generator): { output: Tensor; mu: Tensor; logVar: Tensor; z: Tensor } {
    const { mu, logVar } = this.encode(x);
    const z = reparameterize(mu, logVar, generator ? { generator } : {});
    return { output: this.decode(z), mu, logVar, z };
  }
}
