/*
 * One k-means assignment pass for WebAssembly SIMD, float64: each sample's nearest centre,
 * and (for Lloyd's M-step) each cluster's weighted sum and weight, in one sweep over X.
 *
 * The JavaScript it replaces (learn/cluster/kmeans-single.ts `assignLabelsGemm`) computes
 * the dot products X·Cᵀ with the registry's matmul (matmul.c, in blocks of 256 rows), then
 * for each sample the argmin over j of ‖c_j‖² − 2·x·c_j (ties to the lower j), then adds
 * w·x to its cluster's sum. Here the dot products are formed sample by sample, two samples
 * and up to eight centres at a time (centres in f64x2 lanes), without the copy into matmul.c's
 * packed panels and without writing the (n, k) product out. The result is the same bit for
 * bit: matmul.c forms each element as ((0 + a₀b₀) + a₁b₁) + … over a depth block of KC
 * values and adds the blocks' totals in order, and so does this loop; the distance, the
 * argmin and the sums are the same IEEE operations in the same order (WebAssembly has no
 * fused multiply-add, so nothing is contracted).
 */
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))

/* matmul.c's depth block: dot products over more than KC features are summed per block. */
enum { KC = 256 };

/*
 * Dot products of samples x0 and x1 (d values each) with the 2·G centres j0 … j0+2G of
 * Ct (d, kp), written to dot0[j0 …] and dot1[j0 …] as matmul.c forms them: the first
 * depth block stores its total, later blocks add theirs to what is there. G (1 to 4) is a
 * constant at each call, so the accumulators stay in registers: 2·G independent sums, as
 * many as keep the multiply and add units busy without spilling.
 */
static inline __attribute__((always_inline)) void dots(const double *x0, const double *x1, const double *Ct, int d, int kp, int j0, double *dot0, double *dot1, const int G) {
  for (int pc = 0; pc < d; pc += KC) {
    int end = d - pc < KC ? d : pc + KC;
    v128_t a[4], b[4];
    for (int q = 0; q < G; q++) a[q] = b[q] = wasm_f64x2_splat(0);
    const double *c = Ct + pc * kp + j0;
    for (int f = pc; f < end; f++, c += kp) {
      v128_t x = wasm_f64x2_splat(x0[f]), y = wasm_f64x2_splat(x1[f]);
      for (int q = 0; q < G; q++) {
        v128_t cq = wasm_v128_load(c + 2 * q);
        a[q] = wasm_f64x2_add(a[q], wasm_f64x2_mul(x, cq));
        b[q] = wasm_f64x2_add(b[q], wasm_f64x2_mul(y, cq));
      }
    }
    for (int q = 0; q < G; q++) {
      if (pc > 0) {
        a[q] = wasm_f64x2_add(a[q], wasm_v128_load(dot0 + j0 + 2 * q));
        b[q] = wasm_f64x2_add(b[q], wasm_v128_load(dot1 + j0 + 2 * q));
      }
      wasm_v128_store(dot0 + j0 + 2 * q, a[q]);
      wasm_v128_store(dot1 + j0 + 2 * q, b[q]);
    }
  }
}

/* All kp centres for two samples, in groups of at most 4 pairs of similar sizes (10 centres: 6 + 4). */
static void allDots(const double *x0, const double *x1, const double *Ct, int d, int kp, double *dot0, double *dot1) {
  int pairs = kp / 2, groups = (pairs + 3) / 4;
  for (int j0 = 0; groups > 0; groups--) {
    int G = (pairs + groups - 1) / groups;
    switch (G) {
      case 1: dots(x0, x1, Ct, d, kp, j0, dot0, dot1, 1); break;
      case 2: dots(x0, x1, Ct, d, kp, j0, dot0, dot1, 2); break;
      case 3: dots(x0, x1, Ct, d, kp, j0, dot0, dot1, 3); break;
      default: dots(x0, x1, Ct, d, kp, j0, dot0, dot1, 4); break;
    }
    j0 += 2 * G;
    pairs -= G;
  }
}

/*
 * out (n, m) = X (n, d) · Ct for the first m columns of Ct (d, kp), kp = m rounded up to even
 * with a zero column: k-means++'s distances to its candidate centres (kmeans-init.ts), each
 * product summed as matmul.c sums it. dot: scratch of 2·kp values.
 */
EXPORT(kmeans_dots_f64)
void kmeans_dots_f64(const double *X, int n, int d, const double *Ct, int kp, int m, double *out, double *dot) {
  double *dot0 = dot, *dot1 = dot + kp;
  for (int i = 0; i < n; i += 2) {
    const double *x0 = X + i * d;
    const double *x1 = i + 1 < n ? x0 + d : x0;
    allDots(x0, x1, Ct, d, kp, dot0, dot1);
    for (int j = 0; j < m; j++) out[i * m + j] = dot0[j];
    if (i + 1 < n) for (int j = 0; j < m; j++) out[(i + 1) * m + j] = dot1[j];
  }
}

