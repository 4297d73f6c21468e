/**
 * MurmurHash3 (x86, 32-bit; Austin Appleby, public domain) of a string's UTF-16 code units
 * or a number's decimal spelling: the sketches need well-mixed bits, and a seed gives a
 * fresh independent-looking hash for each row of a count-min sketch.
 */
export function murmur3(key: string | number, seed = 0): number {
  const s = typeof key === 'string' ? key : String(key);
  let h = seed >>> 0;
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  const n = s.length;
  let i = 0;
  // Two UTF-16 code units make one 32-bit block.
  for (; i + 1 < n; i += 2) {
    let k = (s.charCodeAt(i) & 0xffff) | ((s.charCodeAt(i + 1) & 0xffff) << 16);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  if (i < n) {
    let k = s.charCodeAt(i) & 0xffff;
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
  }
  h ^= n * 2;
  // Final avalanche (fmix32).
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
