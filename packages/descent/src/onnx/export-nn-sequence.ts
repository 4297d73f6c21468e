/**
 * ONNX export of the sequence layers: LSTM and GRU as ONNX's own LSTM/GRU operators, and
 * MultiheadAttention spelled out in MatMul, Reshape, Transpose and Softmax.
 *
 * Gate orders differ: PyTorch (and Descent) stack the LSTM's gates as i, f, g, o and the GRU's
 * as r, z, n; ONNX wants i, o, f, c and z, r, h (onnx.ai/onnx/operators/onnx__LSTM.html,
 * onnx__GRU.html). PyTorch's GRU applies the reset gate after the hidden matmul, which is
 * ONNX's `linear_before_reset = 1`.
 */
import type { Tensor } from '../tensor/index.js';
import type { LSTM, GRU } from '../nn/layers/recurrent.js';
import type { MultiheadAttention } from '../nn/layers/attention.js';
import { float32Of } from './graph-builder.js';
import type { ExportContext, Traced } from './export-nn.js';

/** Source gate block for each ONNX gate position. */
const GATE_ORDER = { LSTM: [0, 3, 1, 2], GRU: [1, 0, 2] } as const;

/** Rows of `w` (G·H, …) regrouped into ONNX's gate order. */
function reorderGates(w: Float32Array, order: readonly number[]): Float32Array {
  const block = w.length / order.length;
  const out = new Float32Array(w.length);
  order.forEach((src, dst) => out.set(w.subarray(src * block, (src + 1) * block), dst * block));
  return out;
}

