/** Loss modules, for code written in PyTorch's `criterion = nn.CrossEntropyLoss()` style. */
import type { Tensor, TensorLike } from '../../tensor/index.js';
import { Module } from '../module.js';
import * as L from '../functional/losses.js';

export class MSELoss extends Module {
  constructor(readonly reduction: L.Reduction = 'mean') { super(); }
  forward(input: Tensor, target: TensorLike): Tensor { return L.mseLoss(input, target, this.reduction); }
}

export class L1Loss extends Module {
  constructor(readonly reduction: L.Reduction = 'mean') { super(); }
  forward(input: Tensor, target: TensorLike): Tensor { return L.l1Loss(input, target, this.reduction); }
}

export class SmoothL1Loss extends Module {
  constructor(readonly reduction: L.Reduction = 'mean', readonly beta = 1) { super(); }
  forward(input: Tensor, target: TensorLike): Tensor { return L.smoothL1Loss(input, target, this.reduction, this.beta); }
}

export class HuberLoss extends Module {
  constructor(readonly reduction: L.Reduction = 'mean', readonly delta = 1) { super(); }
  forward(input: Tensor, target: TensorLike): Tensor { return L.huberLoss(input, target, this.reduction, this.delta); }
}

export class BCELoss extends Module {
  constructor(readonly options: { weight?: Tensor; reduction?: L.Reduction } = {}) { super(); }
  forward(input: Tensor, target: TensorLike): Tensor { return L.binaryCrossEntropy(input, target, this.options); }
}

export class BCEWithLogitsLoss extends Module {
  constructor(readonly options: { weight?: Tensor; posWeight?: Tensor; reduction?: L.Reduction } = {}) { super(); }
  forward(input: Tensor, target: TensorLike): Tensor { return L.binaryCrossEntropyWithLogits(input, target, this.options); }
}

export class CrossEntropyLoss extends Module {
  constructor(readonly options: L.CrossEntropyOptions = {}) { super(); }
  forward(logits: Tensor, target: TensorLike): Tensor { return L.crossEntropy(logits, target, this.options); }
}

export class NLLLoss extends Module {
  constructor(readonly options: L.NllOptions = {}) { super(); }
  forward(logProbs: Tensor, target: TensorLike): Tensor { return L.nllLoss(logProbs, target, this.options); }
}

export class KLDivLoss extends Module {
  constructor(readonly options: { reduction?: L.Reduction | 'batchmean'; logTarget?: boolean } = {}) { super(); }
  forward(input: Tensor, target: TensorLike): Tensor { return L.klDiv(input, target, this.options); }
}

export class CosineEmbeddingLoss extends Module {
  constructor(readonly options: { margin?: number; reduction?: L.Reduction } = {}) { super(); }
  forward(x1: Tensor, x2: Tensor, y: TensorLike): Tensor { return L.cosineEmbeddingLoss(x1, x2, y, this.options); }
}

export class TripletMarginLoss extends Module {
  constructor(readonly options: { margin?: number; p?: number; eps?: number; swap?: boolean; reduction?: L.Reduction } = {}) { super(); }
  forward(a: Tensor, p: Tensor, n: Tensor): Tensor { return L.tripletMarginLoss(a, p, n, this.options); }
}
