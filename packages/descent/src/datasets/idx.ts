/**
 * The IDX file format of MNIST and Fashion-MNIST (Y. LeCun, http://yann.lecun.com/exdb/mnist/,
 * "FILE FORMATS FOR THE MNIST DATABASE"):
 *
 *   bytes 0–1   zero
 *   byte 2      the type of the values: 0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32,
 *               0x0D float32, 0x0E float64
 *   byte 3      the number of dimensions d
 *   next 4·d    each dimension, a big-endian uint32
 *   then        the values in row-major order, big-endian
 *
 * Parsing needs only the bytes, so it runs in the browser; reading files and gunzipping
 * are the caller's business (the distributed files are gzipped).
 */

export type IdxDType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

export interface Idx {
  dtype: IdxDType;
  shape: number[];
  /** The values, row-major. For uint8 and int8 this is a view of the input bytes (no copy). */
  data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

const TYPES: Record<number, { dtype: IdxDType; bytes: number }> = {
  0x08: { dtype: 'uint8', bytes: 1 },
  0x09: { dtype: 'int8', bytes: 1 },
  0x0b: { dtype: 'int16', bytes: 2 },
  0x0c: { dtype: 'int32', bytes: 4 },
  0x0d: { dtype: 'float32', bytes: 4 },
  0x0e: { dtype: 'float64', bytes: 8 },
};

/**
 * Parses one IDX file (already decompressed) into its type, shape and values.
 *
 * ```ts
 * // A 2×3 uint8 array: magic 00 00 08 02, dims 2 and 3, then six values.
 * const bytes = new Uint8Array([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6]);
 * parseIdx(bytes);   // { dtype: 'uint8', shape: [2, 3], data: Uint8Array [1, 2, 3, 4, 5, 6] }
 * ```
 */
export function parseIdx(bytes: Uint8Array): Idx {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('parseIdx: expected the file contents as a Uint8Array (in Node, readFileSync returns a Buffer, which is one)');
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new Error('parseIdx: these bytes are gzip-compressed (they start with 1f 8b, as the .gz files do); decompress them first: in Node, zlib.gunzipSync(bytes); in a browser, new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream(\'gzip\'))).arrayBuffer()');
  }
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    const head = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new Error(`parseIdx: not an IDX file: it must start with two zero bytes, a type byte and a dimension count, but starts with ${head || 'nothing'}`);
  }
  const type = TYPES[bytes[2]];
  if (!type) throw new Error(`parseIdx: unknown value type 0x${bytes[2].toString(16).padStart(2, '0')} in byte 2; IDX defines 0x08 uint8, 0x09 int8, 0x0b int16, 0x0c int32, 0x0d float32, 0x0e float64`);
  const ndim = bytes[3];
  const start = 4 + 4 * ndim;
  if (bytes.length < start) throw new Error(`parseIdx: the file is truncated: its header announces ${ndim} dimensions (${start} header bytes) but it has ${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape = Array.from({ length: ndim }, (_, i) => view.getUint32(4 + 4 * i, false));
  const size = shape.reduce((a, b) => a * b, 1);
  const expected = start + size * type.bytes;
  if (bytes.length !== expected) {
    const what = bytes.length < expected ? 'truncated' : 'longer than its header says';
    throw new Error(`parseIdx: the file is ${what}: shape (${shape.join(',')}) of ${type.dtype} needs ${expected} bytes, got ${bytes.length}`);
  }
  const body = bytes.subarray(start);
  switch (type.dtype) {
    case 'uint8': return { dtype: 'uint8', shape, data: body };
    case 'int8': return { dtype: 'int8', shape, data: new Int8Array(body.buffer, body.byteOffset, size) };
    default: {
      // Multi-byte values are big-endian: read each through the DataView, whatever the host's order.
      const out = type.dtype === 'int16' ? new Int16Array(size)
        : type.dtype === 'int32' ? new Int32Array(size)
          : type.dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
      for (let i = 0; i < size; i++) {
        const at = start + i * type.bytes;
        out[i] = type.dtype === 'int16' ? view.getInt16(at, false)
          : type.dtype === 'int32' ? view.getInt32(at, false)
            : type.dtype === 'float32' ? view.getFloat32(at, false) : view.getFloat64(at, false);
      }
      return { dtype: type.dtype, shape, data: out };
    }
  }
}
