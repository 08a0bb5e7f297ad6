import { type Browser, type Page } from '@playwright/test';
import { createBoard, createInvite, joinByInvite, newPerson, pick, signUp, expect, test } from './support.ts';

const columnOf = (page: Page, statusId: string) =>
  page.locator(`[data-testid="kanban-column"][data-status-id="${statusId}"]`);
const card = (page: Page, name: string) => page.getByTestId('creator-card').filter({ hasText: name });
const shots = process.env.SHOTS;
const values = (page: Page, testId: string) =>
  page
    .getByTestId('deal-panel')
    .getByTestId(testId)
    .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));

/** Owner (A) and editor (B) on one fresh board with one creator, both live, 1440 px wide. */
async function twoPeopleOnABoard(browser: Browser, creator: string) {
  test.slow();
  const contextA = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const contextB = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const a = await contextA.newPage();
  const b = await contextB.newPage();
  await signUp(a, newPerson('Ada Owner'));
  const boardUrl = await createBoard(a, 'Summer deals');
  const invite = await createInvite(a, 'editor');
  await a.goto(boardUrl);
  await addCreator(a, creator);
  await joinByInvite(b, invite, newPerson('Ben Editor'));
  await b.goto(boardUrl);
  await expect(b.getByTestId('connection-status')).toHaveText('Live');
  await expect(card(b, creator)).toBeVisible();
  return { a, b, boardUrl, close: () => Promise.all([contextA.close(), contextB.close()]) };
}

async function addCreator(page: Page, handle: string) {
  await page.getByTestId('add-creators').click();
  await page.getByTestId('paste-handles').fill(`@${handle}`);
  await page.getByRole('button', { name: 'Add 1 creator' }).click();
  await expect(card(page, handle)).toBeVisible();
}

async function openDeal(page: Page, handle: string) {
  await card(page, handle).click();
  await expect(page.getByTestId('creator-drawer')).toBeVisible();
  return page.getByTestId('deal-panel');
}

/** Today in the browser's calendar, as the date inputs show it. */
const today = (page: Page) =>
  page.evaluate(() => {
    const now = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  });

test('A adds and edits deliverables and usage rights while B, with the same creator open, sees each change', async ({
  browser,
}) => {
  const { a, b, close } = await twoPeopleOnABoard(browser, 'mia.hart');
  const dealA = await openDeal(a, 'mia.hart');
  const dealB = await openDeal(b, 'mia.hart');
  await expect(dealA.getByTestId('deliverables-empty')).toHaveText('No deliverables yet — add the first one.');

  // Keyboard only: type the format, Tab to the count, Enter adds it.
  const add = dealA.getByTestId('add-deliverable');
  await add.getByLabel("New deliverable's format").fill('Reel');
  await a.keyboard.press('Tab');
  await a.keyboard.press('Control+A');
  await a.keyboard.type('2');
  await add.getByLabel("New deliverable's due date").fill('2026-06-01');
  await add.getByLabel("New deliverable's format").press('Enter');
  await add.getByLabel("New deliverable's format").fill('Story');
  await add.getByLabel("New deliverable's format").press('Enter');

  await expect.poll(() => values(b, 'deliverable-format')).toEqual(['Reel', 'Story']);
  await expect(dealB.getByTestId('deliverable-count').first()).toHaveValue('2');
  await expect(dealB.getByTestId('deliverable-due').first()).toHaveValue('2026-06-01');

  // B changes the second one's count while A writes the usage rights: both kept, on both screens.
  await dealB.getByTestId('deliverable-count').nth(1).fill('3');
  await dealB.getByTestId('deliverable-count').nth(1).press('Tab');
  await dealA.getByRole('textbox', { name: 'Usage rights' }).fill('Paid social and website, 6 months');
  await dealA.getByRole('textbox', { name: 'Usage rights' }).press('Tab');
  await expect(dealA.getByTestId('deliverable-count').nth(1)).toHaveValue('3');
  await expect(dealB.getByRole('textbox', { name: 'Usage rights' })).toHaveValue('Paid social and website, 6 months');

  // A refused count is marked at its row and not saved.
  await dealA.getByTestId('deliverable-count').first().fill('500');
  await dealA.getByTestId('deliverable-count').first().press('Tab');
  await expect(dealA.getByTestId('deliverable').first().getByRole('alert')).toHaveText(
    'Not saved: Count must be at most 100.',
  );
  await expect(dealB.getByTestId('deliverable-count').first()).toHaveValue('2');

  // B removes the first; A sees one left.
  await dealB.getByRole('button', { name: 'Remove 2 × Instagram Reel' }).click();
  await expect.poll(() => values(a, 'deliverable-format')).toEqual(['Story']);
  await close();
});

