/*
 * The convolution kernels for one dtype, included by conv.c with T (float or double),
 * S(name) (name_f32 or name_f64) and MATMUL set. See conv.c for the scheme.
 *
 * Every kernel takes its geometry as seven pairs of ints at `geo`, laid out as
 *   geo = [C, H, W, O, kh, kw, sh, sw, ph, pw, dh, dw, groups]
 * and works on N samples: x (N, C, H, W), w (O, C/groups, kh, kw), y and dy (N, O, Ho, Wo),
 * all contiguous. A thread computing samples [n0, n1) passes pointers to sample n0.
 */

/* cols (K, L) ← the windows of x_g (Cg, H, W): row (c, i, j), column (oh, ow). */
static void S(im2col)(const T *x, int Cg, int H, int W, int kh, int kw, int sh, int sw, int ph, int pw,
                      int dh, int dw, int Ho, int Wo, T *cols) {
  int L = Ho * Wo;
  for (int c = 0; c < Cg; c++) {
    const T *plane = x + c * H * W;
    for (int i = 0; i < kh; i++) {
      for (int j = 0; j < kw; j++) {
        T *dst = cols + ((c * kh + i) * kw + j) * L;
        int lo, hi;
        valid_range(j, sw, pw, dw, W, Wo, &lo, &hi);
        int woff = j * dw - pw;
        for (int oh = 0; oh < Ho; oh++, dst += Wo) {
          int h = oh * sh - ph + i * dh;
          if (h < 0 || h >= H) {
            for (int ow = 0; ow < Wo; ow++) dst[ow] = 0;
            continue;
          }
          const T *line = plane + h * W + woff;
          for (int ow = 0; ow < lo; ow++) dst[ow] = 0;
          if (sw == 1) {
            for (int ow = lo; ow < hi; ow++) dst[ow] = line[ow];       /* a contiguous copy: vectorized */
          } else {
            for (int ow = lo; ow < hi; ow++) dst[ow] = line[ow * sw];
          }
          for (int ow = hi; ow < Wo; ow++) dst[ow] = 0;
        }
      }
    }
  }
}

/* dx_g (Cg, H, W) += col2im(dcols (K, L)): each window entry's gradient back to the pixel it was copied from. */
static void S(col2im)(const T *cols, int Cg, int H, int W, int kh, int kw, int sh, int sw, int ph, int pw,
                      int dh, int dw, int Ho, int Wo, T *dx) {
  int L = Ho * Wo;
  for (int c = 0; c < Cg; c++) {
    T *plane = dx + c * H * W;
    for (int i = 0; i < kh; i++) {
      for (int j = 0; j < kw; j++) {
        const T *src = cols + ((c * kh + i) * kw + j) * L;
        int lo, hi;
        valid_range(j, sw, pw, dw, W, Wo, &lo, &hi);
        int woff = j * dw - pw;
        for (int oh = 0; oh < Ho; oh++, src += Wo) {
          int h = oh * sh - ph + i * dh;
          if (h < 0 || h >= H) continue;
          T *line = plane + h * W + woff;
          if (sw == 1) {
            for (int ow = lo; ow < hi; ow++) line[ow] += src[ow];
          } else {
            for (int ow = lo; ow < hi; ow++) line[ow * sw] += src[ow];
          }
        }
      }
    }
  }
}

/* The output size along one axis: ⌊(H + 2p − d·(k − 1) − 1)/s⌋ + 1 (the caller checked it is ≥ 1). */
static inline int S(out_size)(int H, int k, int s, int p, int d) {
  return (H + 2 * p - d * (k - 1) - 1) / s + 1;
}

/* A 1×1 kernel with stride 1 and no padding: the image is already its column matrix. */
static inline int S(pointwise)(const int *geo) {
  return geo[4] == 1 && geo[5] == 1 && geo[6] == 1 && geo[7] == 1 && geo[8] == 0 && geo[9] == 0;
}

/*
 * y (N, O, Ho, Wo) = conv2d(x, w) + b; b may be 0 (no bias). `cols` is scratch for K·L values.
 * Per sample and group: im2col, then y[n, g] = W_g · cols, then the bias along each row.
 */
EXPORT(S(conv2d_fwd))
void S(conv2d_fwd)(const T *x, const T *w, const T *b, T *y, T *cols, const int *geo, int N) {
  int C = geo[0], H = geo[1], W = geo[2], O = geo[3], kh = geo[4], kw = geo[5];
  int sh = geo[6], sw = geo[7], ph = geo[8], pw = geo[9], dh = geo[10], dw = geo[11], G = geo[12];
  int Ho = S(out_size)(H, kh, sh, ph, dh), Wo = S(out_size)(W, kw, sw, pw, dw), L = Ho * Wo;
  int Cg = C / G, Og = O / G, K = Cg * kh * kw;
  int direct = S(pointwise)(geo);
  for (int n = 0; n < N; n++) {
    for (int g = 0; g < G; g++) {
      const T *xg = x + (n * C + g * Cg) * H * W;
      const T *src = xg;
      T *yg = y + (n * O + g * Og) * L;
#ifdef CONV_DIRECT
      if (!direct && sw == 1) {
        CONV_DIRECT(xg, w + g * Og * K, b ? b + g * Og : 0, yg, cols, Cg, H, W, Og, kh, kw, sh, ph, pw, dh, dw, Ho, Wo);
        continue;
      }
#endif
      if (!direct) {
        S(im2col)(xg, Cg, H, W, kh, kw, sh, sw, ph, pw, dh, dw, Ho, Wo, cols);
        src = cols;
      }
      MATMUL(w + g * Og * K, K, 1, src, L, 1, yg, Og, K, L);
      if (b) {
        for (int o = 0; o < Og; o++) {
          T bo = b[g * Og + o];
          T *row = yg + o * L;
          for (int l = 0; l < L; l++) row[l] += bo;
        }
      }
    }
  }
}

