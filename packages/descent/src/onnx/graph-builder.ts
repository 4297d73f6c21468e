/**
 * A small helper for writing ONNX graphs: unique value names, nodes with typed attributes,
 * and initializers from Descent tensors or plain arrays. The exporters call it; users only
 * meet it when they register an exporter for their own module (`registerOnnxExporter`).
 *
 * ```ts
 * const g = new GraphBuilder();
 * const w = g.initializer('fc.weight', Float32Array.from([1, 2]), [2, 1]);
 * const [y] = g.node('MatMul', ['x', w]);
 * ```
 */
import type { Tensor } from '../tensor/index.js';
import { AttrType, DataType, encodeModel, type AttributeProto, type ModelProto, type NodeProto, type TensorProto, type TensorValues, type ValueInfoProto } from './proto.js';

/** The default operator set: 17 is the first with LayerNormalization. */
export const DEFAULT_OPSET = 17;
/** ai.onnx.ml opset 3: TreeEnsembleClassifier/Regressor with the attributes used here. */
export const ML_OPSET = 3;

export type AttrValue = number | string | number[] | string[] | TensorProto | { floats: number[] } | { float: number };

/** Plain attribute values to AttributeProto: integers are INT(S) unless wrapped as `{ float }` / `{ floats }`. */
function toAttribute(name: string, v: AttrValue): AttributeProto {
  if (typeof v === 'string') return { name, type: AttrType.STRING, s: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { name, type: AttrType.INT, i: v } : { name, type: AttrType.FLOAT, f: v };
  if (Array.isArray(v)) {
    if (v.length > 0 && typeof v[0] === 'string') return { name, type: AttrType.STRINGS, strings: v as string[] };
    return (v as number[]).every(Number.isInteger) ? { name, type: AttrType.INTS, ints: v as number[] } : { name, type: AttrType.FLOATS, floats: v as number[] };
  }
  if ('floats' in v) return { name, type: AttrType.FLOATS, floats: v.floats };
  if ('float' in v) return { name, type: AttrType.FLOAT, f: v.float };
  return { name, type: AttrType.TENSOR, t: v };
}

/** Float32 values of a Descent tensor, contiguous, row-major. */
export function float32Of(t: Tensor): Float32Array {
  return Float32Array.from(t.contiguous().toTypedArray() as ArrayLike<number>);
}

export class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  readonly inputs: ValueInfoProto[] = [];
  readonly outputs: ValueInfoProto[] = [];
  /** Domains the graph uses besides the default one, with their opset versions. */
  readonly domains = new Map<string, number>();
  private readonly used = new Set<string>();
  private counter = 0;

  constructor(readonly opset = DEFAULT_OPSET) {}

  /** A fresh value name starting with `base`. */
  fresh(base: string): string {
    let name = base;
    while (this.used.has(name)) name = `${base}_${++this.counter}`;
    this.used.add(name);
    return name;
  }

  /** Adds a node; returns its output names (`nOutputs` fresh ones). An empty input name means "omitted". */
  node(opType: string, inputs: string[], attrs: Record<string, AttrValue | undefined> = {}, nOutputs = 1, domain = ''): string[] {
    const output = Array.from({ length: nOutputs }, () => this.fresh(opType.toLowerCase()));
    const attribute = Object.entries(attrs).filter((e): e is [string, AttrValue] => e[1] !== undefined).map(([k, v]) => toAttribute(k, v));
    if (domain) this.domains.set(domain, domain === 'ai.onnx.ml' ? ML_OPSET : 1);
    this.nodes.push({ input: inputs, output, name: this.fresh(`${opType}_node`), opType, domain, attribute });
    return output;
  }

  /** A constant tensor in the graph; returns its (unique) name. */
  initializer(name: string, values: TensorValues, dims: number[], dataType: number = DataType.FLOAT): string {
    const unique = this.fresh(name);
    this.initializers.push({ name: unique, dims, dataType, values });
    return unique;
  }

  /** An int64 vector constant (shapes, axes, perms). */
  int64s(name: string, values: number[]): string {
    return this.initializer(name, BigInt64Array.from(values, (v) => BigInt(v)), [values.length], DataType.INT64);
  }

  /** A float32 scalar constant. */
  scalar(name: string, v: number): string {
    return this.initializer(name, Float32Array.of(v), [], DataType.FLOAT);
  }

  input(name: string, shape: (number | string)[], elemType: number = DataType.FLOAT): string {
    const unique = this.fresh(name);
    this.inputs.push({ name: unique, elemType, shape });
    return unique;
  }

  /** Declares `value` a graph output, renamed to `name` through an Identity when the names differ. */
  output(value: string, name: string, shape: (number | string)[], elemType: number = DataType.FLOAT): void {
    let out = value;
    if (value !== name) {
      out = this.fresh(name);
      this.nodes.push({ input: [value], output: [out], name: this.fresh('Identity_node'), opType: 'Identity', domain: '', attribute: [] });
    }
    this.outputs.push({ name: out, elemType, shape });
  }

  /** The ModelProto of the graph built so far. */
  model(graphName: string): ModelProto {
    return {
      irVersion: 8,
      producerName: 'descent',
      producerVersion: '0.1.0',
      opsetImport: [{ domain: '', version: this.opset }, ...[...this.domains].map(([domain, version]) => ({ domain, version }))],
      graph: { name: graphName, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
    };
  }

  /** The .onnx bytes of the graph built so far. */
  encode(graphName: string): Uint8Array {
    return encodeModel(this.model(graphName));
  }
}
