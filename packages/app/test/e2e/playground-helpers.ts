/**
 * What the playgrounds' browser tests share: opening a playground on the running app, reading
 * a canvas and a labelled control, and an optional screenshot for a human to look at
 * (SCREENSHOT_DIR=/some/dir).
 */
import type { Locator, Page } from 'playwright-core';
import type { App } from './harness.js';

/** Opens `/play/<name><query>` in a fresh page (a viewport such as PHONE if given) and waits for the playground to mount. */
export async function openPlayground(app: App, name: string, query = '', viewport?: { width: number; height: number }): Promise<Page> {
  const page = await app.newPage(viewport ? { viewport } : {});
  await page.goto(`${app.url}/play/${name}${query}`);
  await page.locator('.pg').waitFor({ timeout: 30_000 });
  return page;
}

/** A select by its label, exactly (other controls mention the same words). */
export const combo = (page: Page, name: string): Locator => page.getByRole('combobox', { name, exact: true });

/** The canvas's pixels as a data URL, to tell whether the picture changed. */
export const pixels = (canvas: Locator): Promise<string> => canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL());

/** The trimmed text of the element with this test id. */
export const text = async (page: Page, id: string): Promise<string> => (await page.getByTestId(id).innerText()).trim();

/** Saves a full-page screenshot as `<name>.png` when SCREENSHOT_DIR is set. */
export async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** The controls without an accessible name (no label, aria-label or text), as HTML snippets. */
export function unnamedControls(page: Page): Promise<string[]> {
  return page.locator('.pg select, .pg input, .pg button').evaluateAll((els) =>
    els.filter((el) => {
      const e = el as HTMLInputElement;
      return !(e.labels && e.labels.length > 0) && !e.getAttribute('aria-label') && !(e.textContent ?? '').trim();
    }).map((el) => el.outerHTML.slice(0, 80)));
}

/** Sets a range input (found by its label) to `value` and fires the events a drag would. */
export async function slide(page: Page, name: string, value: number): Promise<void> {
  await page.getByRole('slider', { name, exact: true }).evaluate((el, v) => {
    const input = el as HTMLInputElement;
    input.value = String(v);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}
