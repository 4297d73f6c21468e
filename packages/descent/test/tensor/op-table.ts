/**
 * The ops checked against PyTorch, by the name tools/fixtures/tensor_ops.py gives them.
 * Each entry calls Descent with the fixture's inputs and keyword arguments.
 */
import * as T from '../../src/tensor/index.js';
import type { Tensor } from '../../src/tensor/index.js';

type Kw = Record<string, unknown>;
type OpCall = (inputs: Tensor[], kw: Kw) => Tensor;

const unary = (f: (x: Tensor) => Tensor): OpCall => ([x]) => f(x);
const binary = (f: (a: Tensor, b: Tensor) => Tensor): OpCall => ([a, b]) => f(a, b);
type Axis = number | number[] | undefined;

export const OPS: Record<string, OpCall> = {
  neg: unary(T.neg), exp: unary(T.exp), log: unary(T.log), sqrt: unary(T.sqrt), sin: unary(T.sin),
  cos: unary(T.cos), tanh: unary(T.tanh), sigmoid: unary(T.sigmoid), abs: unary(T.abs),
  reciprocal: unary(T.reciprocal), erf: unary(T.erf), log1p: unary(T.log1p), expm1: unary(T.expm1),
  relu: unary(T.relu), square: unary(T.square), floor: unary(T.floor), ceil: unary(T.ceil), round: unary(T.round),
  clip: ([x], kw) => T.clip(x, kw.min as number | null, kw.max as number | null),
  add: binary(T.add), sub: binary(T.sub), mul: binary(T.mul), div: binary(T.div), pow: binary(T.pow),
  maximum: binary(T.maximum), minimum: binary(T.minimum),
  where: ([c, a, b]) => T.where(c, a, b),
  eq: binary(T.eq), ne: binary(T.ne), lt: binary(T.lt), le: binary(T.le), gt: binary(T.gt), ge: binary(T.ge),
  logicalAnd: binary(T.logicalAnd), logicalOr: binary(T.logicalOr), logicalNot: unary(T.logicalNot),
  isnan: unary(T.isnan), isfinite: unary(T.isfinite),
  sum: ([x], kw) => T.sum(x, kw.axis as Axis, kw.keepdims as boolean),
  mean: ([x], kw) => T.mean(x, kw.axis as Axis, kw.keepdims as boolean),
  max: ([x], kw) => T.max(x, kw.axis as Axis, kw.keepdims as boolean),
  min: ([x], kw) => T.min(x, kw.axis as Axis, kw.keepdims as boolean),
  argmax: ([x], kw) => T.argmax(x, kw.axis as number | undefined),
  argmin: ([x], kw) => T.argmin(x, kw.axis as number | undefined),
  var: ([x], kw) => x.var(kw.axis as Axis, { correction: kw.correction as number | undefined, keepdims: kw.keepdims as boolean }),
  std: ([x], kw) => x.std(kw.axis as Axis, { correction: kw.correction as number | undefined, keepdims: kw.keepdims as boolean }),
  logsumexp: ([x], kw) => T.logsumexp(x, kw.axis as Axis, kw.keepdims as boolean),
  cumsum: ([x], kw) => T.cumsum(x, kw.axis as number),
  softmax: ([x], kw) => T.softmax(x, kw.axis as number),
  logSoftmax: ([x], kw) => T.logSoftmax(x, kw.axis as number),
  reshape: ([x], kw) => x.reshape(kw.shape as number[]),
  permute: ([x], kw) => x.permute(kw.axes as number[]),
  transpose: ([x], kw) => x.transpose(kw.axis0 as number, kw.axis1 as number),
  expand: ([x], kw) => x.expand(kw.shape as number[]),
  slice: ([x], kw) => x.slice(...(kw.specs as T.SliceSpec[])),
  flip: ([x], kw) => x.flip(kw.axis as Axis),
  squeeze: ([x], kw) => x.squeeze(kw.axis as Axis),
  unsqueeze: ([x], kw) => x.unsqueeze(kw.axis as number),
  pad: ([x], kw) => x.pad(kw.widths as [number, number][], kw.value as number),
  concat: (xs, kw) => T.concat(xs, kw.axis as number),
  stack: (xs, kw) => T.stack(xs, kw.axis as number),
  splitFirst: ([x], kw) => x.split(kw.size as number, kw.axis as number)[kw.part as number],
  matmul: binary(T.matmul),
  gather: ([x, i], kw) => x.gather(kw.axis as number, i),
  scatterAdd: ([x, i, s], kw) => x.scatterAdd(kw.axis as number, i, s),
  indexSelect: ([x, i], kw) => x.indexSelect(kw.axis as number, i),
  sortValues: ([x], kw) => x.sort(kw.axis as number, kw.descending as boolean).values,
  argsort: ([x], kw) => x.argsort(kw.axis as number),
  topkValues: ([x], kw) => x.topk(kw.k as number, kw.axis as number, (kw.largest as boolean | undefined) ?? true).values,
};
