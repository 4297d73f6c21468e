/**
 * Measures how smoothly the playgrounds animate in Chromium: frames per second counted
 * with requestAnimationFrame while the neural-network playground trains (a small and the
 * largest network) and while the optimizers race, plus epochs trained per second. With
 * `--screenshots [dir]` it also takes the README's playground pictures, each in a state
 * worth seeing (trained, raced, fitted, inspected).
 *
 *   npx tsx packages/app/scripts/measure-playground.ts [--seconds 5] [--screenshots [dir]] [--viewport 390x844]
 */
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { LAPTOP, startApp } from '../test/e2e/harness.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.indexOf(name);
const seconds = flag('--seconds') >= 0 ? Number(args[flag('--seconds') + 1]) : 5;
const shotsAt = flag('--screenshots');
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const shotsDir = shotsAt >= 0 ? resolve(args[shotsAt + 1] && !args[shotsAt + 1].startsWith('--') ? args[shotsAt + 1] : join(repo, 'docs', 'screenshots')) : null;
const vp = flag('--viewport') >= 0 ? args[flag('--viewport') + 1].split('x').map(Number) : null;
const viewport = vp ? { width: vp[0], height: vp[1] } : LAPTOP;

/** Counts animation frames for `ms` in the page; returns frames per second and the slowest frame gap. */
async function countFrames(page: Page, ms: number): Promise<{ fps: number; worstGapMs: number }> {
  // Sent as source text: tsx would wrap a function literal's inner functions in a helper
  // (__name) that does not exist in the page.
  return page.evaluate(`new Promise((done) => {
    let frames = 0, worst = 0;
    const start = performance.now();
    let last = start;
    const tick = (now) => {
      frames++;
      worst = Math.max(worst, now - last);
      last = now;
      if (now - start < ${ms}) requestAnimationFrame(tick);
      else done({ fps: (frames * 1000) / (now - start), worstGapMs: worst });
    };
    requestAnimationFrame(tick);
  })`);
}

const app = await startApp();
const epoch = async (page: Page) => Number(await page.getByTestId('epoch').innerText());
try {
  const page = await app.newPage({ viewport });
  const runs = [
    ['NN playground, default network (2 features, 4-2 hidden, tanh)', ''],
    ['NN playground, largest network (7 features, 6 x 8 hidden, ReLU, batch 30)', '?dataset=spiral&features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2&layers=8,8,8,8,8,8&act=relu&batch=30&lr=0.01'],
  ] as const;
  // An idle page first: what this machine's Chromium gives with nothing to do.
  await page.goto(`${app.url}/play/nn`);
  await page.locator('.pg').waitFor();
  const idle = await countFrames(page, 2000);
  // Frame rates depend on what else the machine runs: say how busy it was.
  console.log(`Machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)}. Idle page: ${idle.fps.toFixed(1)} fps`);
  for (const [label, query] of runs) {
    await page.goto(`${app.url}/play/nn${query}`);
    await page.locator('.pg').waitFor();
    await page.getByTestId('play').click();
    await page.waitForTimeout(1000); // warm-up: the JIT compiles the training loop
    const e0 = await epoch(page);
    const { fps, worstGapMs } = await countFrames(page, seconds * 1000);
    const e1 = await epoch(page);
    await page.getByTestId('play').click();
    console.log(`${label}: ${fps.toFixed(1)} fps while training (slowest frame ${worstGapMs.toFixed(0)} ms), ${((e1 - e0) / seconds).toFixed(1)} epochs/s`);
  }
  await page.goto(`${app.url}/play/optimizers?surface=rosenbrock`);
  await page.locator('.pg').waitFor();
  await page.getByRole('combobox', { name: 'Steps per frame', exact: true }).selectOption('1');
  await page.getByTestId('race-play').click();
  const race = await countFrames(page, Math.min(seconds, 4) * 1000);
  console.log(`Optimizer race (six optimizers, 1 step per frame): ${race.fps.toFixed(1)} fps`);
  const errors = app.errors(page);
  if (errors.length > 0) console.log(`Console errors:\n${errors.join('\n')}`);
  await page.context().close();

  if (shotsDir) {
    mkdirSync(shotsDir, { recursive: true });
    const shot = await app.newPage({ viewport });
    const suffix = vp ? `-${vp[0]}` : '';
    const save = async (name: string) => {
      await shot.screenshot({ path: join(shotsDir, `play-${name}${suffix}.png`), fullPage: true });
      console.log(`wrote play-${name}${suffix}.png`);
    };
    await shot.goto(`${app.url}/play/nn?dataset=spiral&noise=10&features=x1,x2,x1sq,x2sq,sinx1,sinx2&layers=8,6,4&act=tanh&lr=0.03`);
    await shot.locator('.pg').waitFor();
    await shot.getByTestId('play').click();
    await shot.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= 150, null, { timeout: 120_000 });
    await shot.getByTestId('play').click();
    await save('nn');

    await shot.goto(`${app.url}/play/optimizers?surface=rosenbrock`);
    await shot.locator('.pg').waitFor();
    await shot.getByRole('combobox', { name: 'Steps per frame', exact: true }).selectOption('10');
    await shot.getByTestId('race-play').click();
    await shot.waitForFunction(() => Number(document.querySelector('[data-testid=race-steps]')?.textContent) >= 400, null, { timeout: 60_000 });
    await shot.getByTestId('race-play').click();
    await save('optimizers');

    await shot.goto(`${app.url}/play/boundaries?dataset=moons&model=KNeighborsClassifier`);
    await shot.locator('.pg').waitFor();
    await shot.waitForFunction(() => /%$/.test(document.querySelector('[data-testid=test-accuracy]')?.textContent ?? ''));
    await save('boundaries');

    await shot.goto(`${app.url}/play/convolution?digit=3&kernel=sobel-x`);
    await shot.locator('.pg').waitFor();
    await shot.locator('canvas.pg-conv-canvas').nth(1).focus();
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowRight']) await shot.keyboard.press(key);
    await save('convolution');
    await shot.context().close();
  }
} finally {
  await app.close();
}
