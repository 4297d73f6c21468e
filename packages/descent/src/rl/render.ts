/**
 * Frames of the classic-control environments as small SVG documents, drawn from the state in
 * the same world coordinates Gymnasium's pygame renderer uses (600 × 400 pixels), so a page,
 * a lesson figure or a saved file can show an episode without a canvas. `RecordFrames`
 * collects them step by step.
 *
 * ```ts
 * const env = new CartPole();
 * env.reset({ seed: 0 });
 * env.render();   // '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400" ...'
 * ```
 */
const W = 600, H = 400;
const f = (v: number) => v.toFixed(1);

function svg(body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><rect width="${W}" height="${H}" fill="#fff"/>${body}</svg>`;
}

/** The cart as a box on a track, the pole as a bar from its hinge; x in [−2.4, 2.4] spans the frame. */
export function cartPoleFrame(x: number, theta: number): string {
  const scale = W / 4.8;
  const cx = x * scale + W / 2, cy = 300;
  const poleLen = scale * 1.0;
  const tipX = cx + poleLen * Math.sin(theta), tipY = cy - 10 - poleLen * Math.cos(theta);
  return svg(
    `<line x1="0" y1="${cy + 15}" x2="${W}" y2="${cy + 15}" stroke="#000"/>` +
    `<rect x="${f(cx - 25)}" y="${cy - 10}" width="50" height="30" fill="#333"/>` +
    `<line x1="${f(cx)}" y1="${cy - 10}" x2="${f(tipX)}" y2="${f(tipY)}" stroke="#ca9865" stroke-width="10" stroke-linecap="round"/>` +
    `<circle cx="${f(cx)}" cy="${cy - 10}" r="5" fill="#8184cb"/>`,
  );
}

/** The hill y = sin(3x)·0.45 + 0.55 over x in [−1.2, 0.6], the car as a dot, the flag at 0.5. */
export function mountainCarFrame(position: number): string {
  const scale = W / 1.8;
  const px = (x: number) => (x + 1.2) * scale;
  const py = (x: number) => H - 50 - (Math.sin(3 * x) * 0.45 + 0.55) * scale * 0.5;
  const pts = Array.from({ length: 101 }, (_, i) => -1.2 + (1.8 * i) / 100).map((x) => `${f(px(x))},${f(py(x))}`).join(' ');
  return svg(
    `<polyline points="${pts}" fill="none" stroke="#000" stroke-width="2"/>` +
    `<line x1="${f(px(0.5))}" y1="${f(py(0.5))}" x2="${f(px(0.5))}" y2="${f(py(0.5) - 40)}" stroke="#000"/>` +
    `<polygon points="${f(px(0.5))},${f(py(0.5) - 40)} ${f(px(0.5) + 25)},${f(py(0.5) - 33)} ${f(px(0.5))},${f(py(0.5) - 26)}" fill="#cccc00"/>` +
    `<circle cx="${f(px(position))}" cy="${f(py(position) - 10)}" r="10" fill="#333"/>`,
  );
}

/** A rod from the centre; θ = 0 points up. */
export function pendulumFrame(theta: number): string {
  const cx = W / 2, cy = H / 2, len = 150;
  return svg(
    `<line x1="${cx}" y1="${cy}" x2="${f(cx + len * Math.sin(theta))}" y2="${f(cy - len * Math.cos(theta))}" stroke="#cc4c4c" stroke-width="20" stroke-linecap="round"/>` +
    `<circle cx="${cx}" cy="${cy}" r="6" fill="#000"/>`,
  );
}

/** Two links hanging from the centre; the goal line sits one link length above the pivot. */
export function acrobotFrame(theta1: number, theta2: number): string {
  const cx = W / 2, cy = H / 2, len = 90;
  const x1 = cx + len * Math.sin(theta1), y1 = cy + len * Math.cos(theta1);
  const x2 = x1 + len * Math.sin(theta1 + theta2), y2 = y1 + len * Math.cos(theta1 + theta2);
  return svg(
    `<line x1="0" y1="${cy - len}" x2="${W}" y2="${cy - len}" stroke="#000" stroke-dasharray="6 4"/>` +
    `<polyline points="${cx},${cy} ${f(x1)},${f(y1)} ${f(x2)},${f(y2)}" fill="none" stroke="#0099cc" stroke-width="12" stroke-linecap="round" stroke-linejoin="round"/>` +
    `<circle cx="${cx}" cy="${cy}" r="5" fill="#000"/>`,
  );
}
