/**
 * `CsrMatrix`: the compressed sparse row matrix the vectorizers return (SciPy's
 * `csr_matrix` layout). A document-term matrix of a real corpus is almost all zeros, so only
 * the non-zeros are stored: row i's entries are `data[indptr[i]..indptr[i+1])` in the columns
 * `indices[...]`, with the columns of each row ascending.
 */
import { tensor, type Tensor } from '../tensor/index.js';

export class CsrMatrix {
  constructor(
    readonly shape: readonly [number, number],
    readonly indptr: Int32Array,
    readonly indices: Int32Array,
    readonly data: Float64Array,
  ) {}

  get rows(): number {
    return this.shape[0];
  }

  get cols(): number {
    return this.shape[1];
  }

  /** Number of stored entries. */
  get nnz(): number {
    return this.indptr[this.shape[0]];
  }

  /**
   * Builds a CSR matrix from rows of (column → value) maps; zeros are dropped.
   *
   * ```ts
   * CsrMatrix.fromRowMaps([new Map([[2, 1]]), new Map()], 3).toArray(); // [[0, 0, 1], [0, 0, 0]]
   * ```
   */
  static fromRowMaps(rowMaps: readonly Map<number, number>[], cols: number): CsrMatrix {
    const indptr = new Int32Array(rowMaps.length + 1);
    let nnz = 0;
    for (const m of rowMaps) for (const v of m.values()) if (v !== 0) nnz++;
    const indices = new Int32Array(nnz);
    const data = new Float64Array(nnz);
    let k = 0;
    rowMaps.forEach((m, i) => {
      const cs = Array.from(m.keys()).filter((c) => m.get(c) !== 0).sort((a, b) => a - b);
      for (const c of cs) {
        indices[k] = c;
        data[k++] = m.get(c)!;
      }
      indptr[i + 1] = k;
    });
    return new CsrMatrix([rowMaps.length, cols], indptr, indices, data);
  }

  /**
   * A CSR copy of a dense row-major matrix (nested arrays or `{ data, shape }`).
   *
   * ```ts
   * CsrMatrix.fromDense([[0, 2], [3, 0]]).nnz; // 2
   * ```
   */
  static fromDense(X: readonly (readonly number[])[] | { readonly data: ArrayLike<number>; readonly shape: readonly number[] }): CsrMatrix {
    const rows = Array.isArray(X) ? X.length : (X as { shape: readonly number[] }).shape[0];
    const cols = Array.isArray(X) ? (X.length ? (X[0] as readonly number[]).length : 0) : (X as { shape: readonly number[] }).shape[1];
    const at = Array.isArray(X)
      ? (i: number, j: number) => (X as readonly (readonly number[])[])[i][j]
      : (i: number, j: number) => (X as { data: ArrayLike<number> }).data[i * cols + j];
    const maps: Map<number, number>[] = [];
    for (let i = 0; i < rows; i++) {
      const m = new Map<number, number>();
      for (let j = 0; j < cols; j++) {
        const v = at(i, j);
        if (v !== 0) m.set(j, v);
      }
      maps.push(m);
    }
    return CsrMatrix.fromRowMaps(maps, cols);
  }

  /** The dense values, row-major (length rows · cols). */
  toDenseData(): Float64Array {
    const [rows, cols] = this.shape;
    const out = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      for (let k = this.indptr[i]; k < this.indptr[i + 1]; k++) out[i * cols + this.indices[k]] += this.data[k];
    }
    return out;
  }

  /**
   * The dense (rows, cols) float64 Tensor; any `descent/learn` estimator takes it as X.
   *
   * ```ts
   * new CountVectorizer().fitTransform(['a cat', 'a dog']).toDense().shape; // [2, 2]
   * ```
   */
  toDense(): Tensor {
    return tensor(this.toDenseData(), { shape: [this.shape[0], this.shape[1]] });
  }

  /** The dense matrix as nested arrays. */
  toArray(): number[][] {
    const d = this.toDenseData();
    const cols = this.shape[1];
    return Array.from({ length: this.shape[0] }, (_, i) => Array.from(d.subarray(i * cols, (i + 1) * cols)));
  }

  /** A copy with each stored value replaced by `f(value, column)`. */
  map(f: (v: number, col: number) => number): CsrMatrix {
    const data = this.data.map((v, k) => f(v, this.indices[k]));
    return new CsrMatrix(this.shape, this.indptr.slice(), this.indices.slice(), data);
  }

  /** A copy with each row scaled to unit L1 or L2 norm (all-zero rows stay zero), as `sklearn.preprocessing.normalize`. */
  normalizeRows(norm: 'l1' | 'l2'): CsrMatrix {
    const data = this.data.slice();
    for (let i = 0; i < this.shape[0]; i++) {
      let s = 0;
      for (let k = this.indptr[i]; k < this.indptr[i + 1]; k++) s += norm === 'l1' ? Math.abs(data[k]) : data[k] * data[k];
      if (norm === 'l2') s = Math.sqrt(s);
      if (s === 0) continue;
      for (let k = this.indptr[i]; k < this.indptr[i + 1]; k++) data[k] /= s;
    }
    return new CsrMatrix(this.shape, this.indptr.slice(), this.indices.slice(), data);
  }
}
