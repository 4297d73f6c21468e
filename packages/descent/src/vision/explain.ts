/**
 * Where a classifier looks: Grad-CAM and vanilla saliency maps, one heatmap per image at the
 * input's resolution.
 *
 * Both need the gradient of one class score. Run the model in eval mode (`model.eval()`), so
 * batch norm uses its running statistics and each image's map depends on that image alone.
 * Neither leaves gradients behind on the model's parameters.
 *
 * ```ts
 * model.eval();
 * const { heatmap } = gradCam(model, model.layer4, images);   // (N, H, W) in [0, 1]
 * const { map } = saliency(model, images, { target: [3, 3] }); // (N, H, W)
 * ```
 */
import { Tensor, noGrad, tensor } from '../tensor/index.js';
import { fmtShape } from '../tensor/shape.js';
import type { Module } from '../nn/module.js';
import { resize } from './functional.js';

export interface ExplainOptions {
  /** The class to explain, one for all images or one per image (default: each image's top class). */
  target?: number | readonly number[];
}

export interface GradCamResult {
  /** Grad-CAM upsampled to the input size, min–max scaled to [0, 1] per image (unless normalize is false): (N, H, W). */
  heatmap: Tensor;
  /** The map at the layer's own resolution, before upsampling: (N, h, w). */
  cam: Tensor;
  /** The model's output (N, classes). */
  logits: Tensor;
  /** The class explained for each image. */
  target: number[];
}

type Forward = { forward(x: Tensor): unknown } & Module;

function runModel(op: string, model: Forward, x: Tensor): Tensor {
  const out = model.forward(x);
  if (!(out instanceof Tensor) || out.ndim !== 2 || out.shape[0] !== x.shape[0]) {
    throw new RangeError(`${op}: the model must return class scores (N, classes) for N images, got ${out instanceof Tensor ? fmtShape(out.shape) : typeof out}`);
  }
  return out;
}

function targets(op: string, logits: Tensor, target: ExplainOptions['target']): number[] {
  const [N, K] = logits.shape;
  const t = target === undefined ? Array.from(logits.detach().argmax(1).toTypedArray(), Number)
    : typeof target === 'number' ? new Array<number>(N).fill(target) : [...target];
  if (t.length !== N) throw new RangeError(`${op}: got ${t.length} targets for ${N} images; give one per image or a single class`);
  for (const c of t) if (!Number.isInteger(c) || c < 0 || c >= K) throw new RangeError(`${op}: target ${c} is not a class index in [0, ${K - 1}]`);
  return t;
}

/** Runs fn, then puts every parameter's gradient back as it was. */
function keepingGrads<T>(model: Module, fn: () => T): T {
  const params = model.parameters();
  const saved = params.map((p) => p.grad);
  try {
    return fn();
  } finally {
    params.forEach((p, i) => { p.grad = saved[i]; });
  }
}

function checkInput(op: string, x: Tensor): void {
  if (!(x instanceof Tensor) || x.ndim !== 4) throw new RangeError(`${op}: expected images (N, C, H, W), got ${x instanceof Tensor ? fmtShape(x.shape) : typeof x}`);
}

/**
 * Grad-CAM (Selvaraju et al. 2017, "Grad-CAM: Visual Explanations from Deep Networks via
 * Gradient-based Localization", ICCV, eq. 1–2). With A the (N, K, h, w) output of `layer`
 * and y_c the target class score, each channel's weight is α_k = mean over (i, j) of
 * ∂y_c/∂A_kij, and the map is relu(Σ_k α_k·A_k), upsampled bilinearly to the input size.
 *
 * The layer's output is captured by a forward hook that swaps in a detached copy requiring
 * gradients, so one backward pass gives ∂y_c/∂A directly.
 *
 * ```ts
 * const net = new Sequential(new Conv2d(1, 4, 3, { padding: 1 }), new ReLU(), new AdaptiveAvgPool2d(1), new Flatten(), new Linear(4, 2));
 * net.eval();
 * gradCam(net, net[1], randn([2, 1, 8, 8])).heatmap.shape;   // [2, 8, 8]
 * ```
 */
export function gradCam(model: Forward, layer: Module, x: Tensor, options: ExplainOptions & { normalize?: boolean } = {}): GradCamResult {
  checkInput('gradCam', x);
  let A: Tensor | null = null;
  const remove = layer.registerForwardHook((_m, _in, out) => {
    if (!(out instanceof Tensor) || out.ndim !== 4) throw new RangeError(`gradCam: the chosen layer must output feature maps (N, K, h, w), got ${out instanceof Tensor ? fmtShape(out.shape) : typeof out}`);
    A = out.detach().requiresGrad_();
    return A;
  });
  let logits: Tensor, target: number[];
  try {
    ({ logits, target } = keepingGrads(model, () => {
      const out = runModel('gradCam', model, x);
      const t = targets('gradCam', out, options.target);
      if (A === null) throw new Error('gradCam: the layer never ran during model.forward; pass a layer that is part of the model');
      out.gather(1, tensor(t, { dtype: 'int32' }).reshape([-1, 1])).sum().backward();
      return { logits: out.detach(), target: t };
    }));
  } finally {
    remove();
  }
  const acts = A as unknown as Tensor;
  const cam = noGrad(() => {
    const alpha = acts.grad!.mean([2, 3], true);                 // (N, K, 1, 1)
    return alpha.mul(acts.detach()).sum(1).relu();                // (N, h, w)
  });
  const [N, , H, W] = x.shape;
  const up = resize(cam.unsqueeze(1), [H, W]).reshape([N, H, W]);
  return { heatmap: options.normalize === false ? up : minMax(up), cam, logits, target };
}

/** (v − min)/(max − min) per image; an image whose map is constant becomes all zeros. */
function minMax(maps: Tensor): Tensor {
  const [N, H, W] = maps.shape;
  const v = Float64Array.from(maps.toTypedArray());
  for (let n = 0; n < N; n++) {
    let lo = Infinity, hi = -Infinity;
    for (let k = n * H * W; k < (n + 1) * H * W; k++) { lo = Math.min(lo, v[k]); hi = Math.max(hi, v[k]); }
    for (let k = n * H * W; k < (n + 1) * H * W; k++) v[k] = hi > lo ? (v[k] - lo) / (hi - lo) : 0;
  }
  return tensor(v, { dtype: maps.dtype, shape: [N, H, W] });
}

/**
 * Vanilla saliency (Simonyan, Vedaldi & Zisserman 2014, "Deep Inside Convolutional Networks",
 * §3.1): the gradient of the target class score with respect to the input pixels; the map is
 * its largest absolute value over the channels, (N, H, W). `grad` keeps the signed gradient.
 *
 * ```ts
 * saliency(net, randn([2, 1, 8, 8]), { target: 1 }).map.shape;   // [2, 8, 8]
 * ```
 */
export function saliency(model: Forward, x: Tensor, options: ExplainOptions = {}): { map: Tensor; grad: Tensor; logits: Tensor; target: number[] } {
  checkInput('saliency', x);
  const xs = x.detach().requiresGrad_();
  const { logits, target } = keepingGrads(model, () => {
    const out = runModel('saliency', model, xs);
    const t = targets('saliency', out, options.target);
    out.gather(1, tensor(t, { dtype: 'int32' }).reshape([-1, 1])).sum().backward();
    return { logits: out.detach(), target: t };
  });
  const grad = xs.grad!;
  return { map: grad.abs().max(1), grad, logits, target };
}
