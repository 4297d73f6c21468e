/*
 * The histogram of one node in histogram gradient boosting (learn/ensemble/hist-grower.ts):
 * for each of the node's samples i, in the order given, and each active feature a, add
 * g[i], h[i] and 1 to the three values [G, H, count] at position slot[i·m + a] of the
 * histogram (hist-layout.ts precomputes the positions).
 *
 * The JavaScript loop it replaces adds in the same order: each position sums its samples in
 * the order of `rows`, and a sample's m positions are distinct, so doing four of them per
 * iteration reorders nothing. Each sum is the same chain of IEEE double additions, so the
 * histogram (and every tree grown from it) is the same bit for bit. It is faster than the
 * JavaScript only for what V8 adds to that loop: a bounds check on every typed-array access
 * and the index arithmetic around them.
 */
#include <stdint.h>
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))

/* One sample: its m positions in `s`, four at a time. */
#define ADD_SAMPLE(s, m, gi, hi, hist)                                              \
  do {                                                                              \
    int a = 0;                                                                      \
    for (; a + 4 <= (m); a += 4) {                                                  \
      double *p0 = (hist) + (s)[a], *p1 = (hist) + (s)[a + 1];                      \
      double *p2 = (hist) + (s)[a + 2], *p3 = (hist) + (s)[a + 3];                  \
      p0[0] += (gi); p0[1] += (hi); p0[2] += 1;                                     \
      p1[0] += (gi); p1[1] += (hi); p1[2] += 1;                                     \
      p2[0] += (gi); p2[1] += (hi); p2[2] += 1;                                     \
      p3[0] += (gi); p3[1] += (hi); p3[2] += 1;                                     \
    }                                                                               \
    for (; a < (m); a++) {                                                          \
      double *p = (hist) + (s)[a];                                                  \
      p[0] += (gi); p[1] += (hi); p[2] += 1;                                        \
    }                                                                               \
  } while (0)

/*
 * hist (size values) ← the histogram of samples rows[0 … count): slot (n, m) row-major
 * positions, g and h (n) the samples' gradients and hessians. `wide`: slot holds int32
 * positions (histograms over 65,536 values), else uint16.
 */
EXPORT(hist_build_f64)
void hist_build_f64(const void *slot, int wide, int m, const int32_t *rows, int count, const double *g, const double *h, double *hist, int size) {
  for (int k = 0; k < size; k++) hist[k] = 0;
  if (wide) {
    const int32_t *slot32 = (const int32_t *)slot;
    for (int p = 0; p < count; p++) {
      int i = rows[p];
      double gi = g[i], hi = h[i];
      const int32_t *s = slot32 + (long)i * m;
      ADD_SAMPLE(s, m, gi, hi, hist);
    }
  } else {
    const uint16_t *slot16 = (const uint16_t *)slot;
    for (int p = 0; p < count; p++) {
      int i = rows[p];
      double gi = g[i], hi = h[i];
      const uint16_t *s = slot16 + (long)i * m;
      ADD_SAMPLE(s, m, gi, hi, hist);
    }
  }
}

/*
 * parent (size values) −= child: histogram subtraction, the larger child's histogram from
 * its parent's and the smaller child's. Two lanes at a time; each lane is the same IEEE
 * subtraction as the scalar loop, so the result is the same bit for bit.
 */
EXPORT(hist_subtract_f64)
void hist_subtract_f64(double *parent, const double *child, int size) {
  int k = 0;
  for (; k + 2 <= size; k += 2) wasm_v128_store(parent + k, wasm_f64x2_sub(wasm_v128_load(parent + k), wasm_v128_load(child + k)));
  for (; k < size; k++) parent[k] -= child[k];
}