function concatArrays(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

export function exportRecurrent(m: LSTM | GRU, kind: 'LSTM' | 'GRU', [x]: Traced[], ctx: ExportContext): string[] {
  const { g } = ctx;
  const p = ctx.path ? `${ctx.path}.` : '';
  if (x.value.ndim !== 3) throw new Error(`exportOnnx: ${kind} at '${ctx.path}' needs a batched sample input (3-D); got shape (${x.value.shape.join(', ')})`);
  const H = m.hiddenSize, D = m.bidirectional ? 2 : 1, G = kind === 'LSTM' ? 4 : 3;
  const order = GATE_ORDER[kind];
  const params = m as unknown as Record<string, Tensor | undefined>;
  let cur = m.batchFirst ? g.node('Transpose', [x.name], { perm: [1, 0, 2] })[0] : x.name;   // (L, N, I)
  const hs: string[] = [], cs: string[] = [];
  for (let layer = 0; layer < m.numLayers; layer++) {
    const sfx = (dir: number) => `_l${layer}${dir === 1 ? '_reverse' : ''}`;
    const inSize = layer === 0 ? m.inputSize : H * D;
    const W: Float32Array[] = [], R: Float32Array[] = [], B: Float32Array[] = [];
    for (let dir = 0; dir < D; dir++) {
      W.push(reorderGates(float32Of(params[`weight_ih${sfx(dir)}`]!), order));
      R.push(reorderGates(float32Of(params[`weight_hh${sfx(dir)}`]!), order));
      const bih = params[`bias_ih${sfx(dir)}`], bhh = params[`bias_hh${sfx(dir)}`];
      B.push(bih && bhh ? concatArrays([reorderGates(float32Of(bih), order), reorderGates(float32Of(bhh), order)]) : new Float32Array(2 * G * H));
    }
    const inputs = [
      cur,
      g.initializer(`${p}W_l${layer}`, concatArrays(W), [D, G * H, inSize]),
      g.initializer(`${p}R_l${layer}`, concatArrays(R), [D, G * H, H]),
      g.initializer(`${p}B_l${layer}`, concatArrays(B), [D, 2 * G * H]),
    ];
    const attrs = { hidden_size: H, direction: D === 2 ? 'bidirectional' : 'forward', linear_before_reset: kind === 'GRU' ? 1 : undefined };
    const [y, yh, yc] = g.node(kind, inputs, attrs, kind === 'LSTM' ? 3 : 2);   // Y (L, D, N, H), Y_h (D, N, H)
    const [yt] = g.node('Transpose', [y], { perm: [0, 2, 1, 3] });               // (L, N, D, H)
    [cur] = g.node('Reshape', [yt, g.int64s('seq_shape', [0, 0, -1])]);          // (L, N, D·H)
    hs.push(yh);
    if (yc) cs.push(yc);
  }
  const out = m.batchFirst ? g.node('Transpose', [cur], { perm: [1, 0, 2] })[0] : cur;
  const stack = (parts: string[]) => (parts.length === 1 ? parts[0] : g.node('Concat', parts, { axis: 0 })[0]);
  return kind === 'LSTM' ? [out, stack(hs), stack(cs)] : [out, stack(hs)];
}

/** Self-attention (one input) or query/key/value (three); outputs the result and the head-averaged weights. */
export function exportMultiheadAttention(m: MultiheadAttention, inputs: Traced[], ctx: ExportContext): string[] {
  const { g } = ctx;
  const p = ctx.path ? `${ctx.path}.` : '';
  const [q0, k0, v0] = inputs.length === 1 ? [inputs[0], inputs[0], inputs[0]] : inputs;
  if (!q0 || !k0 || !v0 || q0.value.ndim !== 3) throw new Error(`exportOnnx: MultiheadAttention at '${ctx.path}' needs one (self-attention) or three batched 3-D sample inputs`);
  const E = m.embedDim, nH = m.numHeads, hd = m.headDim;
  const params = m as unknown as Record<string, Tensor | undefined>;
  const toNLE = (name: string) => (m.batchFirst ? name : g.node('Transpose', [name], { perm: [1, 0, 2] })[0]);
  const W = params.in_proj_weight, b = params.in_proj_bias;
  const project = (x: string, which: number, own: string, inDim: number): string => {
    const w = W ? W.narrow(0, which * E, E) : params[own]!;                          // (E, in)
    const wt = w.transpose(0, 1);                                                   // (in, E)
    let [y] = g.node('MatMul', [x, g.initializer(`${p}${'qkv'[which]}_proj_weight_t`, float32Of(wt), [inDim, E])]);
    if (b) [y] = g.node('Add', [y, g.initializer(`${p}${'qkv'[which]}_proj_bias`, float32Of(b.narrow(0, which * E, E)), [E])]);
    return g.node('Transpose', [g.node('Reshape', [y, g.int64s('heads_shape', [0, 0, nH, hd])])[0]], { perm: [0, 2, 1, 3] })[0]; // (N, H, len, hd)
  };
  const q = project(toNLE(q0.name), 0, 'q_proj_weight', E);
  const k = project(toNLE(k0.name), 1, 'k_proj_weight', m.kdim);
  const v = project(toNLE(v0.name), 2, 'v_proj_weight', m.vdim);
  const [qs] = g.node('Mul', [q, g.scalar('attn_scale', 1 / Math.sqrt(hd))]);
  const [scores] = g.node('MatMul', [qs, g.node('Transpose', [k], { perm: [0, 1, 3, 2] })[0]]);
  const [weights] = g.node('Softmax', [scores], { axis: -1 });                      // (N, H, L, S)
  const [heads] = g.node('MatMul', [weights, v]);                                   // (N, H, L, hd)
  const [merged] = g.node('Reshape', [g.node('Transpose', [heads], { perm: [0, 2, 1, 3] })[0], g.int64s('merge_shape', [0, 0, E])]);
  const ow = m.out_proj.weight.transpose(0, 1);
  let [out] = g.node('MatMul', [merged, g.initializer(`${p}out_proj.weight_t`, float32Of(ow), [E, E])]);
  if (m.out_proj.bias) [out] = g.node('Add', [out, g.initializer(`${p}out_proj.bias`, float32Of(m.out_proj.bias), [E])]);
  if (!m.batchFirst) [out] = g.node('Transpose', [out], { perm: [1, 0, 2] });
  const [avg] = g.opset >= 18
    ? g.node('ReduceMean', [weights, g.int64s('head_axis', [1])], { keepdims: 0 })
    : g.node('ReduceMean', [weights], { axes: [1], keepdims: 0 });
  return [out, avg];
}
