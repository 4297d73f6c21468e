/** Activation layers: thin modules around the functions in `functional/activations.ts`. */
import type { Tensor } from '../../tensor/index.js';
import { Module } from '../module.js';
import * as F from '../functional/activations.js';

export class ReLU extends Module {
  forward(x: Tensor): Tensor { return F.relu(x); }
}

export class LeakyReLU extends Module {
  constructor(readonly negativeSlope = 0.01) { super(); }
  forward(x: Tensor): Tensor { return F.leakyRelu(x, this.negativeSlope); }
  protected override extraRepr(): string { return `negativeSlope=${this.negativeSlope}`; }
}

export class ELU extends Module {
  constructor(readonly alpha = 1) { super(); }
  forward(x: Tensor): Tensor { return F.elu(x, this.alpha); }
  protected override extraRepr(): string { return `alpha=${this.alpha}`; }
}

export class GELU extends Module {
  constructor(readonly approximate: 'none' | 'tanh' = 'none') { super(); }
  forward(x: Tensor): Tensor { return F.gelu(x, this.approximate); }
  protected override extraRepr(): string { return `approximate='${this.approximate}'`; }
}

export class SiLU extends Module {
  forward(x: Tensor): Tensor { return F.silu(x); }
}

/** Swish is SiLU (Ramachandran et al. named it Swish). */
export const Swish = SiLU;

export class Mish extends Module {
  forward(x: Tensor): Tensor { return F.mish(x); }
}

export class Softplus extends Module {
  constructor(readonly beta = 1, readonly threshold = 20) { super(); }
  forward(x: Tensor): Tensor { return F.softplus(x, this.beta, this.threshold); }
  protected override extraRepr(): string { return `beta=${this.beta}, threshold=${this.threshold}`; }
}

export class Sigmoid extends Module {
  forward(x: Tensor): Tensor { return F.sigmoid(x); }
}

export class Tanh extends Module {
  forward(x: Tensor): Tensor { return F.tanh(x); }
}

export class Hardtanh extends Module {
  constructor(readonly minVal = -1, readonly maxVal = 1) { super(); }
  forward(x: Tensor): Tensor { return F.hardtanh(x, this.minVal, this.maxVal); }
  protected override extraRepr(): string { return `minVal=${this.minVal}, maxVal=${this.maxVal}`; }
}

export class Softmax extends Module {
  constructor(readonly axis = -1) { super(); }
  forward(x: Tensor): Tensor { return F.softmax(x, this.axis); }
  protected override extraRepr(): string { return `axis=${this.axis}`; }
}

export class LogSoftmax extends Module {
  constructor(readonly axis = -1) { super(); }
  forward(x: Tensor): Tensor { return F.logSoftmax(x, this.axis); }
  protected override extraRepr(): string { return `axis=${this.axis}`; }
}
