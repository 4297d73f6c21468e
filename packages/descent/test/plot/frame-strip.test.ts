import { describe, expect, it } from 'vitest';
import { frameAnimation, frameStrip, renderSvg } from 'descent/plot';
import { CartPole, RecordFrames } from 'descent/rl';

describe('frameStrip', () => {
  it('draws each recorded CartPole frame as an image, captioned, in one row', async () => {
    const rec = new RecordFrames(new CartPole());
    rec.reset({ seed: 0 });
    let steps = 0;
    for (let done = false; !done; steps++) done = rec.step(0)[2]; // always push left: the pole falls
    const episode = rec.episodes[0];
    expect(episode).toHaveLength(steps + 1); // the reset frame and one per step
    const frames = episode.slice(0, 4);
    const spec = frameStrip(frames, { labels: ['t=0', 't=1', 't=2', 't=3'], frameWidth: 150 });
    const svg = await renderSvg(spec);
    expect((svg.match(/<image /g) ?? []).length).toBe(4);
    for (const label of ['t=0', 't=3']) expect(svg).toContain(`>${label}<`);
    // The frames keep CartPole's 600 × 400 aspect ratio, and the data URL decodes to the frame.
    expect(spec.spec).toMatchObject({ width: 150, height: 100 });
    const url = (spec.data as { values: { url: string }[] }).values[2].url;
    expect(atob(url.slice('data:image/svg+xml;base64,'.length))).toBe(frames[2]);
  });

  it('refuses no frames and non-SVG frames with a message that says what to pass', () => {
    expect(() => frameStrip([])).toThrow(/frameStrip: no frames/);
    expect(() => frameStrip(['hello'])).toThrow(/frameStrip: frame 0 is not an SVG/);
    expect(() => frameStrip(['<svg xmlns="http://www.w3.org/2000/svg"></svg>'])).toThrow(/no width\/height or viewBox/);
  });
});

describe('frameAnimation', () => {
  it('stacks the frames in one SVG, each shown for its slice of a looping animation', async () => {
    const rec = new RecordFrames(new CartPole());
    rec.reset({ seed: 1 });
    for (let done = false; !done; ) done = rec.step(1)[2];
    const frames = rec.episodes[0];
    const spec = frameAnimation(frames, { fps: 20, frameWidth: 240 });
    expect(spec).toMatchObject({ width: 240, height: 160 });
    const url = (spec.data as { values: { url: string }[] }).values[0].url;
    const movie = Buffer.from(url.replace(/^data:image\/svg\+xml;base64,/, ''), 'base64').toString('utf8');
    const n = frames.length;
    expect((movie.match(/<g display=/g) ?? []).length).toBe(n);
    expect((movie.match(/<animate /g) ?? []).length).toBe(n);
    expect(movie.startsWith('<g display="inline">', movie.indexOf('>') + 1)).toBe(true);   // a still rendering shows frame 0
    expect((movie.match(/<g display="none">/g) ?? []).length).toBe(n - 1);
    expect(movie).toContain(`dur="${(n / 20).toFixed(3)}s"`);
    // Frame 2's window in the loop is [2/n, 3/n).
    expect(movie).toContain(`keyTimes="0;${(2 / n).toFixed(6)};${(3 / n).toFixed(6)}"`);
    expect(frames.every((f) => movie.includes(f))).toBe(true);
    expect(await renderSvg(spec)).toMatch(/<image /);
  });

  it('names bad input', () => {
    expect(() => frameAnimation([])).toThrow(/no frames/);
    expect(() => frameAnimation(['<svg width="10" height="10"></svg>'], { fps: 0 })).toThrow(/fps must be a positive number/);
    expect(() => frameAnimation(['not svg'])).toThrow(/frameAnimation: frame 0 is not an SVG document/);
  });
});
