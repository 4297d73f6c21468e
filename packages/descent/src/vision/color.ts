/**
 * The colour adjustments as loops over one image's values (C planes of H·W, modified in
 * place): TF.adjustBrightness/Contrast/Saturation call them per image, and ColorJitter calls
 * them with its own factors per image without building a tensor for each. Formulas are
 * torchvision's: blend(a, b, f) = clamp(f·a + (1 − f)·b, 0, 1), with b black (brightness), the
 * image's mean luma (contrast) or each pixel's luma (saturation); luma is ITU-R 601-2,
 * 0.2989·R + 0.587·G + 0.114·B.
 */

/** The luma of pixel k of an RGB image stored as three planes of `plane` values. */
export const luma = (v: ArrayLike<number>, k: number, plane: number): number =>
  0.2989 * v[k] + 0.587 * v[k + plane] + 0.114 * v[k + 2 * plane];

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

export function brightnessInPlace(v: Float64Array, factor: number): void {
  for (let k = 0; k < v.length; k++) v[k] = clamp01(factor * v[k]);
}

/** Contrast for C = 1 (the mean of the image) or C = 3 (the mean luma). */
export function contrastInPlace(v: Float64Array, C: number, factor: number): void {
  const plane = v.length / C;
  let mean = 0;
  for (let k = 0; k < plane; k++) mean += C === 3 ? luma(v, k, plane) : v[k];
  mean /= plane;
  for (let k = 0; k < v.length; k++) v[k] = clamp01(factor * v[k] + (1 - factor) * mean);
}

/** Saturation of an RGB image: each pixel blended with its own luma. */
export function saturationInPlace(v: Float64Array, factor: number): void {
  const plane = v.length / 3;
  for (let k = 0; k < plane; k++) {
    const g = (1 - factor) * luma(v, k, plane);
    for (let c = 0; c < 3; c++) v[k + c * plane] = clamp01(factor * v[k + c * plane] + g);
  }
}
