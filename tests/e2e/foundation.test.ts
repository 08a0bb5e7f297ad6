import { type Page } from '@playwright/test';
import { createBoard, createInvite, joinByInvite, newPerson, signUp, expect, test } from './support.ts';

/** Renames the board through its headline, as a person does: type, then Enter. */
async function renameInHeadline(page: Page, name: string) {
  await page.getByTestId('board-title').fill(name);
  await page.getByTestId('board-title').press('Enter');
}

test('an owner and an invited editor see each other on a board and see its renames live', async ({ browser }) => {
  const ownerContext = await browser.newContext();
  const editorContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const editor = await editorContext.newPage();
  const olivia = newPerson('Olivia Owner');
  const eddie = newPerson('Eddie Editor');

  await signUp(owner, olivia);
  await expect(owner.getByRole('heading', { name: 'Create your first board' })).toBeVisible();
  const boardUrl = await createBoard(owner, 'Summer launch');
  const inviteLink = await createInvite(owner, 'editor');
  await owner.goto(boardUrl);

  await joinByInvite(editor, inviteLink, eddie);
  await editor.getByRole('link', { name: 'Summer launch' }).click();
  await expect(editor.getByTestId('connection-status')).toHaveText('Live');

  await expect(owner.getByTestId('presence-avatar').filter({ hasText: eddie.name })).toBeVisible();
  await expect(editor.getByTestId('presence-avatar').filter({ hasText: olivia.name })).toBeVisible();
  await owner.screenshot({ path: 'test-results/screenshots/board-two-people.png' });

  await renameInHeadline(owner, 'Summer launch — 40 creators, EU');
  await expect(editor.getByTestId('board-title')).toHaveValue('Summer launch — 40 creators, EU');
  await renameInHeadline(editor, 'Summer launch — 45 creators, EU');
  await expect(owner.getByTestId('board-title')).toHaveValue('Summer launch — 45 creators, EU');
  await expect(owner).toHaveTitle('Summer launch — 45 creators, EU · Roster');

  await editor.reload();
  await expect(editor.getByTestId('connection-status')).toHaveText('Live');
  await expect(editor.getByTestId('board-title')).toHaveValue('Summer launch — 45 creators, EU');

  await ownerContext.close();
  await editorContext.close();
});

test('a viewer sees the board and its renames live but cannot rename it', async ({ browser }) => {
  const ownerContext = await browser.newContext();
  const viewerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const viewer = await viewerContext.newPage();
  await signUp(owner, newPerson('Vera Owner'));
  const boardUrl = await createBoard(owner, 'Client review');
  const inviteLink = await createInvite(owner, 'viewer');
  await owner.goto(boardUrl);
  await joinByInvite(viewer, inviteLink, newPerson('Carl Client'));
  await viewer.goto(boardUrl);
  await expect(viewer.getByTestId('connection-status')).toHaveText('Live');
  await renameInHeadline(owner, 'Q3 review');
  await expect(viewer.getByTestId('board-title')).toHaveValue('Q3 review');
  await expect(viewer.getByTestId('board-title')).not.toBeEditable();
  await ownerContext.close();
  await viewerContext.close();
});

