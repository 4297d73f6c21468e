import { baseSpec, type ChartOptions, type ChartSpec } from './spec.js';

export interface FrameStripOptions extends ChartOptions {
  /** Frames per row. Default: all in one row, at most 6. */
  columns?: number;
  /** A caption per frame, such as its time step. Default: the frame's index. */
  labels?: (string | number)[];
  /** Width of each drawn frame in pixels; the height keeps the frame's aspect ratio. Default 160. */
  frameWidth?: number;
}

/** Width and height from an SVG's root element (its width/height attributes, else its viewBox). */
function svgSize(svg: string, index: number, owner = 'frameStrip'): [number, number] {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0];
  if (root === undefined) throw new TypeError(`${owner}: frame ${index} is not an SVG document (expected '<svg ...>')`);
  const attr = (name: string) => Number(new RegExp(`\\s${name}="([\\d.]+)"`).exec(root)?.[1]);
  let w = attr('width'), h = attr('height');
  if (!(w > 0 && h > 0)) {
    const box = /viewBox="[\d.\s-]*?([\d.]+)\s+([\d.]+)"/.exec(root);
    w = Number(box?.[1]); h = Number(box?.[2]);
  }
  if (!(w > 0 && h > 0)) throw new RangeError(`${owner}: frame ${index} has no width/height or viewBox to size it by`);
  return [w, h];
}

/** Base64 of an ASCII/UTF-8 string, in Node and the browser alike. */
function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * A strip of SVG frames side by side, such as an episode recorded by `RecordFrames` in
 * `descent/rl` (a still "animation": every k-th frame of the episode). Each frame becomes an
 * image mark with the SVG inlined as a data URL, so the spec renders the same in Node (through
 * `renderSvg`) and in a page.
 *
 * @example
 * const rec = new RecordFrames(makeCartPole());
 * // ... run an episode ...
 * frameStrip(rec.episodes[0].filter((_, t) => t % 50 === 0), { labels: [0, 50, 100], columns: 6 });
 */
export function frameStrip(frames: readonly string[], options: FrameStripOptions = {}): ChartSpec {
  if (frames.length === 0) throw new RangeError('frameStrip: no frames to draw; pass at least one SVG string');
  const [w0, h0] = svgSize(frames[0], 0);
  frames.forEach((f, i) => svgSize(f, i));
  const width = options.frameWidth ?? 160;
  const height = Math.round((width * h0) / w0);
  const captions = frames.map((_, k) => String(options.labels?.[k] ?? k));
  const values = frames.map((svg, k) => ({ frame: k, url: `data:image/svg+xml;base64,${base64(svg)}` }));
  const { width: _w, height: _h, ...top } = baseSpec(options);
  return {
    ...top,
    data: { values },
    columns: options.columns ?? Math.min(6, frames.length),
    facet: {
      field: 'frame',
      type: 'ordinal',
      title: null,
      header: { labelExpr: `${JSON.stringify(captions)}[datum.value]`, labelFontSize: 11, labelPadding: 4 },
    },
    spec: {
      width,
      height,
      view: { stroke: '#ccc' },
      mark: { type: 'image', width, height, aspect: true },
      encoding: { url: { field: 'url', type: 'nominal' }, x: { value: width / 2 }, y: { value: height / 2 } },
    },
  };
}

export interface FrameAnimationOptions extends ChartOptions {
  /** Frames per second of playback. Default 25. */
  fps?: number;
  /** Width of the drawn animation in pixels; the height keeps the frames' aspect ratio. Default 300. */
  frameWidth?: number;
}

/**
 * An animation of SVG frames, such as an episode recorded by `RecordFrames` in `descent/rl`:
 * the frames are stacked in one SVG and shown one after another, in a loop, by SVG's own
 * declarative animation (`<animate>` on each frame's `display`), so it plays without script
 * wherever SVG images animate — the app's lesson pages and any browser. A still rendering
 * (the terminal's SVG and PNG files) shows the first frame.
 *
 * @example
 * const rec = new RecordFrames(makeCartPole());
 * // ... run an episode ...
 * show(frameAnimation(rec.episodes[0], { fps: 50 }));
 */
export function frameAnimation(frames: readonly string[], options: FrameAnimationOptions = {}): ChartSpec {
  if (frames.length === 0) throw new RangeError('frameAnimation: no frames to play; pass at least one SVG string');
  const [w, h] = svgSize(frames[0], 0, 'frameAnimation');
  frames.forEach((f, i) => svgSize(f, i, 'frameAnimation'));
  const fps = options.fps ?? 25;
  if (!(fps > 0) || !Number.isFinite(fps)) throw new RangeError(`frameAnimation: fps must be a positive number, got ${fps}`);
  const n = frames.length;
  const dur = (n / fps).toFixed(3);
  const key = (k: number) => (k / n).toFixed(6);
  const layers = frames.map((svg, i) => {
    // Each frame keeps its own <svg> element (nested SVG is allowed), shown during [i/n, (i+1)/n) of the loop.
    const values = i === 0 ? 'inline;none' : i === n - 1 ? 'none;inline' : 'none;inline;none';
    const times = i === 0 ? `0;${key(1)}` : i === n - 1 ? `0;${key(i)}` : `0;${key(i)};${key(i + 1)}`;
    const animate = n === 1 ? '' : `<animate attributeName="display" values="${values}" keyTimes="${times}" dur="${dur}s" calcMode="discrete" repeatCount="indefinite"/>`;
    return `<g display="${i === 0 ? 'inline' : 'none'}">${animate}${svg.replace(/^<\?xml[^>]*>\s*/, '')}</g>`;
  });
  const movie = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">${layers.join('')}</svg>`;
  const width = options.frameWidth ?? 300;
  const height = Math.round((width * h) / w);
  const { width: _w, height: _h, ...top } = baseSpec(options);
  return {
    ...top,
    width,
    height,
    data: { values: [{ url: `data:image/svg+xml;base64,${base64(movie)}` }] },
    mark: { type: 'image', width, height, aspect: true },
    encoding: { url: { field: 'url', type: 'nominal' }, x: { value: width / 2 }, y: { value: height / 2 } },
  };
}