test('moving a creator to Contract signed on the kanban asks for the missing contract and date, then records them', async ({
  browser,
}) => {
  const { a, b, close } = await twoPeopleOnABoard(browser, 'leo.berg');
  await pick(a, 'group-select', 'Contract');
  await pick(b, 'group-select', 'Contract');
  await card(a, 'leo.berg').dragTo(columnOf(a, 'contract.contract-signed').locator('.body'));

  const dialog = a.getByTestId('contract-move-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('contract-move-date')).toHaveValue(await today(a));
  // Nothing moves until the contract is given.
  await expect(columnOf(b, 'contract.no-contract')).toContainText('leo.berg');
  await dialog.getByTestId('contract-move-link').fill('javascript:alert(1)');
  await dialog.getByTestId('contract-move-date').fill('2026-05-10');
  await dialog.getByTestId('contract-move-confirm').click();
  await expect(dialog.getByTestId('contract-move-error')).toHaveText(
    'The link to the contract of leo.berg must be an http(s) address.',
  );
  await dialog.getByTestId('contract-move-link').fill('https://docs.example.com/leo-contract.pdf');
  if (shots) await a.screenshot({ path: 'docs/screenshots/issue12-contract-move.png' });
  await dialog.getByTestId('contract-move-confirm').click();
  await expect(dialog).toBeHidden();

  await expect(columnOf(a, 'contract.contract-signed')).toContainText('leo.berg');
  await expect(columnOf(b, 'contract.contract-signed')).toContainText('leo.berg');
  const deal = await openDeal(b, 'leo.berg');
  await expect(deal.getByTestId('contract-url')).toHaveValue('https://docs.example.com/leo-contract.pdf');
  await expect(deal.getByTestId('contract-signed-at')).toHaveValue('2026-05-10');
  await expect(deal.getByTestId('contract-sent-at')).toHaveValue('2026-05-10');

  // With the contract and dates there, moving back and forth asks nothing.
  await b.keyboard.press('Escape');
  await card(a, 'leo.berg').dragTo(columnOf(a, 'contract.contract-sent').locator('.body'));
  await expect(columnOf(b, 'contract.contract-sent')).toContainText('leo.berg');
  await expect(dialog).toHaveCount(0);
  await close();
});

test('a creator accepts the terms through the acceptance link in another browser, and A sees Contract signed', async ({
  browser,
}) => {
  const { a, close } = await twoPeopleOnABoard(browser, 'nora.lund');
  await pick(a, 'group-select', 'Contract');
  const deal = await openDeal(a, 'nora.lund');
  await deal.getByTestId('drawer-fee').fill('1500');
  await deal.getByTestId('drawer-fee').press('Tab');
  const add = deal.getByTestId('add-deliverable');
  await add.getByLabel("New deliverable's format").fill('Reel');
  await add.getByLabel("New deliverable's due date").fill('2026-06-01');
  await add.getByLabel("New deliverable's format").press('Enter');
  await deal.getByRole('textbox', { name: 'Usage rights' }).fill('Paid social, 6 months');
  await deal.getByRole('textbox', { name: 'Usage rights' }).press('Tab');
  await deal.getByTestId('contract-url').fill('https://docs.example.com/nora.pdf');
  await deal.getByTestId('contract-url').press('Tab');

  await deal.getByTestId('create-acceptance-link').click();
  const link = await deal.getByTestId('acceptance-link-url').inputValue();
  expect(link).toMatch(/\/accept\/[a-z2-7]{32}$/);
  await expect(deal.getByTestId('acceptance-link')).toHaveCount(1);

  // The creator: no account, another browser.
  const creatorContext = await browser.newContext({ viewport: { width: 1000, height: 1100 } });
  const creator = await creatorContext.newPage();
  await creator.goto(link);
  await expect(creator.getByRole('heading', { name: 'Terms for nora.lund' })).toBeVisible();
  await expect(creator.getByTestId('acceptance-fee')).toHaveText('€1,500');
  await expect(creator.getByTestId('acceptance-deliverables')).toContainText('Reel');
  await expect(creator.getByTestId('acceptance-usage')).toContainText('Paid social, 6 months');
  await expect(creator.getByTestId('acceptance-contract-url')).toHaveAttribute(
    'href',
    'https://docs.example.com/nora.pdf',
  );
  await creator.getByLabel('Your name').fill('Nora Lund');
  if (shots) await creator.screenshot({ path: 'docs/screenshots/issue12-acceptance-page.png', fullPage: true });
  await creator.getByTestId('accept-terms').click();
  await expect(creator.getByTestId('acceptance-done')).toHaveText('Thank you — your acceptance was recorded.');

  await expect(columnOf(a, 'contract.contract-signed')).toContainText('nora.lund');
  await expect(deal.getByTestId('contract-acceptance')).toContainText('Accepted by Nora Lund');
  await expect(deal.getByTestId('contract-signed-at')).toHaveValue(await today(a));
  if (shots) await deal.screenshot({ path: 'docs/screenshots/issue12-deal-panel.png' });

  // Revoked, the link shows nothing of the deal any more.
  await deal.getByTestId('revoke-acceptance-link').click();
  await expect(deal.getByTestId('acceptance-link')).toContainText('revoked');
  await creator.reload();
  await expect(creator.getByTestId('acceptance-refused')).toContainText('turned off');
  await expect(creator.getByText('nora.lund')).toHaveCount(0);
  await creatorContext.close();
  await close();
});
