/**
 * descent/vision's deterministic image operations against torchvision 0.14's
 * transforms.functional in float64 (tools/fixtures/vision_transforms.py): flips, pad + crop at
 * a given offset, normalize, bilinear rotation (torchvision's centre and sign convention),
 * brightness/contrast/saturation, greyscale, erase, and bilinear resize as
 * F.interpolate(align_corners=False).
 */
import { describe, it, expect } from 'vitest';
import { TF } from '../../src/vision/index.js';
import type { Tensor } from '../../src/tensor/index.js';
import { decode, expectClose, loadFixture, type EncodedTensor } from '../helpers/fixtures.js';

interface Case { name: string; op: string; x: EncodedTensor; args: Record<string, unknown>; y: EncodedTensor }
const fx = loadFixture<{ source: string; cases: Case[] }>('vision-transforms.json');
const TIGHT = { rtol: 1e-10, atol: 1e-12 };

function run(op: string, x: Tensor, a: Record<string, unknown>): Tensor {
  const n = (k: string) => a[k] as number;
  switch (op) {
    case 'hflip': return TF.hflip(x);
    case 'vflip': return TF.vflip(x);
    case 'padCrop': return TF.crop(TF.pad(x, a.padding as TF.Padding, n('fill')), n('top'), n('left'), n('height'), n('width'));
    case 'normalize': return TF.normalize(x, a.mean as number[], a.std as number[]);
    case 'rotate': return TF.rotate(x, n('angle'));
    case 'adjustBrightness': return TF.adjustBrightness(x, n('factor'));
    case 'adjustContrast': return TF.adjustContrast(x, n('factor'));
    case 'adjustSaturation': return TF.adjustSaturation(x, n('factor'));
    case 'rgbToGrayscale': return TF.rgbToGrayscale(x);
    case 'erase': return TF.erase(x, n('top'), n('left'), n('height'), n('width'), n('value'));
    case 'resize': return TF.resize(x, a.size as [number, number]);
    default: throw new Error(`unknown op ${op}`);
  }
}

describe(`vision functional ops match ${fx.source}`, () => {
  for (const c of fx.cases) {
    it(c.name, () => {
      expectClose(run(c.op, decode(c.x), c.args), c.y, TIGHT, c.name);
    });
  }
  it('keeps float32 in float32', () => {
    const c = fx.cases.find((k) => k.op === 'rotate')!;
    const y = TF.rotate(decode(c.x, 'float32'), c.args.angle as number);
    expect(y.dtype).toBe('float32');
    expectClose(y, decode(c.y, 'float32'), { rtol: 1e-5, atol: 1e-6 }, 'float32 rotate');
  });
});
