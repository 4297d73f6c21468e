/**
 * Reading the ONNX protobuf subset of `proto.ts`: a wire-format reader that skips fields it does
 * not know, so files written by other exporters (PyTorch, skl2onnx) load too. Tensors may carry
 * their values as raw_data or in the typed repeated fields (float_data, int64_data, …), packed
 * or not; both are read.
 *
 * ```ts
 * decodeModel(bytes).graph.node.map((n) => n.opType);   // ['MatMul', 'Add', …]
 * ```
 */
import { DataType, type AttributeProto, type GraphProto, type ModelProto, type NodeProto, type TensorProto, type TensorValues, type ValueInfoProto } from './proto.js';

const textDecoder = new TextDecoder();


class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array, readonly end = buf.length) {}

  varint(): number {
    let result = 0, scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new Error('decodeModel: the bytes end inside a varint; is this an .onnx file?');
      const b = this.buf[this.pos++];
      if (i === 9 || (i >= 7 && b & 0x80)) return this.bigTail(result, scale, b);
      result += (b & 0x7f) * scale;
      scale *= 128;
      if (!(b & 0x80)) return result;
    }
    return result;
  }

  /** Finishes a varint too long for exact float arithmetic, as a signed 64-bit integer. */
  private bigTail(low: number, scale: number, b: number): number {
    let v = BigInt(low) + BigInt(b & 0x7f) * BigInt(scale);
    let s = BigInt(scale) * 128n;
    while (b & 0x80) {
      b = this.buf[this.pos++];
      v += BigInt(b & 0x7f) * s;
      s *= 128n;
    }
    return Number(BigInt.asIntN(64, v));
  }

  /** Calls `visit(field, wire)` for each field; `visit` must consume the value or return false to skip it. */
  fields(visit: (field: number, wire: number) => boolean): void {
    while (this.pos < this.end) {
      const key = this.varint();
      const field = Math.floor(key / 8), wire = key & 7;
      if (!visit(field, wire)) this.skip(wire);
    }
  }

  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.pos += this.varint();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`decodeModel: unsupported protobuf wire type ${wire}; is this an .onnx file?`);
  }

  bytes(): Uint8Array {
    const n = this.varint();
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  string(): string { return textDecoder.decode(this.bytes()); }
  sub(): Reader { const n = this.varint(); const r = new Reader(this.buf, this.pos + n); r.pos = this.pos; this.pos += n; return r; }
  float(): number { const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 4).getFloat32(0, true); this.pos += 4; return v; }
  double(): number { const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8).getFloat64(0, true); this.pos += 8; return v; }

  /** A repeated scalar field, packed (wire 2) or not. */
  repeated(wire: number, one: () => number, out: number[]): void {
    if (wire !== 2) { out.push(one()); return; }
    const stop = this.varint() + this.pos;
    while (this.pos < stop) out.push(one());
  }
}

function typedFromRaw(dataType: number, raw: Uint8Array): TensorValues {
  const copy = raw.slice().buffer;
  switch (dataType) {
    case DataType.FLOAT: return new Float32Array(copy);
    case DataType.DOUBLE: return new Float64Array(copy);
    case DataType.INT32: return new Int32Array(copy);
    case DataType.INT64: return new BigInt64Array(copy);
    case DataType.INT8: return new Int8Array(copy);
    case DataType.UINT8: case DataType.BOOL: return new Uint8Array(copy);
    default: throw new Error(`decodeModel: tensor data type ${dataType} is not supported (float, double, int8/32/64, uint8, bool, string are)`);
  }
}

function typedFromList(dataType: number, list: number[]): TensorValues {
  switch (dataType) {
    case DataType.FLOAT: return Float32Array.from(list);
    case DataType.DOUBLE: return Float64Array.from(list);
    case DataType.INT64: return BigInt64Array.from(list, (v) => BigInt(v));
    case DataType.INT32: return Int32Array.from(list);
    case DataType.INT8: return Int8Array.from(list);
    case DataType.UINT8: case DataType.BOOL: return Uint8Array.from(list);
    default: throw new Error(`decodeModel: tensor data type ${dataType} is not supported`);
  }
}

function readTensor(r: Reader): TensorProto {
  const t: TensorProto = { name: '', dims: [], dataType: 0, values: new Float32Array(0) };
  let raw: Uint8Array | null = null;
  const list: number[] = [];
  const strings: string[] = [];
  r.fields((f, wire) => {
    if (f === 1) r.repeated(wire, () => r.varint(), t.dims);
    else if (f === 2) t.dataType = r.varint();
    else if (f === 4) r.repeated(wire, () => r.float(), list);
    else if (f === 5 || f === 7) r.repeated(wire, () => r.varint(), list);
    else if (f === 10) r.repeated(wire, () => r.double(), list);
    else if (f === 6) strings.push(r.string());
    else if (f === 8) t.name = r.string();
    else if (f === 9) raw = r.bytes();
    else return false;
    return true;
  });
  if (t.dataType === DataType.STRING) t.values = strings;
  else t.values = raw ? typedFromRaw(t.dataType, raw) : typedFromList(t.dataType, list);
  return t;
}

