/**
 * Base64 text to bytes, with `atob` (in browsers, workers and Node ≥ 16), for the data
 * modules that ship binary payloads as strings so the library needs no file system.
 *
 * ```ts
 * decodeBase64('AQID');   // Uint8Array [1, 2, 3]
 * ```
 */
export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
