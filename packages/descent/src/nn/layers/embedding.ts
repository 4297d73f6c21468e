/**
 * A lookup table: row i of `weight` (numEmbeddings, embeddingDim) is the vector for token i.
 * Initialized N(0, 1) like PyTorch; the `paddingIdx` row starts at zero and receives no
 * gradient, so it stays whatever it is.
 */
import { Tensor, randn, tensor, where, type DType, type TensorLike } from '../../tensor/index.js';
import { Module, Parameter } from '../module.js';

export class Embedding extends Module {
  weight: Parameter;

  constructor(readonly numEmbeddings: number, readonly embeddingDim: number, readonly options: { paddingIdx?: number; dtype?: DType } = {}) {
    super();
    const w = randn([numEmbeddings, embeddingDim], { dtype: options.dtype });
    const pad = options.paddingIdx;
    if (pad !== undefined) {
      if (!Number.isInteger(pad) || pad < -numEmbeddings || pad >= numEmbeddings) {
        throw new RangeError(`Embedding: paddingIdx ${pad} is outside 0..${numEmbeddings - 1}`);
      }
      w.select(0, pad).fill_(0);
    }
    this.weight = new Parameter(w);
  }

  /** Indices of any shape (…) → vectors (…, embeddingDim). */
  forward(indices: TensorLike): Tensor {
    const idx = indices instanceof Tensor ? indices : tensor(indices as number[], { dtype: 'int32' });
    const flat = idx.reshape([-1]);
    const rows = this.weight.indexSelect(0, flat);
    let out = rows;
    const pad = this.options.paddingIdx;
    if (pad !== undefined) {
      const p = pad < 0 ? pad + this.numEmbeddings : pad;
      // The padding rows keep their value but pass no gradient back.
      out = where(flat.ne(p).unsqueeze(1), rows, rows.detach());
    }
    return out.reshape([...idx.shape, this.embeddingDim]);
  }

  protected override extraRepr(): string {
    return `${this.numEmbeddings}, ${this.embeddingDim}${this.options.paddingIdx !== undefined ? `, paddingIdx=${this.options.paddingIdx}` : ''}`;
  }
}