function readAttribute(r: Reader): AttributeProto {
  const a: AttributeProto = { name: '', type: 0 };
  r.fields((f, wire) => {
    if (f === 1) a.name = r.string();
    else if (f === 2) a.f = r.float();
    else if (f === 3) a.i = r.varint();
    else if (f === 4) a.s = r.string();
    else if (f === 5) a.t = readTensor(r.sub());
    else if (f === 7) r.repeated(wire, () => r.float(), (a.floats ??= []));
    else if (f === 8) r.repeated(wire, () => r.varint(), (a.ints ??= []));
    else if (f === 9) (a.strings ??= []).push(r.string());
    else if (f === 20) a.type = r.varint();
    else return false;
    return true;
  });
  return a;
}

function readNode(r: Reader): NodeProto {
  const n: NodeProto = { input: [], output: [], name: '', opType: '', domain: '', attribute: [] };
  r.fields((f) => {
    if (f === 1) n.input.push(r.string());
    else if (f === 2) n.output.push(r.string());
    else if (f === 3) n.name = r.string();
    else if (f === 4) n.opType = r.string();
    else if (f === 5) n.attribute.push(readAttribute(r.sub()));
    else if (f === 7) n.domain = r.string();
    else return false;
    return true;
  });
  return n;
}

function readValueInfo(r: Reader): ValueInfoProto {
  const v: ValueInfoProto = { name: '', elemType: 0, shape: [] };
  r.fields((f) => {
    if (f === 1) { v.name = r.string(); return true; }
    if (f !== 2) return false;
    const type = r.sub();                       // TypeProto; tensor_type is field 1
    type.fields((tf) => {
      if (tf !== 1) return false;
      const tensor = type.sub();                // TypeProto.Tensor: elem_type 1, shape 2
      tensor.fields((xf) => {
        if (xf === 1) { v.elemType = tensor.varint(); return true; }
        if (xf !== 2) return false;
        const shape = tensor.sub();             // TensorShapeProto: dim 1
        shape.fields((sf) => {
          if (sf !== 1) return false;
          const dim = shape.sub();              // Dimension: dim_value 1, dim_param 2
          let d: number | string = '?';
          dim.fields((df) => {
            if (df === 1) d = dim.varint();
            else if (df === 2) d = dim.string();
            else return false;
            return true;
          });
          v.shape.push(d);
          return true;
        });
        return true;
      });
      return true;
    });
    return true;
  });
  return v;
}

function readGraph(r: Reader): GraphProto {
  const g: GraphProto = { name: '', node: [], initializer: [], input: [], output: [] };
  r.fields((f) => {
    if (f === 1) g.node.push(readNode(r.sub()));
    else if (f === 2) g.name = r.string();
    else if (f === 5) g.initializer.push(readTensor(r.sub()));
    else if (f === 11) g.input.push(readValueInfo(r.sub()));
    else if (f === 12) g.output.push(readValueInfo(r.sub()));
    else return false;
    return true;
  });
  return g;
}

/** Parses the bytes of an .onnx file (the message subset above; other fields are skipped). */
export function decodeModel(bytes: Uint8Array): ModelProto {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('decodeModel: expected the model as a Uint8Array (e.g. new Uint8Array(await file.arrayBuffer()))');
  const r = new Reader(bytes);
  const m: ModelProto = { irVersion: 0, opsetImport: [], producerName: '', producerVersion: '', graph: { name: '', node: [], initializer: [], input: [], output: [] } };
  let sawGraph = false;
  r.fields((f) => {
    if (f === 1) m.irVersion = r.varint();
    else if (f === 2) m.producerName = r.string();
    else if (f === 3) m.producerVersion = r.string();
    else if (f === 7) { m.graph = readGraph(r.sub()); sawGraph = true; }
    else if (f === 8) {
      const o = { domain: '', version: 0 };
      const sub = r.sub();
      sub.fields((of) => {
        if (of === 1) o.domain = sub.string();
        else if (of === 2) o.version = sub.varint();
        else return false;
        return true;
      });
      m.opsetImport.push(o);
    } else return false;
    return true;
  });
  if (!sawGraph) throw new Error('decodeModel: no graph found in the bytes; is this an .onnx ModelProto file?');
  return m;
}
