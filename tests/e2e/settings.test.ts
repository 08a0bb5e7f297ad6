import { type Page } from '@playwright/test';
import { createInvite, joinByInvite, newPerson, signUp, expect, test } from './support.ts';

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function changePassword(page: Page, current: string, next: string) {
  await page.getByRole('link', { name: 'Your account' }).click();
  await page.getByLabel('Current password').fill(current);
  await page.getByLabel('New password').fill(next);
  await page.getByRole('button', { name: 'Change password' }).click();
}

test('an owner renames the workspace in its settings and sees the new name everywhere in the app', async ({ page }) => {
  await signUp(page, newPerson('Rita Rename'));
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Workspace name').fill('Northwind Creators');
  await page.getByRole('button', { name: 'Rename workspace' }).click();
  await expect(page.getByRole('status')).toHaveText('The workspace is now called Northwind Creators.');
  await expect(page.getByTestId('workspace-switcher').locator('option:checked')).toHaveText('Northwind Creators');
  await page.reload();
  await expect(page.getByLabel('Workspace name')).toHaveValue('Northwind Creators');
  await expect(page).toHaveTitle('Settings · Northwind Creators · Roster');
});

test('an editor is not offered the workspace settings', async ({ browser }) => {
  const owner = await (await browser.newContext()).newPage();
  const editor = await (await browser.newContext()).newPage();
  await signUp(owner, newPerson('Olaf Owner'));
  const invite = await createInvite(owner, 'editor');
  await joinByInvite(editor, invite, newPerson('Edna Editor'));
  await expect(editor.getByRole('link', { name: 'Members' })).toBeVisible();
  await expect(editor.getByRole('link', { name: 'Settings' })).toHaveCount(0);
  await editor.goto(`${new URL(editor.url()).pathname}/settings`);
  await expect(editor.getByText('Only owners can rename a workspace.')).toBeVisible();
  await expect(editor.getByLabel('Workspace name')).toHaveCount(0);
  await owner.context().close();
  await editor.context().close();
});

test('a person who changes their password signs in with the new one, and no longer with the old', async ({
  page,
  browser,
}) => {
  const person = newPerson('Pam Password');
  await signUp(page, person);
  await changePassword(page, person.password, 'a much longer secret');
  await expect(page.getByRole('status')).toHaveText('Your password was changed. Every other session was signed out.');
  const laptop = await (await browser.newContext()).newPage();
  await signIn(laptop, person.email, person.password);
  await expect(laptop.getByRole('alert')).toHaveText('Email or password is wrong.');
  await signIn(laptop, person.email, 'a much longer secret');
  await expect(laptop.getByRole('heading', { name: 'Boards' })).toBeVisible();
  await laptop.context().close();
});

test('a wrong current password is refused with a sentence and the password stays as it was', async ({
  page,
  browser,
}) => {
  const person = newPerson('Walt Wrong');
  await signUp(page, person);
  await changePassword(page, 'not my password', 'a much longer secret');
  await expect(page.getByRole('alert')).toHaveText('The current password is wrong.');
  const laptop = await (await browser.newContext()).newPage();
  await signIn(laptop, person.email, person.password);
  await expect(laptop.getByRole('heading', { name: 'Boards' })).toBeVisible();
  await laptop.context().close();
});

test('changing the password signs out the other browsers of that person, not this one', async ({ browser }) => {
  const person = newPerson('Otto Other');
  const here = await (await browser.newContext()).newPage();
  const elsewhere = await (await browser.newContext()).newPage();
  await signUp(here, person);
  await signIn(elsewhere, person.email, person.password);
  await expect(elsewhere.getByRole('heading', { name: 'Boards' })).toBeVisible();
  await changePassword(here, person.password, 'a much longer secret');
  await expect(here.getByRole('status')).toBeVisible();
  await elsewhere.reload();
  await expect(elsewhere).toHaveURL(/\/login/);
  await here.reload();
  await expect(here.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await here.context().close();
  await elsewhere.context().close();
});

test('"Sign out everywhere" signs out this browser and every other one', async ({ browser }) => {
  const person = newPerson('Eve Everywhere');
  const here = await (await browser.newContext()).newPage();
  const elsewhere = await (await browser.newContext()).newPage();
  await signUp(here, person);
  await signIn(elsewhere, person.email, person.password);
  await expect(elsewhere.getByRole('heading', { name: 'Boards' })).toBeVisible();
  await here.getByRole('link', { name: 'Your account' }).click();
  await here.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(here).toHaveURL(/\/login/);
  await here.goto('/');
  await expect(here).toHaveURL(/\/login/);
  await elsewhere.reload();
  await expect(elsewhere).toHaveURL(/\/login/);
  await here.context().close();
  await elsewhere.context().close();
});
