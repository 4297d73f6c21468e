/**
 * Low-rank adaptation (Hu et al. 2021, "LoRA"): fine-tune a frozen weight W (out, in) by
 * learning a low-rank update B·A, B (out, r), A (r, in), r ≪ min(in, out):
 *
 *   y = x·Wᵀ + b + (x·Aᵀ·Bᵀ)·α/r
 *
 * Only A and B train (r·(in + out) numbers instead of in·out). B starts at zero, so training
 * starts from the base model exactly; A starts Kaiming-uniform (a = √5) like a Linear
 * weight, as in Hugging Face's peft. Scaling by α/r keeps the update's size roughly
 * independent of r. `merge()` folds B·A·α/r into W for inference with no extra cost;
 * `unmerge()` takes it out again. Names lora_A and lora_B follow peft.
 */
import { Tensor, noGrad, zeros } from '../../tensor/index.js';
import { Module, Parameter } from '../module.js';
import { kaimingUniform } from '../init.js';
import { linear } from '../functional/activations.js';
import type { Generator } from '../../random/index.js';
import { dropout } from './dropout.js';
import type { Linear } from './linear.js';

export interface LoRAOptions {
  /** Rank of the update (default 8). */
  r?: number;
  /** The update is scaled by alpha / r (default alpha = r, a scale of 1). */
  alpha?: number;
  /** Dropout on the input of the low-rank path, in training (default 0), as peft's lora_dropout. */
  dropout?: number;
  generator?: Generator;
}

/**
 * Wraps `base` (its weight and bias are frozen: requiresGrad set to false) with a trainable
 * low-rank update.
 *
 * ```ts
 * const fc = new Linear(64, 64);
 * const lora = new LoRALinear(fc, { r: 4, alpha: 8 });
 * lora.parameters().filter((p) => p.requiresGrad).length;   // 2: lora_A and lora_B
 * lora.merge();                                              // fc.weight now holds W + B·A·2
 * ```
 */
export class LoRALinear extends Module {
  base: Linear;
  lora_A: Parameter;
  lora_B: Parameter;
  readonly r: number;
  readonly alpha: number;
  readonly scaling: number;
  readonly dropout: number;
  private readonly generator: Generator | undefined;
  private mergedState = false;

  constructor(base: Linear, options: LoRAOptions = {}) {
    super();
    const r = options.r ?? 8;
    const alpha = options.alpha ?? r;
    if (!Number.isInteger(r) || r < 1) throw new RangeError(`LoRALinear: r must be an integer >= 1, got ${r}`);
    if (!Number.isFinite(alpha)) throw new RangeError(`LoRALinear: alpha must be a finite number, got ${alpha}`);
    const p = options.dropout ?? 0;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`LoRALinear: dropout must be a probability in [0, 1], got ${p}`);
    this.dropout = p;
    this.generator = options.generator;
    this.base = base;
    this.r = r;
    this.alpha = alpha;
    this.scaling = alpha / r;
    base.weight.requiresGrad = false;
    if (base.bias) base.bias.requiresGrad = false;
    const dtype = base.weight.dtype;
    this.lora_A = new Parameter(kaimingUniform([r, base.inFeatures], { a: Math.sqrt(5), dtype }));
    this.lora_B = new Parameter(zeros([base.outFeatures, r], { dtype }));
  }

  /** Whether B·A·α/r is currently folded into the base weight. */
  get merged(): boolean {
    return this.mergedState;
  }

  forward(x: Tensor): Tensor {
    const y = this.base.forward(x);
    if (this.mergedState) return y;
    // (…, in) -> (…, r) -> (…, out)
    const xd = dropout(x, this.dropout, this.training, this.generator);
    return y.add(linear(linear(xd, this.lora_A), this.lora_B).mul(this.scaling));
  }

  /** The update B·A·α/r (out, in), detached. */
  deltaWeight(): Tensor {
    return noGrad(() => this.lora_B.matmul(this.lora_A).mul(this.scaling));
  }

  /** Adds the update into the base weight; forward then runs the base layer alone. */
  merge(): this {
    if (this.mergedState) throw new Error('LoRALinear.merge: already merged; call unmerge() first');
    noGrad(() => this.base.weight.add_(this.deltaWeight()));
    this.mergedState = true;
    return this;
  }

  /** Subtracts the update from the base weight again (exact up to rounding). */
  unmerge(): this {
    if (!this.mergedState) throw new Error('LoRALinear.unmerge: not merged; call merge() first');
    noGrad(() => this.base.weight.sub_(this.deltaWeight()));
    this.mergedState = false;
    return this;
  }

  protected override extraRepr(): string {
    return `r=${this.r}, alpha=${this.alpha}${this.mergedState ? ', merged' : ''}`;
  }
}

