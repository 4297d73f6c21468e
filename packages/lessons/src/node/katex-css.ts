/** KaTeX's stylesheet with its WOFF2 fonts inlined, so an exported page is one self-contained file. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let cached: string | undefined;

export function katexCss(): string {
  if (cached !== undefined) return cached;
  const dist = dirname(createRequire(import.meta.url).resolve('katex'));
  const css = readFileSync(join(dist, 'katex.min.css'), 'utf8');
  // Each @font-face lists woff2, woff and ttf; every current browser reads woff2, so keep only that.
  cached = css.replace(/src:url\(fonts\/([\w-]+)\.woff2\) format\("woff2"\)[^;}]*/g, (_, name: string) => {
    const font = readFileSync(join(dist, 'fonts', `${name}.woff2`)).toString('base64');
    return `src:url(data:font/woff2;base64,${font}) format("woff2")`;
  });
  return cached;
}