/* The nearest of the k centres by ‖c‖² − 2·x·c, the first among equals. */
static int nearest(const double *cnorm, const double *dot, int k) {
  int best = 0;
  double bestD = __builtin_inf();
  for (int j = 0; j < k; j++) {
    double dist = cnorm[j] - 2 * dot[j];
    if (dist < bestD) { bestD = dist; best = j; }
  }
  return best;
}

/*
 * X (n, d) row-major; Ct (d, kp) the centres as columns, kp = k rounded up to even with a
 * zero column; cnorm (k) their squared norms; dot scratch of 2·kp values. Writes
 * labels (n). When sums is not 0, also sums (k, d) = Σ w·x and weight (k) = Σ w per cluster,
 * w (n) the sample weights (read only then).
 */
/* sums (k, d) += w[i]·x_i and weight (k) += w[i] for sample i of X, into cluster l. */
static inline void addSample(const double *x, double wi, int d, double *o, double *weight, int l) {
  weight[l] += wi;
  v128_t ws = wasm_f64x2_splat(wi);
  int f = 0;
  for (; f + 2 <= d; f += 2) wasm_v128_store(o + f, wasm_f64x2_add(wasm_v128_load(o + f), wasm_f64x2_mul(ws, wasm_v128_load(x + f))));
  for (; f < d; f++) o[f] += wi * x[f];
}

/*
 * Each cluster's Σ w·x (sums, (k, d)) and Σ w (weight, (k)) from given labels, samples in
 * order: Elkan's M-step (kmeans-single.ts `updateCenters`, whose loop this is).
 */
EXPORT(kmeans_sums_f64)
void kmeans_sums_f64(const double *X, const double *w, const int *labels, int n, int d, int k, double *sums, double *weight) {
  for (int i = 0; i < k * d; i++) sums[i] = 0;
  for (int j = 0; j < k; j++) weight[j] = 0;
  for (int i = 0; i < n; i++) addSample(X + i * d, w[i], d, sums + labels[i] * d, weight, labels[i]);
}

EXPORT(kmeans_assign_f64)
void kmeans_assign_f64(const double *X, const double *w, int n, int d, int k, int kp, const double *Ct, const double *cnorm, double *dot,
                       int *labels, double *sums, double *weight) {
  double *dot0 = dot, *dot1 = dot + kp;
  if (sums) {
    for (int i = 0; i < k * d; i++) sums[i] = 0;
    for (int j = 0; j < k; j++) weight[j] = 0;
  }
  for (int i = 0; i < n; i += 2) {
    const double *x0 = X + i * d;
    const double *x1 = i + 1 < n ? x0 + d : x0; /* an odd last sample is paired with itself */
    allDots(x0, x1, Ct, d, kp, dot0, dot1);
    labels[i] = nearest(cnorm, dot0, k);
    if (i + 1 < n) labels[i + 1] = nearest(cnorm, dot1, k);
    if (sums) {
      for (int s = i; s < n && s < i + 2; s++) addSample(X + s * d, w[s], d, sums + labels[s] * d, weight, labels[s]);
    }
  }
}

/* ‖x − c‖ over d features, summed in order as kmeans-init.ts `sqDist` (f64.sqrt is IEEE's, as Math.sqrt). */
static double dist(const double *x, const double *c, int d) {
  double s = 0;
  for (int f = 0; f < d; f++) {
    double t = x[f] - c[f];
    s += t * t;
  }
  return __builtin_sqrt(s);
}

/*
 * One assignment pass of Elkan's algorithm (kmeans-single.ts `kmeansElkan`, whose loop this
 * is, test for test): labels (n), upper (n) and lower (n, k) bounds updated in place from the
 * centres C (k, d), half the distances between centres half (k, k) and half the distance of
 * each to its nearest other next (k). When sums is not 0, also each cluster's Σ w·x and Σ w
 * for the new labels, as kmeans_sums_f64.
 */
EXPORT(kmeans_elkan_f64)
void kmeans_elkan_f64(const double *X, const double *w, int n, int d, int k, const double *C, const double *half, const double *next,
                      int *labels, double *upper, double *lower, double *sums, double *weight) {
  if (sums) {
    for (int i = 0; i < k * d; i++) sums[i] = 0;
    for (int j = 0; j < k; j++) weight[j] = 0;
  }
  for (int i = 0; i < n; i++) {
    const double *x = X + i * d;
    double *lo = lower + i * k;
    int label = labels[i];
    double ub = upper[i];
    if (!(next[label] >= ub)) { /* else no other centre can be nearer */
      int tight = 0;
      for (int j = 0; j < k; j++) {
        if (j == label || ub <= lo[j] || ub <= half[j * k + label]) continue;
        if (!tight) {
          ub = dist(x, C + label * d, d);
          lo[label] = ub;
          tight = 1;
        }
        if (ub > lo[j] || ub > half[label * k + j]) {
          double dj = dist(x, C + j * d, d);
          lo[j] = dj;
          if (dj < ub) { label = j; ub = dj; }
        }
      }
      labels[i] = label;
      upper[i] = ub;
    }
    if (sums) addSample(x, w[i], d, sums + label * d, weight, label);
  }
}
