/**
 * Colour scales and pixel painting for the playgrounds' pictures. Heat maps are painted
 * at grid resolution into ImageData and scaled up by the canvas (smoothly), which is
 * what keeps a redraw well under a millisecond.
 */

export type RGB = [number, number, number];

/** Orange for −1 (class 0), near-white for 0, blue for +1 (class 1): distinguishable with every common colour-vision deficiency. */
export const NEGATIVE: RGB = [245, 147, 34];
export const NEUTRAL: RGB = [240, 242, 244];
export const POSITIVE: RGB = [8, 119, 189];

/** Categorical colours for up to 8 classes or series (Okabe–Ito, minus yellow for contrast on white). */
export const CATEGORICAL = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#d55e00', '#56b4e9', '#000000', '#999999'];

const mix = (a: RGB, b: RGB, t: number): RGB => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];

/** 256 RGB entries of the diverging scale over [-1, 1], flattened (r, g, b, r, g, b, …). */
export const DIVERGING_LUT: Uint8ClampedArray = (() => {
  const lut = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const v = (i / 255) * 2 - 1;
    const c = v < 0 ? mix(NEUTRAL, NEGATIVE, -v) : mix(NEUTRAL, POSITIVE, v);
    lut.set(c.map(Math.round), i * 3);
  }
  return lut;
})();

/** A sequential scale (light to dark blue-purple) for magnitudes in [0, 1], 256 entries. */
export const SEQUENTIAL_LUT: Uint8ClampedArray = (() => {
  const stops: RGB[] = [[247, 251, 255], [107, 174, 214], [33, 113, 181], [8, 48, 107], [37, 0, 70]];
  const lut = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const t = (i / 255) * (stops.length - 1);
    const k = Math.min(stops.length - 2, Math.floor(t));
    lut.set(mix(stops[k], stops[k + 1], t - k).map(Math.round), i * 3);
  }
  return lut;
})();

/** A light grey ramp (white to slate) for backgrounds that coloured marks are drawn over. */
export const GREY_LUT: Uint8ClampedArray = (() => {
  const lo: RGB = [255, 255, 255];
  const hi: RGB = [122, 132, 150];
  const lut = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) lut.set(mix(lo, hi, i / 255).map(Math.round), i * 3);
  return lut;
})();

/** The LUT index for a value, clamping to [lo, hi]. */
export function lutIndex(v: number, lo: number, hi: number): number {
  const t = (v - lo) / (hi - lo);
  if (!(t > 0)) return 0; // NaN lands here too
  return t >= 1 ? 255 : Math.round(t * 255);
}

/**
 * Writes values (row-major, res × res, row 0 at the top) into an RGBA buffer through a
 * colour table over [lo, hi].
 *
 * ```ts
 * const px = new Uint8ClampedArray(4 * 50 * 50);
 * paint(values, px, DIVERGING_LUT, -1, 1);
 * ```
 */
export function paint(values: ArrayLike<number>, rgba: Uint8ClampedArray, lut: Uint8ClampedArray, lo: number, hi: number): void {
  for (let i = 0; i < values.length; i++) {
    const k = lutIndex(values[i], lo, hi) * 3;
    rgba[4 * i] = lut[k];
    rgba[4 * i + 1] = lut[k + 1];
    rgba[4 * i + 2] = lut[k + 2];
    rgba[4 * i + 3] = 255;
  }
}

/**
 * A heat-map painter for one canvas: values at `res` × `res` go into a small offscreen
 * canvas that is drawn scaled to the visible canvas's size.
 */
export class HeatMap {
  private readonly small: HTMLCanvasElement;
  private image: ImageData;

  constructor(readonly canvas: HTMLCanvasElement, res: number) {
    this.small = document.createElement('canvas');
    this.small.width = this.small.height = res;
    this.image = new ImageData(res, res);
  }

  /**
   * Paints values in [lo, hi] (row-major, row 0 at the top; res² of them, res may change
   * from call to call) and scales them onto the canvas.
   */
  draw(values: ArrayLike<number>, lut: Uint8ClampedArray = DIVERGING_LUT, lo = -1, hi = 1, smooth = true): void {
    const res = Math.round(Math.sqrt(values.length));
    if (res !== this.image.width) {
      this.small.width = this.small.height = res;
      this.image = new ImageData(res, res);
    }
    paint(values, this.image.data, lut, lo, hi);
    this.small.getContext('2d')!.putImageData(this.image, 0, 0);
    const ctx = this.canvas.getContext('2d')!;
    ctx.imageSmoothingEnabled = smooth;
    ctx.drawImage(this.small, 0, 0, this.canvas.width, this.canvas.height);
  }
}

/** `rgb(…)` of a diverging-scale value, for strokes and legends. */
export function divergingCss(v: number): string {
  const k = lutIndex(v, -1, 1) * 3;
  return `rgb(${DIVERGING_LUT[k]}, ${DIVERGING_LUT[k + 1]}, ${DIVERGING_LUT[k + 2]})`;
}

/**
 * Sizes a canvas's backing store to its CSS box times the device pixel ratio, so lines
 * and text stay sharp; returns the CSS size drawing code works in.
 */
export function fitCanvas(canvas: HTMLCanvasElement, cssWidth: number, cssHeight: number): CanvasRenderingContext2D {
  const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
  const w = Math.round(cssWidth * dpr);
  const hgt = Math.round(cssHeight * dpr);
  if (canvas.width !== w || canvas.height !== hgt) {
    canvas.width = w;
    canvas.height = hgt;
  }
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}
