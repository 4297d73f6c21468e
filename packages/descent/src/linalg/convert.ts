// Crossing the boundary between the public API (Tensors and nested arrays) and
// the internal Matrix type the kernels work on. Every public linalg function
// goes through here, so input checks and their messages live in one place.

import { Tensor, tensor } from '../tensor/index.js';
import { type Matrix, shapeStr } from './matrix.js';

/** A matrix argument: a 2-D Tensor (any dtype, computed in float64) or nested rows. */
export type MatrixLike = Tensor | readonly (readonly number[])[];
/** A vector argument: a 1-D Tensor or a plain array of numbers. */
export type VectorLike = Tensor | readonly number[];

/** An input that may be a vector (1-D) or a matrix (2-D). */
export interface Operand {
  /** The values as a matrix; a vector of length n becomes an (n, 1) column. */
  readonly M: Matrix;
  /** The original shape, for messages and for giving results the same rank. */
  readonly shape: readonly number[];
}

/** Shape of a nested array input, checking it is rectangular and made of numbers. */
function nestedShape(fn: string, name: string, x: readonly unknown[]): number[] {
  if (x.length === 0 || !Array.isArray(x[0])) {
    x.forEach((v, i) => {
      if (typeof v !== 'number') {
        throw new TypeError(`${fn}: ${name}[${i}] is ${JSON.stringify(v)}, expected a number`);
      }
    });
    return [x.length];
  }
  const cols = (x[0] as unknown[]).length;
  x.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== cols) {
      throw new TypeError(
        `${fn}: ${name} is ragged: row ${i} has ${Array.isArray(row) ? `length ${row.length}` : 'no entries'}, ` +
          `row 0 has length ${cols}; every row of a matrix needs the same length`,
      );
    }
    row.forEach((v: unknown, j: number) => {
      if (typeof v !== 'number') {
        throw new TypeError(
          `${fn}: ${name}[${i}][${j}] is ${Array.isArray(v) ? 'an array' : JSON.stringify(v)}, expected a number ` +
            '(batched, 3-D inputs are not supported yet)',
        );
      }
    });
  });
  return [x.length, cols];
}

/** Read a 1-D or 2-D input into a Matrix (vectors become columns). */
export function toOperand(fn: string, x: MatrixLike | VectorLike, name = 'a'): Operand {
  let shape: number[];
  let data: Float64Array;
  if (x instanceof Tensor) {
    shape = [...x.shape];
    const flat = x.toTypedArray(); // a fresh row-major copy
    data = flat instanceof Float64Array ? flat : Float64Array.from(flat as ArrayLike<number>);
  } else if (Array.isArray(x)) {
    shape = nestedShape(fn, name, x);
    data = new Float64Array(shape.length === 1 ? (x as number[]) : (x as number[][]).flat());
  } else {
    throw new TypeError(`${fn}: ${name} must be a Tensor or nested arrays of numbers, got ${typeof x}`);
  }
  if (shape.length > 2) {
    throw new Error(
      `${fn}: batched inputs are not supported yet, got ${name} with shape ${shapeStr(shape)}; ` +
        'loop over the leading axes and call it on each 2-D matrix',
    );
  }
  if (shape.length === 0) {
    throw new Error(`${fn}: ${name} is a scalar (shape ()), expected a vector or a matrix`);
  }
  const M: Matrix = shape.length === 1 ? { rows: shape[0], cols: 1, data } : { rows: shape[0], cols: shape[1], data };
  return { M, shape };
}

/** Read a 2-D input into a Matrix; anything else is a clear error. */
export function toMatrix(fn: string, x: MatrixLike, name = 'a'): Matrix {
  const { M, shape } = toOperand(fn, x, name);
  if (shape.length !== 2) {
    throw new Error(`${fn}: expected a 2-D matrix, got ${name} with shape ${shapeStr(shape)}`);
  }
  return M;
}

/** A float64 Tensor of shape (rows, cols) holding M. */
export function matrixToTensor(M: Matrix): Tensor {
  return tensor(M.data, { dtype: 'float64', shape: [M.rows, M.cols] });
}

/** A float64 Tensor of shape (n,) holding v. */
export function vectorToTensor(v: Float64Array): Tensor {
  return tensor(v, { dtype: 'float64', shape: [v.length] });
}

/** A float64 Tensor with the data of M and the given shape (e.g. a column back to a vector). */
export function reshapeToTensor(M: Matrix, shape: readonly number[]): Tensor {
  return tensor(M.data, { dtype: 'float64', shape });
}
