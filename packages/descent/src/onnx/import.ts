/**
 * ONNX import: an .onnx file becomes a `descent/nn` Module that runs the graph node by node
 * with Descent's tensor ops, so it can be evaluated, inspected and even fine-tuned (float
 * initializers are Parameters, under their ONNX names with dots made underscores).
 *
 * The operator set is the one the exporters write (listed in `SUPPORTED_ONNX_OPS`); a
 * graph with any other operator is refused when it is loaded, naming the operator.
 *
 * ```ts
 * const net = importOnnx(bytes);        // bytes: Uint8Array of an .onnx file
 * net.forward(x);                       // one output: a Tensor; several: Tensor[]
 * net.inputNames;                       // ['input']
 * ```
 */
import { Tensor, tensor, concat, noGrad } from '../tensor/index.js';
import { Module, Parameter } from '../nn/module.js';
import { LSTM, GRU } from '../nn/layers/recurrent.js';
import { decodeModel } from './proto-read.js';
import { DataType, type GraphProto, type NodeProto } from './proto.js';
import { OPS, tensorOf, type OpContext } from './import-ops.js';

/** Operators `importOnnx` can run. */
export const SUPPORTED_ONNX_OPS: readonly string[] = Object.keys(OPS);

/** Holds the graph's float initializers as Parameters (so `parameters()` and optimizers see them). */
class Initializers extends Module {
  forward(): never { throw new Error('Initializers holds weights; it has no forward'); }
}

/** PyTorch's gate order from ONNX's (the inverse of the exporter's permutation). */
const FROM_ONNX = { LSTM: [0, 2, 3, 1], GRU: [1, 0, 2] } as const;

export class OnnxModule extends Module {
  readonly inputNames: string[];
  readonly outputNames: string[];
  readonly weights = new Initializers();
  /** LSTM/GRU nodes as Descent layers, by node index. */
  readonly recurrent: Record<string, LSTM | GRU> = {};
  private readonly graph: GraphProto;
  private readonly constants = new Map<string, Tensor>();
  private readonly params = new Map<string, Parameter>();
  private readonly types = new Map<string, number>();

  constructor(bytes: Uint8Array) {
    super();
    const model = decodeModel(bytes);
    this.graph = model.graph;
    const unknown = [...new Set(this.graph.node.filter((n) => !OPS[n.opType]).map((n) => n.opType))];
    if (unknown.length) throw new Error(`importOnnx: the graph uses ${unknown.join(', ')}, which Descent cannot run; supported: ${SUPPORTED_ONNX_OPS.join(', ')}`);
    const init = new Set(this.graph.initializer.map((t) => t.name));
    this.inputNames = this.graph.input.map((v) => v.name).filter((n) => !init.has(n));
    this.outputNames = this.graph.output.map((v) => v.name);
    const own = this.weights as unknown as Record<string, Parameter>;
    for (const t of this.graph.initializer) {
      this.types.set(t.name, t.dataType);
      if (t.dataType === DataType.FLOAT || t.dataType === DataType.DOUBLE) {
        const p = new Parameter(tensorOf(t));
        own[t.name.replace(/[^A-Za-z0-9_]/g, '_')] = p;
        this.params.set(t.name, p);
      } else if (t.dataType !== DataType.STRING) {
        this.constants.set(t.name, tensorOf(t));
      }
    }
    this.graph.node.forEach((n, i) => { if (n.opType === 'LSTM' || n.opType === 'GRU') this.recurrent[i] = this.buildRecurrent(n); });
    // `recurrent` is a plain object: register its layers as children so their weights are parameters too.
    for (const [i, m] of Object.entries(this.recurrent)) (this as unknown as Record<string, Module>)[`rnn_${i}`] = m;
  }

