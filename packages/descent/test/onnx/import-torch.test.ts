import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { tensor, type Tensor } from '../../src/tensor/index.js';
import { importOnnx, decodeModel } from '../../src/onnx/index.js';
import { runOrt, expectClose } from './ort.js';

// Written by PyTorch's torch.onnx.export (tools/fixtures/onnx_torch.py): another exporter's graph, with PyTorch's outputs.
const fixture = JSON.parse(readFileSync(new URL('../fixtures/onnx-torch.json', import.meta.url), 'utf8')) as Record<string, { onnx: string; input: unknown; output: unknown }>;
const bytesOf = (name: string) => Uint8Array.from(Buffer.from(fixture[name].onnx, 'base64'));

describe('importOnnx reads files PyTorch exported', () => {
  for (const name of ['cnn', 'lstm']) {
    it(`${name}: the imported graph gives PyTorch's output (and so does ONNX Runtime)`, async () => {
      const bytes = bytesOf(name);
      const x = tensor(fixture[name].input as number[], { dtype: 'float32' });
      const want = tensor(fixture[name].output as number[], { dtype: 'float32' });
      const got = importOnnx(bytes).forward(x) as Tensor;
      expect([...got.shape]).toEqual([...want.shape]);
      const diff = Math.max(...Array.from(got.sub(want).abs().toTypedArray() as ArrayLike<number>));
      expect(diff).toBeLessThan(1e-5);
      expectClose((await runOrt(bytes, { input: x })).output, want, 1e-5);
    });
  }

  it('the fixtures use operators beyond Descent\'s own exports (Gemm, Constant, Shape, Squeeze)', () => {
    const ops = new Set(['cnn', 'lstm'].flatMap((n) => decodeModel(bytesOf(n)).graph.node.map((node) => node.opType)));
    for (const op of ['Gemm', 'Constant', 'Shape', 'ConstantOfShape', 'Unsqueeze', 'Squeeze', 'LSTM']) expect(ops.has(op)).toBe(true);
  });
});
