/**
 * Class mode in a real browser, on the production build: the app asks for a login, a wrong
 * password is said so, a learner sees the lessons but no Class link, and the instructor's
 * Class page shows the learner's progress in its table and makes an invite code, and a
 * password-reset code with which the learner chooses a new password.
 */
import { describe, expect, it } from 'vitest';
import type { Accounts } from '../../src/server/auth/accounts.js';
import { Store } from '../../src/server/db/store.js';
import type { Sql } from '../../src/server/db/sql.js';
import { useApp } from './harness.js';

const app = useApp({ classMode: true });
// A refused login is a 401, which Chromium logs as a failed resource; nothing else may be logged.
const realErrors = (errors: string[]) => errors.filter((e) => !/status of 401/.test(e));

describe('class mode in the browser', () => {
  it('logs a learner in, and shows the instructor the class', async () => {
    const accounts = (app.server as unknown as { accounts: Accounts }).accounts;
    await accounts.createUser('teacher', 'the teacher password', 'instructor');
    const ada = await accounts.createUser('ada', 'ada\'s long password', 'learner');
    const store = new Store(accounts.sql as Sql).forUser(ada);
    await store.recordRun('01-mean', 1);

    const learner = await app.newPage();
    await learner.goto(`${app.url}/`);
    await learner.getByRole('heading', { name: 'Log in to your class' }).waitFor();
    await learner.getByLabel('Username').fill('ada');
    await learner.getByLabel('Password').fill('not her password');
    await learner.getByRole('button', { name: 'Log in' }).click();
    await learner.getByRole('alert').filter({ hasText: 'Wrong username or password.' }).waitFor();
    await learner.getByLabel('Password').fill('ada\'s long password');
    await learner.getByRole('button', { name: 'Log in' }).click();
    await learner.getByRole('link', { name: /The mean/ }).first().waitFor();
    expect(await learner.getByRole('link', { name: 'Class' }).count()).toBe(0);
    const cookies = await learner.context().cookies();
    expect(cookies.find((c) => c.name === 'descent_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(realErrors(app.errors(learner))).toEqual([]);

    const teacher = await app.newPage();
    await teacher.goto(`${app.url}/class`);
    await teacher.getByLabel('Username').fill('teacher');
    await teacher.getByLabel('Password').fill('the teacher password');
    await teacher.getByRole('button', { name: 'Log in' }).click();
    await teacher.getByRole('heading', { name: 'Your class' }).waitFor();
    const row = teacher.locator('.class-progress tbody tr').filter({ hasText: 'ada' });
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe('1/2 · 0/1');
    await teacher.getByRole('button', { name: 'New invite code for learners' }).click();
    expect(await teacher.getByLabel('Invite code').textContent()).toMatch(/^[\w-]{43} \(100 sign-ups/);

    // Ada forgot her password: the teacher makes her a reset code, she chooses a new password
    // with it and is logged in; the session on her first device has ended.
    await teacher.getByRole('button', { name: 'password-reset code for ada' }).click();
    const made = await teacher.getByLabel('ada\'s password-reset code').textContent();
    expect(made).toMatch(/^[\w-]{43} \(once, until \d{4}-\d\d-\d\d \d\d:\d\d UTC\)$/);
    const fresh = await app.newPage();
    await fresh.goto(`${app.url}/`);
    await fresh.getByRole('button', { name: /Forgot your password/ }).click();
    await fresh.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await fresh.getByLabel('Password-reset code').fill(made!.split(' ')[0]!);
    await fresh.getByLabel('New password').fill('ada\'s new password');
    await fresh.getByRole('button', { name: 'Set password and log in' }).click();
    await fresh.getByRole('link', { name: /The mean/ }).first().waitFor();
    await learner.reload();
    await learner.getByRole('heading', { name: 'Log in to your class' }).waitFor();
    expect(realErrors(app.errors(fresh))).toEqual([]);

    await teacher.getByRole('button', { name: 'Log out' }).click();
    await teacher.getByRole('heading', { name: 'Log in to your class' }).waitFor();
    expect(realErrors(app.errors(teacher))).toEqual([]);
  }, 120_000);
});
