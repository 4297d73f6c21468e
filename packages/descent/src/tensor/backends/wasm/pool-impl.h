/*
 * The pooling kernels for one dtype, included by pool.c with T (float or double) and
 * S(name) (name_f32 or name_f64) set. See pool.c for the definitions.
 */

#define POOL_GEOMETRY                                                                      \
  int H = geo[0], W = geo[1], kh = geo[2], kw = geo[3], sh = geo[4], sw = geo[5];          \
  int ph = geo[6], pw = geo[7], dh = geo[8], dw = geo[9];                                  \
  int Ho = (H + 2 * ph - dh * (kh - 1) - 1) / sh + 1, Wo = (W + 2 * pw - dw * (kw - 1) - 1) / sw + 1;

/*
 * One window's maximum and its index: the first value, then any larger one, or the first NaN
 * (once best is NaN nothing replaces it). Written as selects, not branches: on real data
 * whether the next value is larger is a coin toss, and a mispredicted branch costs more than
 * the comparison. `inside`: the window lies wholly in the image, no bounds checks.
 */
static inline void S(window_max)(const T *x, int H, int W, int h0, int w0, int kh, int kw, int dh, int dw, int inside,
                                 T *y, int *idx) {
  T best = 0;
  int at = -1;
  for (int i = 0; i < kh; i++) {
    int h = h0 + i * dh;
    if (!inside && (h < 0 || h >= H)) continue;
    for (int j = 0; j < kw; j++) {
      int w = w0 + j * dw;
      if (!inside && (w < 0 || w >= W)) continue;
      T v = x[h * W + w];
      int take = (at < 0) | (v > best) | ((v != v) & (best == best));
      best = take ? v : best;
      at = take ? h * W + w : at;
    }
  }
  /* A window wholly in the padding cannot occur (PyTorch requires padding ≤ kernel/2): −∞, index 0. */
  *y = at < 0 ? (T)-__builtin_inf() : best;
  *idx = at < 0 ? 0 : at;
}

/* y, idx (P, Ho, Wo) = the maximum of each window of x (P, H, W) and where it is (h·W + w). */
EXPORT(S(maxpool2d_fwd))
void S(maxpool2d_fwd)(const T *x, T *y, int *idx, const int *geo, int P) {
  POOL_GEOMETRY
  for (int p = 0; p < P; p++, x += H * W) {
    for (int oh = 0; oh < Ho; oh++) {
      int h0 = oh * sh - ph;
      int rows_inside = h0 >= 0 && h0 + (kh - 1) * dh < H;
      int ow = 0;
#ifdef POOL_2X2_ROW
      if (rows_inside && kh == 2 && kw == 2 && sw == 2 && dh == 1 && dw == 1 && pw == 0) {
        ow = POOL_2X2_ROW(x, W, h0, Wo, y, idx);
        y += ow;
        idx += ow;
      }
#endif
      for (; ow < Wo; ow++, y++, idx++) {
        int w0 = ow * sw - pw;
        int inside = rows_inside && w0 >= 0 && w0 + (kw - 1) * dw < W;
        if (inside && kh == 2 && kw == 2) {
          /* The common 2 × 2 window, unrolled. */
          const T *r0 = x + h0 * W + w0, *r1 = r0 + dh * W;
          T best = r0[0];
          int at = h0 * W + w0;
          T v = r0[dw];
          int take = (v > best) | ((v != v) & (best == best));
          best = take ? v : best; at = take ? h0 * W + w0 + dw : at;
          v = r1[0];
          take = (v > best) | ((v != v) & (best == best));
          best = take ? v : best; at = take ? (h0 + dh) * W + w0 : at;
          v = r1[dw];
          take = (v > best) | ((v != v) & (best == best));
          best = take ? v : best; at = take ? (h0 + dh) * W + w0 + dw : at;
          *y = best;
          *idx = at;
        } else {
          S(window_max)(x, H, W, h0, w0, kh, kw, dh, dw, inside, y, idx);
        }
      }
    }
  }
}

/* dx (P, H, W) = 0, then dx[p, idx[p, l]] += dy[p, l]: each window's gradient to its maximum. */
EXPORT(S(maxpool2d_bwd))
void S(maxpool2d_bwd)(const T *dy, const int *idx, T *dx, const int *geo, int P) {
  POOL_GEOMETRY
  (void)kh; (void)kw; (void)dh; (void)dw;
  int L = Ho * Wo;
  for (int i = 0; i < P * H * W; i++) dx[i] = 0;
  for (int p = 0; p < P; p++, dx += H * W, dy += L, idx += L) {
    for (int l = 0; l < L; l++) dx[idx[l]] += dy[l];
  }
}

/* y (P, Ho, Wo) = the mean of each window of x (P, H, W), padding counted as zeros. */
EXPORT(S(avgpool2d_fwd))
void S(avgpool2d_fwd)(const T *x, T *y, const int *geo, int P) {
  POOL_GEOMETRY
  T n = (T)(kh * kw);
  for (int p = 0; p < P; p++, x += H * W) {
    for (int oh = 0; oh < Ho; oh++) {
      int h0 = oh * sh - ph;
      for (int ow = 0; ow < Wo; ow++, y++) {
        int w0 = ow * sw - pw;
        T s = 0;
        for (int i = 0; i < kh; i++) {
          int h = h0 + i * dh;
          if (h < 0 || h >= H) continue;
          for (int j = 0; j < kw; j++) {
            int w = w0 + j * dw;
            if (w >= 0 && w < W) s += x[h * W + w];
          }
        }
        *y = s / n;
      }
    }
  }
}

/* dx (P, H, W) = 0, then every window adds dy/(kh·kw) to each of its pixels inside the image. */
EXPORT(S(avgpool2d_bwd))
void S(avgpool2d_bwd)(const T *dy, T *dx, const int *geo, int P) {
  POOL_GEOMETRY
  T n = (T)(kh * kw);
  for (int i = 0; i < P * H * W; i++) dx[i] = 0;
  for (int p = 0; p < P; p++, dx += H * W) {
    for (int oh = 0; oh < Ho; oh++) {
      int h0 = oh * sh - ph;
      for (int ow = 0; ow < Wo; ow++, dy++) {
        int w0 = ow * sw - pw;
        T share = *dy / n;
        for (int i = 0; i < kh; i++) {
          int h = h0 + i * dh;
          if (h < 0 || h >= H) continue;
          for (int j = 0; j < kw; j++) {
            int w = w0 + j * dw;
            if (w >= 0 && w < W) dx[h * W + w] += share;
          }
        }
      }
    }
  }
}

#undef POOL_GEOMETRY
