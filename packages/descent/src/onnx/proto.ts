/**
 * The subset of ONNX's protobuf messages that Descent writes and reads, encoded by hand.
 *
 * Field numbers come from onnx/onnx.proto (ONNX 1.14; IR version 8). Protobuf's wire format
 * (protobuf.dev/programming-guides/encoding) is small enough that a dependency would cost more
 * than these ~250 lines: varints, 32/64-bit little-endian words, and length-delimited bytes.
 * Unknown fields are skipped on read, so files from other exporters load as long as they use
 * the operators the importer knows.
 *
 * This file holds the message types and the writer; `proto-read.ts` the reader.
 *
 * ```ts
 * const bytes = encodeModel(model);       // Uint8Array, the .onnx file
 * decodeModel(bytes).graph.node.length;   // the same graph back
 * ```
 */

/** TensorProto.DataType values used here. */
export const DataType = { FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7, STRING: 8, BOOL: 9, DOUBLE: 11 } as const;

/** AttributeProto.AttributeType values. */
export const AttrType = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;

export type TensorValues = Float32Array | Float64Array | Int32Array | BigInt64Array | Uint8Array | Int8Array | string[];

export interface TensorProto {
  name: string;
  dims: number[];
  dataType: number;
  values: TensorValues;
}

export interface AttributeProto {
  name: string;
  type: number;
  f?: number;
  i?: number;
  s?: string;
  t?: TensorProto;
  floats?: number[];
  ints?: number[];
  strings?: string[];
}

export interface NodeProto {
  input: string[];
  output: string[];
  name: string;
  opType: string;
  domain: string;
  attribute: AttributeProto[];
}

/** A tensor value's type: element type and shape; a string dim is symbolic (e.g. 'N'). */
export interface ValueInfoProto {
  name: string;
  elemType: number;
  shape: (number | string)[];
}

export interface GraphProto {
  name: string;
  node: NodeProto[];
  initializer: TensorProto[];
  input: ValueInfoProto[];
  output: ValueInfoProto[];
}

export interface ModelProto {
  irVersion: number;
  opsetImport: { domain: string; version: number }[];
  producerName: string;
  producerVersion: string;
  graph: GraphProto;
}

// ---------------------------------------------------------------- writing

const textEncoder = new TextEncoder();

class Writer {
  private buf = new Uint8Array(256);
  private len = 0;

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** A varint; negative numbers are 64-bit two's complement (10 bytes), as protobuf's int64. */
  varint(v: number): void {
    this.ensure(10);
    if (v < 0 || v > Number.MAX_SAFE_INTEGER) {
      let b = BigInt.asUintN(64, BigInt(v));
      while (b >= 0x80n) { this.buf[this.len++] = Number(b & 0x7fn) | 0x80; b >>= 7n; }
      this.buf[this.len++] = Number(b);
      return;
    }
    while (v >= 0x80) { this.buf[this.len++] = (v % 0x80) | 0x80; v = Math.floor(v / 0x80); }
    this.buf[this.len++] = v;
  }

  tag(field: number, wire: number): void { this.varint(field * 8 + wire); }

  bytes(field: number, b: Uint8Array): void {
    this.tag(field, 2);
    this.varint(b.length);
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  string(field: number, s: string): void { this.bytes(field, textEncoder.encode(s)); }
  int(field: number, v: number): void { this.tag(field, 0); this.varint(v); }
  float(field: number, v: number): void {
    this.tag(field, 5);
    this.ensure(4);
    new DataView(this.buf.buffer, this.buf.byteOffset + this.len, 4).setFloat32(0, v, true);
    this.len += 4;
  }
  message(field: number, write: (w: Writer) => void): void {
    const inner = new Writer();
    write(inner);
    this.bytes(field, inner.finish());
  }
  finish(): Uint8Array { return this.buf.slice(0, this.len); }
}

/** Little-endian bytes of a tensor's values (TensorProto.raw_data). */
function rawBytes(t: TensorProto): Uint8Array {
  const v = t.values;
  if (Array.isArray(v)) throw new Error(`encodeModel: string tensor ${t.name} has no raw form`);
  // Typed arrays are little-endian on every platform JavaScript runs on in practice; copy to own the bytes.
  return new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
}

function writeTensor(w: Writer, t: TensorProto): void {
  for (const d of t.dims) w.int(1, d);
  w.int(2, t.dataType);
  if (Array.isArray(t.values)) for (const s of t.values) w.string(6, s);
  w.string(8, t.name);
  if (!Array.isArray(t.values)) w.bytes(9, rawBytes(t));
}

function writeAttribute(w: Writer, a: AttributeProto): void {
  w.string(1, a.name);
  if (a.f !== undefined) w.float(2, a.f);
  if (a.i !== undefined) w.int(3, a.i);
  if (a.s !== undefined) w.string(4, a.s);
  if (a.t !== undefined) w.message(5, (m) => writeTensor(m, a.t!));
  for (const f of a.floats ?? []) w.float(7, f);
  for (const i of a.ints ?? []) w.int(8, i);
  for (const s of a.strings ?? []) w.string(9, s);
  w.int(20, a.type);
}

function writeValueInfo(w: Writer, v: ValueInfoProto): void {
  w.string(1, v.name);
  w.message(2, (type) => type.message(1, (tensor) => {
    tensor.int(1, v.elemType);
    tensor.message(2, (shape) => {
      for (const d of v.shape) shape.message(1, (dim) => (typeof d === 'number' ? dim.int(1, d) : dim.string(2, d)));
    });
  }));
}

/** Serializes a model to the bytes of an .onnx file. */
export function encodeModel(model: ModelProto): Uint8Array {
  const w = new Writer();
  w.int(1, model.irVersion);
  w.string(2, model.producerName);
  w.string(3, model.producerVersion);
  w.message(7, (g) => {
    for (const n of model.graph.node) {
      g.message(1, (m) => {
        for (const i of n.input) m.string(1, i);
        for (const o of n.output) m.string(2, o);
        m.string(3, n.name);
        m.string(4, n.opType);
        for (const a of n.attribute) m.message(5, (am) => writeAttribute(am, a));
        if (n.domain) m.string(7, n.domain);
      });
    }
    g.string(2, model.graph.name);
    for (const t of model.graph.initializer) g.message(5, (m) => writeTensor(m, t));
    for (const v of model.graph.input) g.message(11, (m) => writeValueInfo(m, v));
    for (const v of model.graph.output) g.message(12, (m) => writeValueInfo(m, v));
  });
  for (const o of model.opsetImport) w.message(8, (m) => { m.string(1, o.domain); m.int(2, o.version); });
  return w.finish();
}
