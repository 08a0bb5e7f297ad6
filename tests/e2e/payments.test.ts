import { type Browser, type Page } from '@playwright/test';
import { addCreators, addDays, recordPayment, runOperation, setFee, setStatus, type InputOf } from '@roster/shared';
import {
  createBoard,
  createInvite,
  joinByInvite,
  newPerson,
  pick,
  signUp,
  withScript,
  expect,
  test,
} from './support.ts';

const card = (page: Page, name: string) => page.getByTestId('creator-card').filter({ hasText: name });
const shots = 'docs/screenshots';

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
}

/** The browser's own day, as the pages judge overdue. */
async function pageToday(page: Page): Promise<string> {
  return page.evaluate(() => {
    const now = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  });
}

/**
 * Signs up, creates a board and adds Mia Hart (Contract signed, fee €3,000) and Leo Berg through
 * a script client with the same session, then `more` writes what else the test needs.
 */
async function boardWithMia(
  page: Page,
  baseURL: string,
  owner: ReturnType<typeof newPerson>,
  more: (run: (op: typeof recordPayment, input: InputOf<typeof recordPayment>) => void, mia: string) => void = () => {},
): Promise<string> {
  await signUp(page, owner);
  const boardUrl = await createBoard(page, 'Autumn launch');
  await withScript(page, baseURL, boardUrl, async ({ client, doc, ctx }) => {
    const added = runOperation(doc, addCreators, { creators: [{ name: 'Mia Hart' }, { name: 'Leo Berg' }] }, ctx);
    if (!added.ok) throw new Error(added.error.message);
    const [mia] = added.ids as [string];
    runOperation(doc, setStatus, { creatorIds: [mia], group: 'contract', statusId: 'contract.contract-signed' }, ctx);
    runOperation(doc, setFee, { creatorId: mia, fee: { amount: 3000, currency: 'EUR' } }, ctx);
    more((op, input) => expect(runOperation(doc, op, input, ctx).ok).toBe(true), mia);
    await expect(card(page, 'Mia Hart')).toBeVisible();
    // The script's edits are stored before it leaves.
    await expect.poll(() => client.provider.unsyncedChanges).toBe(0);
  });
  return boardUrl;
}

test('A records a 50% payment while B watches the card’s Payment status follow the ledger, then set by hand and back', async ({
  page,
  browser,
  baseURL,
}) => {
  const boardUrl = await boardWithMia(page, baseURL!, newPerson('Ann Owner'));
  const invite = await createInvite(page, 'editor');
  const teammate = await newPage(browser);
  await joinByInvite(teammate, invite, newPerson('Tom Editor'));
  await teammate.goto(boardUrl);
  await page.goto(boardUrl);
  await expect(card(teammate, 'Mia Hart').getByTestId('card-statuses')).toContainText('Not paid');

  await card(page, 'Mia Hart').click();
  const drawer = page.getByTestId('creator-drawer');
  await expect(drawer.getByTestId('payments-empty')).toContainText('No payments yet.');
  await drawer.getByTestId('record-payment').click();
  await drawer.getByTestId('pay-amount').fill('1500');
  await drawer.getByTestId('pay-submit').click();

  // B's card follows: the status is computed from the ledger, and shown with the sums.
  await expect(card(teammate, 'Mia Hart').getByTestId('card-statuses')).toContainText('50% paid');
  await expect(card(teammate, 'Mia Hart').getByTestId('payment-sums')).toHaveText('€1,500 of €3,000 paid');
  await expect(drawer.getByTestId('payments-status')).toHaveText('50% paid');
  await expect(drawer.getByTestId('ledger-row')).toHaveCount(1);

  // Terms and the schedule: 50% on signing, 50% 30 days after posting.
  await drawer.getByTestId('edit-terms').click();
  await drawer.getByTestId('save-terms').click();
  await expect(drawer.getByTestId('terms-text')).toHaveText('50% on signing, 50% 30 days after posting');
  await drawer.getByTestId('create-schedule').click();
  await expect(drawer.getByTestId('ledger-row')).toHaveCount(3);
  await expect(drawer.getByTestId('ledger')).toContainText('30 days after posting');
  await drawer.getByTestId('payments-section').scrollIntoViewIfNeeded();
  await drawer.screenshot({ path: `${shots}/issue12-drawer-payments.png` });

  // Set by hand in the drawer's picker: visible as such, on B's card too; then back to the ledger.
  await pick(page, 'drawer-status-payment', 'Paid fully');
  await expect(drawer.getByTestId('payments-override')).toContainText('Set by hand by Ann Owner');
  await expect(card(teammate, 'Mia Hart').getByTestId('card-statuses')).toContainText('Paid fully');
  await drawer.getByTestId('follow-ledger').click();
  await expect(drawer.getByTestId('payments-override')).toHaveCount(0);
  await expect(card(teammate, 'Mia Hart').getByTestId('card-statuses')).toContainText('50% paid');
  await teammate.reload();
  await expect(card(teammate, 'Mia Hart').getByTestId('card-statuses')).toContainText('50% paid');
});

