import { describe, it, expect } from 'vitest';
import { encodeModel, decodeModel, DataType, GraphBuilder } from '../../src/onnx/index.js';

describe('ONNX protobuf writer and reader', () => {
  it('a model survives encode → decode, with negative int64s, packed floats and symbolic dims', () => {
    const g = new GraphBuilder();
    const x = g.input('x', ['N', 3]);
    const w = g.initializer('w', Float32Array.of(1.5, -2, 3e-8), [3, 1]);
    const shape = g.int64s('shape', [0, -1, 2 ** 40]);
    g.node('MatMul', [x, w]);
    g.node('TreeEnsembleRegressor', [x], { nodes_values: { floats: [0.5, 1] }, nodes_modes: ['BRANCH_LEQ', 'LEAF'], n_targets: 1, post_transform: 'NONE', eps: 1e-3, axis: -7 }, 1, 'ai.onnx.ml');
    g.output('matmul', 'y', ['N', 1]);
    const model = g.model('test');
    const back = decodeModel(encodeModel(model));
    expect(back.irVersion).toBe(8);
    expect(back.opsetImport).toEqual([{ domain: '', version: 17 }, { domain: 'ai.onnx.ml', version: 3 }]);
    expect(back.graph.input).toEqual([{ name: 'x', elemType: DataType.FLOAT, shape: ['N', 3] }]);
    expect(back.graph.output[0].shape).toEqual(['N', 1]);
    expect(back.graph.initializer.find((t) => t.name === w)!.values).toEqual(Float32Array.of(1.5, -2, 3e-8));
    expect(back.graph.initializer.find((t) => t.name === shape)!.values).toEqual(BigInt64Array.of(0n, -1n, 2n ** 40n));
    const tree = back.graph.node[1];
    expect(tree.domain).toBe('ai.onnx.ml');
    const attr = Object.fromEntries(tree.attribute.map((a) => [a.name, a]));
    expect(attr.nodes_values.floats).toEqual([0.5, 1]);
    expect(attr.nodes_modes.strings).toEqual(['BRANCH_LEQ', 'LEAF']);
    expect(attr.axis.i).toBe(-7);
    expect(attr.eps.f).toBeCloseTo(1e-3, 9);
    expect(attr.post_transform.s).toBe('NONE');
  });

  it('reads the packed float_data / int64_data forms other exporters write', () => {
    // TensorProto{dims: [2], data_type: FLOAT, float_data: [1, 2] packed, name: "t"} inside GraphProto.initializer (5) inside ModelProto.graph (7).
    const f32 = new Uint8Array(Float32Array.of(1, 2).buffer);
    const tensor = [0x08, 2, 0x10, 1, 0x22, 8, ...f32, 0x42, 1, 0x74];
    const graph = [0x2a, tensor.length, ...tensor];
    const bytes = Uint8Array.from([0x08, 7, 0x3a, graph.length, ...graph]);
    const m = decodeModel(bytes);
    expect(m.irVersion).toBe(7);
    expect(m.graph.initializer[0]).toEqual({ name: 't', dims: [2], dataType: 1, values: Float32Array.of(1, 2) });
  });

  it('rejects bytes that are not a model', () => {
    expect(() => decodeModel(Uint8Array.of(0x08, 0x80))).toThrow(/decodeModel: the bytes end inside a varint/);
    expect(() => decodeModel(Uint8Array.of(0x08, 1))).toThrow(/no graph found/);
    expect(() => decodeModel([1, 2] as unknown as Uint8Array)).toThrow(/expected the model as a Uint8Array/);
  });
});
