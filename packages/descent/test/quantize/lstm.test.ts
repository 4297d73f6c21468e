/** Dynamic int8 quantization of LSTMs, against the float LSTM it came from. */
import { describe, expect, it } from 'vitest';
import { manualSeed, randn } from '../../src/tensor/index.js';
import { LSTM, Module } from '../../src/nn/index.js';
import { QuantizedLSTM, quantizeDynamic } from '../../src/quantize/index.js';

describe('QuantizedLSTM', () => {
  for (const opts of [{ numLayers: 1 }, { numLayers: 2, batchFirst: true }]) {
    it(`follows the float LSTM ${JSON.stringify(opts)}`, () => {
      manualSeed(2);
      const lstm = new LSTM(6, 12, opts), x = randn(opts.batchFirst ? [3, 7, 6] : [7, 3, 6]); // N = 3, L = 7
      const h0 = randn([opts.numLayers, 3, 12]).mul(0.5), c0 = randn([opts.numLayers, 3, 12]).mul(0.5);
      lstm.eval();
      const [want, [hW, cW]] = lstm.forward(x, [h0, c0]);
      const [got, [hG, cG]] = QuantizedLSTM.from(lstm).forward(x, [h0, c0]);
      expect(got.shape).toEqual(want.shape);
      const err = got.sub(want).abs().max().item() as number;
      expect(err).toBeGreaterThan(0);
      expect(err).toBeLessThan(0.03);
      expect(hG.sub(hW).abs().max().item()).toBeLessThan(0.03);
      expect(cG.sub(cW).abs().max().item()).toBeLessThan(0.05);
    });
  }

  it('quantizeDynamic converts an LSTM inside a model; bidirectional ones are refused by name', () => {
    class Tagger extends Module {
      rnn = new LSTM(4, 8);
      forward(x: ReturnType<typeof randn>) { return this.rnn.forward(x)[0]; }
    }
    const m = quantizeDynamic(new Tagger());
    expect(m.rnn).toBeInstanceOf(QuantizedLSTM);
    expect(() => QuantizedLSTM.from(new LSTM(4, 8, { bidirectional: true }))).toThrow(/QuantizedLSTM.from: bidirectional/);
  });
});