test('an overdue payment is flagged on the card and the table and listed on the board’s Payments page and the workspace’s Due and overdue page', async ({
  page,
  baseURL,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  const today = await pageToday(page);
  const boardUrl = await boardWithMia(page, baseURL!, newPerson('Olive Owner'), (run, mia) => {
    run(recordPayment, {
      creatorId: mia,
      paymentId: 'late',
      payment: { amount: 1500, dueDate: addDays(today, -5), method: 'Bank transfer' },
    });
    run(recordPayment, { creatorId: mia, paymentId: 'soon', payment: { amount: 1500, dueDate: addDays(today, 10) } });
  });
  await expect(card(page, 'Mia Hart').getByTestId('payment-overdue')).toHaveText('Overdue');
  await expect(card(page, 'Leo Berg').getByTestId('payment-overdue')).toHaveCount(0);

  await page.getByRole('tab', { name: 'Table' }).click();
  await expect(page.getByTestId('table-row').filter({ hasText: 'Mia Hart' }).locator('.cell.payments')).toHaveText(
    '0 of 3,000 EUR paid · overdue 5 days',
  );
  await page.getByRole('tab', { name: 'Kanban' }).click();

  await page.getByTestId('board-menu').click();
  await page.getByTestId('open-payments').click();
  await expect(page).toHaveURL(`${boardUrl}/payments`);
  await expect(page.getByTestId('payments-row')).toHaveCount(2);
  await expect(page.getByTestId('payments-row-overdue')).toHaveText('Overdue · 5 days late');
  await page.getByTestId('filter-overdue').click();
  await expect(page.getByTestId('payments-row')).toHaveCount(1);
  await expect(page.getByTestId('payment-sums-per-currency')).toContainText('Overdue €1,500');
  await page.getByTestId('filter-all').click();
  await page.screenshot({ path: `${shots}/issue12-payments-page.png`, fullPage: true });

  await page.getByRole('link', { name: 'Due and overdue' }).click();
  await expect(page.getByTestId('overdue-table').getByTestId('due-row')).toContainText('Mia Hart');
  await expect(page.getByTestId('overdue-table')).toContainText('5 days late');
  await expect(page.getByTestId('overdue-table')).toContainText('Autumn launch');
  await expect(page.getByTestId('due-table')).toContainText('due in 10 days');
  await page.screenshot({ path: `${shots}/issue12-due-and-overdue.png`, fullPage: true });

  // Paid from the Payments page: gone from Due and overdue.
  await page.getByTestId('overdue-table').getByRole('link', { name: 'Autumn launch' }).click();
  await page
    .getByTestId('payments-row')
    .filter({ hasText: 'Overdue' })
    .getByRole('button', { name: 'Mark paid' })
    .click();
  await expect(page.getByTestId('payments-row-overdue')).toHaveCount(0);
  await expect
    .poll(async () => {
      await page.goto(boardUrl.replace(/\/b\/.*$/, '/payments'));
      return page.getByTestId('overdue-table').count();
    })
    .toBe(0);
});
