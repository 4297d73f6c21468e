/**
 * The Practice page in a real browser, against the production build: stats, a daily review
 * driven by the keyboard (space reveals, 3 rates) where each rating is stored before the
 * next card shows, cram by topic, a mock interview whose coding question runs its tests in
 * the cell worker, and a lesson page whose interview questions open their answers in place.
 */
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PHONE, useApp } from './harness.js';
import type { Page } from 'playwright-core';

const lessonsDir = fileURLToPath(new URL('../../../../lessons/', import.meta.url));

const app = useApp({ lessonsDir });

const storedReviews = () => {
  const db = new BetterSqlite3(app.dbPath, { readonly: true });
  const rows = db.prepare('SELECT question_id, rating, mode, answer FROM practice_reviews ORDER BY id').all() as { question_id: string; rating: number; mode: string; answer: string | null }[];
  db.close();
  return rows;
};

/** Waits until the question card has the focus, as the page gives it to each new card. */
async function cardFocused(page: Page): Promise<void> {
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Question');
}

describe('the Practice page', () => {
  it('reviews cards with the keyboard, saving each rating before the next card, and updates the stats', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/practice`);
    await page.getByRole('heading', { name: 'Interview practice' }).waitFor();
    expect(await page.locator('[data-stat="reviewed-today"]').innerText()).toBe('0');
    expect(await page.locator('[data-stat="seen"]').innerText()).toMatch(/^0\/\d{3}$/);

    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const card = page.getByRole('article', { name: 'Question' });
    await card.waitFor();
    expect(await card.innerText()).toContain('Card 1 of 10');
    expect(await card.locator('.model-answer').count()).toBe(0);
    await cardFocused(page);
    await page.keyboard.press('Space');
    await card.locator('.model-answer').waitFor();
    expect(await card.locator('.model-answer h4', { hasText: 'Key points' }).count()).toBe(1);
    await page.keyboard.press('3');
    await card.getByText('Card 2 of 10').waitFor();
    // The second card appeared, so the first rating is already in the database.
    expect(storedReviews().map((r) => [r.rating, r.mode])).toEqual([[3, 'review']]);
    await page.getByRole('button', { name: /Show answer/ }).click();
    await page.getByRole('button', { name: /Again/ }).click();
    await card.getByText('Card 3 of 10').waitFor();
    expect(storedReviews().length).toBe(2);

    await page.reload();
    await page.getByRole('heading', { name: 'Interview practice' }).waitFor();
    await page.locator('[data-stat="reviewed-today"]', { hasText: '2' }).waitFor();
    expect(await page.locator('[data-stat="streak"]').innerText()).toBe('1');
    await page.getByText('Mastery by topic and the next 30 days').click();
    expect(await page.getByRole('img', { name: 'Mastery by topic' }).locator('rect').count()).toBeGreaterThan(20);
    expect(await page.getByRole('img', { name: 'Reviews due per day for the next 30 days' }).locator('rect').count()).toBe(30);
    expect(app.errors(page)).toEqual([]);
  }, 120_000);

  it('crams one topic, ignoring the schedule', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/practice`);
    await page.getByLabel('Mode', { exact: true }).selectOption('cram');
    await page.getByLabel('Topic', { exact: true }).selectOption('rl');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const card = page.getByRole('article', { name: 'Question' });
    await card.waitFor();
    expect(await card.locator('.question-meta').innerText()).toContain('Reinforcement learning');
    // Keys act on the card once it has the focus (a Space on the Start button would press it).
    await cardFocused(page);
    await page.keyboard.press('Space');
    await card.locator('.model-answer').waitFor();
    await page.keyboard.press('4');
    await card.getByText(/Card 2 of/).waitFor();
    expect(storedReviews().at(-1)?.mode).toBe('cram');
    expect(app.errors(page)).toEqual([]);
  }, 60_000);

  it('runs a mock interview: a coding question runs its tests in the browser, answers are saved with grades', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/practice`);
    await page.getByRole('tab', { name: 'Mock interview' }).click();
    await page.getByLabel('Questions', { exact: true }).selectOption('3');
    await page.getByRole('button', { name: 'Start a mock interview' }).click();
    const q = page.getByRole('article', { name: 'Mock question' });
    await q.waitFor();
    expect(await page.getByRole('timer').innerText()).toMatch(/^1[45]:\d\d$/);
    // The set starts with its coding question: the starter fails its tests...
    await page.getByRole('button', { name: 'Run the tests' }).click();
    const results = page.getByRole('list', { name: 'Test results' });
    await results.waitFor({ timeout: 60_000 });
    await page.locator('.test-results li').first().waitFor();
    expect(await results.locator('.fail').count() + (await page.locator('pre.error').count())).toBeGreaterThan(0);
    // ...and the model solution, typed in, passes them.
    expect(await q.locator('.question-meta').innerText()).toContain('coding');
    await page.getByRole('button', { name: 'Submit and show the model answer' }).click();
    const code = await q.locator('.answer-code').innerText();
    await page.locator('#mock-code').fill(code);
    await page.getByRole('button', { name: 'Run the tests' }).click();
    await page.locator('.test-results .pass').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('.test-results .fail').count()).toBe(0);
    await page.getByRole('group', { name: /Grade your answer/ }).getByRole('button', { name: 'Good' }).click();
    await q.getByText('Question 2 of 3').waitFor();
    await page.locator('#mock-answer').fill('Bias is error from wrong assumptions; variance is sensitivity to the training sample.');
    await page.getByRole('button', { name: 'Submit and show the model answer' }).click();
    await page.getByRole('group', { name: /Grade your answer/ }).getByRole('button', { name: 'Hard' }).click();
    await q.getByText('Question 3 of 3').waitFor();
    const mock = storedReviews().filter((r) => r.mode === 'mock');
    expect(mock.map((r) => r.rating)).toEqual([3, 2]);
    expect(mock[1].answer).toMatch(/^Bias is error/);
    expect(app.errors(page)).toEqual([]);
  }, 180_000);

  it('a lesson page shows its interview questions as cards with the answer one click away', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}/lessons/03-calculus`);
    await page.locator('h1').waitFor();
    const item = page.locator('li.interview-card', { hasText: 'central difference' });
    await item.getByRole('button', { name: 'Show answer' }).waitFor();
    expect(await item.locator('.inline-answer').count()).toBe(0);
    await item.getByRole('link').click();
    await item.locator('.inline-answer .model-answer').waitFor();
    expect(await item.locator('.inline-answer').innerText()).toMatch(/Taylor/);
    expect(page.url()).toContain('/lessons/03-calculus');
    await page.getByRole('link', { name: /Practise this lesson's \d+ interview questions/ }).click();
    await page.getByRole('heading', { name: 'Interview practice' }).waitFor();
    expect(await page.getByLabel('Lesson', { exact: true }).inputValue()).toBe('3');
    expect(app.errors(page)).toEqual([]);
  }, 120_000);

  it('fits a phone screen', async () => {
    const page = await app.newPage({ viewport: PHONE });
    await page.goto(`${app.url}/practice`);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByRole('article', { name: 'Question' }).waitFor();
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.screen);
  }, 60_000);
});
