import { toMatrix, toNumbers, type Numeric, type NumericMatrix } from './data.js';
import { baseSpec, type ChartOptions, type ChartSpec } from './spec.js';

export interface ImageGridOptions extends ChartOptions {
  /** `[height, width]` of each image, needed when images are flat arrays that are not square. */
  shape?: [number, number];
  /** Images per row. */
  columns?: number;
  /** A caption per image, such as its label or prediction. */
  labels?: (string | number)[];
  /** Screen pixels per image pixel. */
  pixelSize?: number;
}

function hasToArray(x: unknown): x is { toArray(): unknown } {
  return typeof x === 'object' && x !== null && typeof (x as { toArray?: unknown }).toArray === 'function';
}

/** One image as rows of pixels, from a 2-D array or a flat array plus a shape. */
function toImage(image: unknown, shape: [number, number] | undefined, index: number): number[][] {
  const raw = hasToArray(image) ? image.toArray() : image;
  const first = (raw as ArrayLike<unknown>)[0];
  if (typeof first === 'object' && first !== null) return toMatrix(raw as NumericMatrix, `image ${index}`);
  const flat = toNumbers(raw as Numeric, `image ${index}`);
  const side = Math.round(Math.sqrt(flat.length));
  const [h, w] = shape ?? [side, side];
  if (h * w !== flat.length) {
    throw new RangeError(`Image ${index} has ${flat.length} pixels, which is not ${h}×${w}; pass options.shape.`);
  }
  return Array.from({ length: h }, (_, r) => flat.slice(r * w, (r + 1) * w));
}

/**
 * A grid of greyscale images (digits, filters, feature maps), each with an optional caption.
 * Accepts a list of images (2-D arrays or flat arrays) or a tensor of shape (n, h, w).
 *
 * @example
 * imageGrid(digits.slice(0, 8), { shape: [8, 8], labels: targets.slice(0, 8), columns: 4 });
 */
export function imageGrid(images: unknown[] | { toArray(): unknown }, options: ImageGridOptions = {}): ChartSpec {
  const list = (hasToArray(images) ? images.toArray() : images) as unknown[];
  const pictures = list.map((img, k) => toImage(img, options.shape, k));
  const h = pictures[0]?.length ?? 0;
  const w = pictures[0]?.[0]?.length ?? 0;
  const pixel = options.pixelSize ?? Math.max(2, Math.floor(96 / Math.max(h, w, 1)));
  const captions = pictures.map((_, k) => String(options.labels?.[k] ?? k));
  const values = pictures.flatMap((rows, k) =>
    rows.flatMap((row, r) => row.map((value, c) => ({ image: k, row: r, col: c, value }))));
  const { width: _w, height: _h, ...top } = baseSpec(options);
  return {
    ...top,
    data: { values },
    columns: options.columns ?? Math.min(8, pictures.length),
    facet: {
      field: 'image',
      type: 'ordinal',
      title: null,
      // Facets are keyed by index (captions may repeat); the header looks the caption up.
      header: { labelExpr: `${JSON.stringify(captions)}[datum.value]`, labelFontSize: 11, labelPadding: 4 },
    },
    spec: {
      width: w * pixel,
      height: h * pixel,
      mark: { type: 'rect', aria: false },
      encoding: {
        x: { field: 'col', type: 'ordinal', axis: null },
        y: { field: 'row', type: 'ordinal', axis: null },
        color: { field: 'value', type: 'quantitative', scale: { scheme: 'greys' }, legend: null },
      },
    },
    resolve: { scale: { color: 'independent' } },
  };
}
