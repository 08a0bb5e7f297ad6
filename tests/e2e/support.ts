import { expect, test as playwrightTest, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { SESSION_COOKIE, type OperationContext } from '@roster/shared';
import { connectBoard } from '../integration/support/clients.ts';

export { expect };

/**
 * Playwright's `test`, which also closes every browser context a test opened with `browser.newContext()`
 * once the test ends. Playwright closes only the contexts of its own `context` and `page` fixtures; a
 * two-person test's contexts would otherwise stay open, their boards live, for the rest of the run,
 * and every later test would share the machine with them.
 */
export const test = playwrightTest.extend<{ closesItsBrowserContexts: void }>({
  closesItsBrowserContexts: [
    async ({ browser }, use) => {
      const openBefore = new Set(browser.contexts());
      await use();
      for (const context of browser.contexts()) if (!openBefore.has(context)) await context.close();
    },
    { auto: true },
  ],
});

let counter = 0;

/** A fresh identity per call, so tests never collide on the shared e2e database. */
export function newPerson(name: string) {
  counter += 1;
  // The worker's pid too: Playwright's workers are processes, each with its own counter.
  const slug = `${name.toLowerCase().replace(/\W+/g, '')}-${Date.now().toString(36)}-${process.pid}-${counter}`;
  return { name, email: `${slug}@example.com`, password: 'correct horse battery' };
}

/** Signs up through the real form; ends on the new user's workspace (or `next`). */
export async function signUp(page: Page, person: ReturnType<typeof newPerson>, path = '/signup') {
  await page.goto(path);
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel('Work email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).not.toHaveURL(/\/signup/);
}

/** Creates a board from the board list, which opens it. Returns its URL. */
export async function createBoard(page: Page, name: string): Promise<string> {
  await page.getByLabel('Board name').fill(name);
  await page.getByRole('button', { name: 'Create board' }).click();
  await expect(page).toHaveURL(/\/w\/[a-z0-9]+\/b\/[a-z0-9]+$/);
  await expect(page.getByTestId('connection-status')).toHaveText('Live');
  return page.url();
}

/** Creates an invite link for a role on the Members page and returns it. */
export async function createInvite(page: Page, role: 'editor' | 'viewer' | 'owner'): Promise<string> {
  await page.getByRole('link', { name: 'Members' }).click();
  await page.getByTestId('invite-role').selectOption(role);
  await page.getByRole('button', { name: 'Create invite link' }).click();
  const link = await page.getByTestId('invite-url').inputValue();
  expect(link).toMatch(/\/invite\/[a-z0-9]+$/);
  return link;
}

/** Opens an invite link signed out and signs up through it, which joins the workspace. */
export async function joinByInvite(page: Page, link: string, person: ReturnType<typeof newPerson>) {
  await page.goto(link);
  await page.getByRole('link', { name: 'Create an account' }).click();
  await expect(page).toHaveURL(/\/signup\?invite=/);
  await signUp(page, person, page.url());
  await expect(page).toHaveURL(/\/w\/[a-z0-9]+$/);
}

/** Picks an option in a Picker (web/src/lib/components/Picker.svelte) by its label, as a mouse user does. */
export async function pick(page: Page, testId: string, label: string) {
  await page.getByTestId(testId).click();
  await page.getByTestId(`${testId}-list`).getByRole('option', { name: label, exact: true }).click();
}

/** A script client connected to a board: its Yjs document and the context its operations run in. */
export interface Script {
  client: ReturnType<typeof connectBoard>;
  doc: Y.Doc;
  ctx: OperationContext;
}

/**
 * Connects a script client (a Yjs client with the page's session, as an import or the API would) to the board at
 * `boardUrl`, waits until it is synced, runs `write` with it (acting as “Script”) and disconnects afterwards.
 */
export async function withScript<T>(
  page: Page,
  baseURL: string,
  boardUrl: string,
  write: (script: Script) => Promise<T>,
): Promise<T> {
  const session = (await page.context().cookies()).find((cookie) => cookie.name === SESSION_COOKIE)!;
  const client = connectBoard(baseURL, boardUrl.split('/b/')[1]!, { cookie: `${SESSION_COOKIE}=${session.value}` });
  try {
    await expect.poll(() => client.provider.isSynced).toBe(true);
    const ctx = { actor: { id: 'script', name: 'Script' }, now: Date.now(), activity: new Y.Doc() };
    return await write({ client, doc: client.doc, ctx });
  } finally {
    client.destroy();
  }
}