  /** A Descent LSTM/GRU holding the node's weights in PyTorch's layout. */
  private buildRecurrent(n: NodeProto): LSTM | GRU {
    const kind = n.opType as 'LSTM' | 'GRU';
    const at = (name: string) => n.attribute.find((a) => a.name === name);
    const H = at('hidden_size')?.i ?? 0;
    const direction = at('direction')?.s ?? 'forward';
    if (direction === 'reverse') throw new Error(`importOnnx: ${kind} with direction 'reverse' is not supported (forward and bidirectional are)`);
    if ((at('layout')?.i ?? 0) !== 0) throw new Error(`importOnnx: ${kind} with layout=1 is not supported`);
    if (kind === 'GRU' && (at('linear_before_reset')?.i ?? 0) !== 1) throw new Error('importOnnx: GRU with linear_before_reset=0 has no Descent equivalent (PyTorch\'s GRU is linear_before_reset=1)');
    if (n.input[4]) throw new Error(`importOnnx: ${kind} with sequence_lens is not supported`);
    const get = (name: string | undefined) => (name ? this.params.get(name) ?? this.constants.get(name) : undefined);
    const W = get(n.input[1])!, R = get(n.input[2])!, B = get(n.input[3]);
    const D = W.shape[0], G = kind === 'LSTM' ? 4 : 3, I = W.shape[2];
    const rnn = kind === 'LSTM' ? new LSTM(I, H, { bidirectional: D === 2 }) : new GRU(I, H, { bidirectional: D === 2 });
    const order = FROM_ONNX[kind];
    const regroup = (t: Tensor) => concat(order.map((src) => t.narrow(0, src * H, H)), 0).astype('float32').contiguous();
    noGrad(() => {
      const own = rnn as unknown as Record<string, Parameter>;
      for (let d = 0; d < D; d++) {
        const sfx = `_l0${d === 1 ? '_reverse' : ''}`;
        own[`weight_ih${sfx}`] = new Parameter(regroup(W.select(0, d)));
        own[`weight_hh${sfx}`] = new Parameter(regroup(R.select(0, d)));
        const b = B ? B.select(0, d) : null;
        own[`bias_ih${sfx}`] = new Parameter(b ? regroup(b.narrow(0, 0, G * H)) : tensor(new Float32Array(G * H)));
        own[`bias_hh${sfx}`] = new Parameter(b ? regroup(b.narrow(0, G * H, G * H)) : tensor(new Float32Array(G * H)));
      }
    });
    return rnn.eval();
  }

  /** Runs the graph: inputs in `inputNames` order; one output returns a Tensor, several an array. */
  forward(...inputs: Tensor[]): Tensor | Tensor[] {
    if (inputs.length !== this.inputNames.length) {
      throw new RangeError(`OnnxModule.forward: the graph takes ${this.inputNames.length} input(s) (${this.inputNames.join(', ')}), got ${inputs.length}`);
    }
    const values = new Map<string, Tensor>([...this.constants, ...this.params]);
    this.inputNames.forEach((name, i) => values.set(name, inputs[i]));
    this.graph.node.forEach((n, i) => {
      const ins = n.input.map((name) => {
        if (name === '') return null;
        const v = values.get(name);
        if (!v) throw new Error(`importOnnx: node ${n.name} (${n.opType}) reads '${name}', which no earlier node or initializer defines; are the nodes in topological order?`);
        return v;
      });
      const ctx: OpContext = { node: n, attr: (name) => n.attribute.find((a) => a.name === name), inputType: (k) => this.types.get(n.input[k]), recurrent: this.recurrent[i] };
      const outs = OPS[n.opType](ins, ctx);
      n.output.forEach((name, k) => { if (name && outs[k]) values.set(name, outs[k]); });
    });
    const outs = this.outputNames.map((name) => values.get(name)!);
    return outs.length === 1 ? outs[0] : outs;
  }
}

/**
 * Loads an .onnx file's bytes as a runnable Module.
 *
 * ```ts
 * const back = importOnnx(exportOnnx(model.eval(), x));
 * back.forward(x);   // equals model.forward(x) up to float32 rounding
 * ```
 */
export function importOnnx(bytes: Uint8Array): OnnxModule {
  return new OnnxModule(bytes);
}