/*
 * dx (N, C, H, W) = the input gradient of conv2d for the output gradient dy (N, O, Ho, Wo):
 * per sample and group, dcols = W_gᵀ · dy[n, g] (W_g read transposed through its strides),
 * then col2im. `cols` is scratch for K·L values.
 */
EXPORT(S(conv2d_bwd_input))
void S(conv2d_bwd_input)(const T *dy, const T *w, T *dx, T *cols, const int *geo, int N) {
  int C = geo[0], H = geo[1], W = geo[2], O = geo[3], kh = geo[4], kw = geo[5];
  int sh = geo[6], sw = geo[7], ph = geo[8], pw = geo[9], dh = geo[10], dw = geo[11], G = geo[12];
  int Ho = S(out_size)(H, kh, sh, ph, dh), Wo = S(out_size)(W, kw, sw, pw, dw), L = Ho * Wo;
  int Cg = C / G, Og = O / G, K = Cg * kh * kw;
  int direct = S(pointwise)(geo);
  for (int n = 0; n < N; n++) {
    for (int g = 0; g < G; g++) {
      const T *dyg = dy + (n * O + g * Og) * L;
      T *dxg = dx + (n * C + g * Cg) * H * W;
      if (direct) {
        MATMUL(w + g * Og * K, 1, K, dyg, L, 1, dxg, K, Og, L);   /* (K, Og) · (Og, L), K = Cg */
        continue;
      }
      MATMUL(w + g * Og * K, 1, K, dyg, L, 1, cols, K, Og, L);
      for (int i = 0; i < Cg * H * W; i++) dxg[i] = 0;
      S(col2im)(cols, Cg, H, W, kh, kw, sh, sw, ph, pw, dh, dw, Ho, Wo, dxg);
    }
  }
}

/*
 * dw (O, Cg, kh, kw) += Σ_n the weight gradient of sample n, and db (O,) += Σ_{n, l} dy[n, o, l]
 * (db may be 0: no bias), sample after sample. Per sample and group: im2col, then
 * dy[n, g] · colsᵀ (cols read transposed through its strides) into `tmp`, added into dw.
 * `cols` is scratch for K·L values, `tmp` for Og·K. A batch split into chunks of samples and
 * run chunk after chunk adds the same terms in the same order as one call on the whole batch.
 */
EXPORT(S(conv2d_bwd_weight_acc))
void S(conv2d_bwd_weight_acc)(const T *dy, const T *x, T *dw_, T *db, T *cols, T *tmp, const int *geo, int N) {
  int C = geo[0], H = geo[1], W = geo[2], O = geo[3], kh = geo[4], kw = geo[5];
  int sh = geo[6], sw = geo[7], ph = geo[8], pw = geo[9], dh = geo[10], dw = geo[11], G = geo[12];
  int Ho = S(out_size)(H, kh, sh, ph, dh), Wo = S(out_size)(W, kw, sw, pw, dw), L = Ho * Wo;
  int Cg = C / G, Og = O / G, K = Cg * kh * kw;
  int direct = S(pointwise)(geo);
  for (int n = 0; n < N; n++) {
    for (int g = 0; g < G; g++) {
      const T *xg = x + (n * C + g * Cg) * H * W;
      const T *src = xg;
      const T *dyg = dy + (n * O + g * Og) * L;
      T *dwg = dw_ + g * Og * K;
#ifdef CONV_DIRECT_WGRAD
      if (!direct && sw == 1 && K < 32) {
        CONV_DIRECT_WGRAD(dyg, xg, dwg, cols, Cg, H, W, Og, kh, kw, sh, ph, pw, dh, dw, Ho, Wo);
      } else
#endif
      {
        if (!direct) {
          S(im2col)(xg, Cg, H, W, kh, kw, sh, sw, ph, pw, dh, dw, Ho, Wo, cols);
          src = cols;
        }
        MATMUL(dyg, L, 1, src, 1, L, tmp, Og, L, K);
        for (int i = 0; i < Og * K; i++) dwg[i] += tmp[i];
      }
      if (db) {
        for (int o = 0; o < Og; o++) {
          const T *row = dyg + o * L;
          T s = 0;
          for (int l = 0; l < L; l++) s += row[l];
          db[g * Og + o] += s;
        }
      }
    }
  }
}

/* The same with dw and db cleared first: the weight gradient of samples [0, N). */
EXPORT(S(conv2d_bwd_weight))
void S(conv2d_bwd_weight)(const T *dy, const T *x, T *dw_, T *db, T *cols, T *tmp, const int *geo, int N) {
  int O = geo[3], K = geo[0] / geo[12] * geo[4] * geo[5];
  for (int i = 0; i < O * K; i++) dw_[i] = 0;
  if (db) for (int o = 0; o < O; o++) db[o] = 0;
  S(conv2d_bwd_weight_acc)(dy, x, dw_, db, cols, tmp, geo, N);
}