test('a board has one name: renamed in its headline it is renamed in the boards list, and the other way round', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const listPage = await context.newPage();
  await signUp(page, newPerson('Nina Name'));
  const boardUrl = await createBoard(page, 'Autumn drop');
  const workspaceUrl = boardUrl.replace(/\/b\/[^/]+$/, '');
  await expect(page.getByTestId('board-title')).toHaveValue('Autumn drop');

  // Headline → list (and the breadcrumb, which is the same name).
  await renameInHeadline(page, 'Autumn drop — EU creators');
  await expect(page.locator('.crumb.current')).toHaveText('Autumn drop — EU creators');
  await listPage.goto(workspaceUrl);
  await expect(listPage.getByTestId('board-list')).toContainText('Autumn drop — EU creators');
  await expect(listPage.getByRole('link', { name: 'Autumn drop', exact: true })).toHaveCount(0);

  // List → headline of the board open in the other tab, without a reload.
  await listPage.getByRole('button', { name: 'Rename' }).click();
  await listPage.getByLabel('New name').fill('Autumn drop 2026');
  await listPage.getByRole('button', { name: 'Save' }).click();
  await expect(listPage.getByRole('link', { name: 'Autumn drop 2026' })).toBeVisible();
  await expect(page.getByTestId('board-title')).toHaveValue('Autumn drop 2026');
  await expect(page.locator('.crumb.current')).toHaveText('Autumn drop 2026');

  // An emptied headline keeps the name; Escape puts back what was there.
  await page.getByTestId('board-title').fill('');
  await page.getByTestId('board-title').blur();
  await expect(page.getByTestId('board-title')).toHaveValue('Autumn drop 2026');
  await page.getByTestId('board-title').fill('Typo nam');
  await page.getByTestId('board-title').press('Escape');
  await expect(page.getByTestId('board-title')).toHaveValue('Autumn drop 2026');
  await page.screenshot({ path: 'test-results/screenshots/board-one-name.png' });
  await page.reload();
  await expect(page.getByTestId('board-title')).toHaveValue('Autumn drop 2026');
  await context.close();
});

test('wrong sign-in details get one clear message and keep the email', async ({ page }) => {
  const person = newPerson('Wendy Wrong');
  await signUp(page, person);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill('not my password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Email or password is wrong.');
  await expect(page.getByLabel('Email')).toHaveValue(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Boards' })).toBeVisible();
});

test('the boards API answers bad JSON and bad fields with 400 and a problem { code, message, field }', async ({
  page,
}) => {
  await signUp(page, newPerson('Api User'));
  const workspaceId = new URL(page.url()).pathname.split('/')[2];
  const malformed = await page.request.post(`/api/workspaces/${workspaceId}/boards`, {
    headers: { 'content-type': 'application/json' },
    data: Buffer.from('{"name": '),
  });
  expect(malformed.status()).toBe(400);
  expect(await malformed.json()).toEqual({ error: { code: 'invalid_json', message: 'The body must be JSON.' } });
  const wrongType = await page.request.post(`/api/workspaces/${workspaceId}/boards`, { data: { name: 42 } });
  expect(wrongType.status()).toBe(400);
  expect(await wrongType.json()).toEqual({
    error: { code: 'invalid_input', message: 'Name must be a string.', field: 'name' },
  });
  const created = await page.request.post(`/api/workspaces/${workspaceId}/boards`, { data: { name: 'From a script' } });
  expect(created.status()).toBe(201);
  const listed = await page.request.get(`/api/workspaces/${workspaceId}/boards`);
  expect((await listed.json()).boards.map((b: { name: string }) => b.name)).toContain('From a script');
  const token = await page.request.post('/api/collab-token');
  expect((await token.json()).token).toMatch(/^[a-z0-9]{32}$/);
  const signedOut = await page.request.fetch(`/api/workspaces/${workspaceId}/boards`, { headers: { cookie: '' } });
  expect([401, 404]).toContain(signedOut.status());
});

test('a sign-in link whose next points at another site still lands on Roster', async ({ page, baseURL }) => {
  // Before the fix Chromium followed `/<TAB>/evil.example` to evil.example (ERR_NAME_NOT_RESOLVED here).
  const person = newPerson('Nora Next');
  await signUp(page, person);
  for (const next of ['/%09/evil.example', '/%09%5Cevil.example', '/.//evil.example']) {
    // Signed in: /login sends the visitor straight on.
    await page.goto(`/login?next=${next}`);
    expect(new URL(page.url()).origin).toBe(baseURL);
  }
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.goto('/login?next=/%09/evil.example');
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Boards' })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(baseURL);
});
