import { type Browser, type Page } from '@playwright/test';
import { createBoard, createInvite, joinByInvite, newPerson, pick, signUp, expect, test } from './support.ts';

/** Screenshots for a person to look at, when SHOTS is set. */
const shot = async (page: Page, name: string) =>
  process.env.SHOTS ? page.screenshot({ path: `/work/shots/standup-${name}.png` }) : undefined;

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
}

const banner = (page: Page) => page.getByTestId('standup-banner');
const kanbanScroll = (page: Page) => page.getByTestId('kanban').evaluate((element) => element.scrollLeft);

/** The owner's demo board, and teammates who joined by invite and opened it. */
async function teamOnDemoBoard(browser: Browser, teammates: { name: string; role: 'editor' | 'viewer' }[]) {
  const owner = await newPage(browser);
  await signUp(owner, newPerson('Pia Presenter'));
  const url = await createBoard(owner, 'Standup board');
  await owner.getByTestId('demo-board').click();
  await expect(owner.getByTestId('creator-card').first()).toBeVisible();
  const pages: Page[] = [];
  for (const teammate of teammates) {
    const link = await createInvite(owner, teammate.role);
    const page = await newPage(browser);
    await joinByInvite(page, link, newPerson(teammate.name));
    await page.goto(url);
    await expect(page.getByTestId('connection-status')).toHaveText('Live');
    pages.push(page);
  }
  await owner.goto(url);
  await expect(owner.getByTestId('connection-status')).toHaveText('Live');
  return { owner, pages };
}

test('followers see the presenter’s group, filter, scroll, open creator and “Since…” moves live; one who scrolls stops following and the other still follows', async ({
  browser,
}) => {
  // Three people in three browser contexts: ~30 s on a quiet machine, past 60 s on a shared one.
  test.slow();
  const {
    owner: presenter,
    pages: [fay, finn],
  } = await teamOnDemoBoard(browser, [
    { name: 'Fay Follower', role: 'editor' },
    { name: 'Finn Follower', role: 'viewer' },
  ]);

  await presenter.getByTestId('start-standup').click();
  await expect(banner(presenter)).toContainText('You are presenting.');
  for (const follower of [fay!, finn!]) {
    await expect(banner(follower)).toContainText('Pia Presenter is presenting');
    await banner(follower).getByRole('button', { name: 'Follow' }).click();
    await expect(banner(follower)).toContainText('Following Pia Presenter');
  }
  await expect(presenter.getByTestId('standup-followers')).toContainText('Fay Follower');
  await expect(presenter.getByTestId('standup-followers')).toContainText('Finn Follower');
  await expect(presenter.getByTestId('start-standup')).toHaveCount(0);
  await expect(fay!.getByTestId('start-standup'), 'one presenter at a time').toHaveCount(0);

  // The presenter scrolls the board sideways: both followers' boards scroll with it.
  await presenter.getByTestId('kanban').evaluate((element) => element.scrollTo({ left: 500 }));
  for (const follower of [fay!, finn!]) await expect.poll(() => kanbanScroll(follower)).toBe(500);

  // Group, filter (search) and an open creator.
  await pick(presenter, 'group-select', 'Contract');
  await presenter.getByLabel('Search creators').fill('a');
  const name = await presenter.getByTestId('creator-card').first().locator('.name').innerText();
  await presenter.getByTestId('creator-card').first().click();
  await expect(presenter.getByTestId('creator-drawer')).toBeVisible();
  await shot(presenter, 'presenter');
  for (const follower of [fay!, finn!]) {
    await expect(follower.getByTestId('group-select')).toHaveAttribute('data-value', 'contract');
    await expect(follower.getByLabel('Search creators')).toHaveValue('a');
    await expect(follower.getByTestId('creator-drawer')).toHaveAttribute('aria-label', `Creator ${name}`);
  }
  await shot(finn!, 'follower');

  // Fay scrolls on her own: she stops following, with "Follow again" one click away.
  await presenter.keyboard.press('Escape');
  await expect(presenter.getByTestId('creator-drawer')).toHaveCount(0);
  await expect(fay!.getByTestId('creator-drawer')).toHaveCount(0);

  // "Since…" too: the presenter's moves panel shows on the followers' boards.
  await presenter.getByTestId('since-open').click();
  await presenter.getByTestId('since-show').click();
  const since = await presenter.getByTestId('since-panel').locator('h2').innerText();
  for (const follower of [fay!, finn!])
    await expect(follower.getByTestId('since-panel').locator('h2')).toHaveText(since);

  await fay!.mouse.move(700, 600);
  await fay!.mouse.wheel(0, 200);
  await expect(banner(fay!)).toContainText('You stopped following Pia Presenter');
  await expect(presenter.getByTestId('standup-followers')).not.toContainText('Fay Follower');
  await expect(presenter.getByTestId('standup-followers')).toContainText('Finn Follower');
  await shot(fay!, 'stopped');

  // The presenter goes on: Finn follows, Fay's view stays hers.
  await pick(presenter, 'group-select', 'Payment');
  await presenter.getByLabel('Search creators').fill('');
  await expect(finn!.getByTestId('group-select')).toHaveAttribute('data-value', 'payment');
  await expect(finn!.getByLabel('Search creators')).toHaveValue('');
  await expect(fay!.getByTestId('group-select')).toHaveAttribute('data-value', 'contract');
  await expect(fay!.getByLabel('Search creators')).toHaveValue('a');

  // One click and Fay catches up.
  await banner(fay!).getByRole('button', { name: 'Follow again' }).click();
  await expect(fay!.getByTestId('group-select')).toHaveAttribute('data-value', 'payment');
  await expect(fay!.getByLabel('Search creators')).toHaveValue('');

  // Stop presenting ends it for everyone.
  await banner(presenter).getByRole('button', { name: 'Stop presenting' }).click();
  for (const page of [presenter, fay!, finn!]) await expect(banner(page)).toHaveCount(0);
  await expect(fay!.getByTestId('start-standup')).toBeVisible();
});

/** Moves a creator (found by name) to a status of the influencer group through its drawer. */
async function move(page: Page, name: string, status: string) {
  await page.getByLabel('Search creators').fill(name);
  await page.getByTestId('creator-card').filter({ hasText: name }).first().click();
  await pick(page, 'drawer-status-influencer', status);
  await expect(page.getByTestId('drawer-status-influencer')).toContainText(status);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('creator-drawer')).toHaveCount(0);
  await page.getByLabel('Search creators').fill('');
}

test('“Since…” the last standup shows exactly the moves made after it, with from → to, who moved them and a summary per status', async ({
  browser,
}) => {
  // Two people, six moves through the drawer: ~25 s on a quiet machine, past 60 s on a shared one.
  test.slow();
  const {
    owner,
    pages: [teammate],
  } = await teamOnDemoBoard(browser, [{ name: 'Tom Teammate', role: 'editor' }]);
  const prospects = owner.locator('[data-status-id="influencer.prospect"] [data-testid="creator-card"] .name');
  await expect(prospects).not.toHaveCount(0);
  const [before, one, two, back] = await prospects.allInnerTexts();
  expect(back, 'the demo board has at least four prospects').toBeTruthy();

  await move(owner, before!, 'Contacted');
  await owner.getByTestId('start-standup').click();
  await banner(owner).getByRole('button', { name: 'Stop presenting' }).click();
  await move(owner, one!, 'Contacted');
  await move(owner, one!, 'Negotiating');
  await move(teammate!, two!, 'Negotiating');
  await move(owner, back!, 'Shortlisted');
  await move(owner, back!, 'Prospect');

  await owner.getByTestId('since-open').click();
  await expect(owner.getByTestId('since-dialog')).toBeVisible();
  await owner.getByTestId('since-show').click();
  const panel = owner.getByTestId('since-panel');
  await expect(panel.getByTestId('since-move')).toHaveCount(2);
  await expect(panel.getByTestId('since-move').filter({ hasText: one! })).toContainText(
    'Prospect → Negotiating (Influencer)',
  );
  await expect(panel.getByTestId('since-move').filter({ hasText: one! })).toContainText('by Pia Presenter');
  await expect(panel.getByTestId('since-move').filter({ hasText: two! })).toContainText('by Tom Teammate');
  await expect(panel.getByTestId('since-summary')).toHaveText(/^\s*Negotiating \+2\s*$/);
  await expect(panel).not.toContainText(before!);
  await expect(panel).not.toContainText(back!);

  // The board highlights the moved cards and table rows, and no other.
  const moved = owner.getByTestId('card-moved');
  await expect(moved).toHaveCount(2);
  await expect(owner.getByTestId('creator-card').filter({ hasText: one! })).toContainText(
    'Prospect → Negotiating · Pia Presenter',
  );
  await shot(owner, 'since');
  await owner.getByRole('tab', { name: 'Table' }).click();
  await owner.getByLabel('Search creators').fill(two!);
  await expect(owner.getByTestId('table-row').filter({ hasText: two! })).toContainText(
    'Prospect → Negotiating · Tom Teammate',
  );
  await owner.getByLabel('Search creators').fill(back!);
  await expect(owner.getByTestId('table-row').filter({ hasText: back! })).toBeVisible();
  await expect(owner.getByTestId('row-moved'), 'moved there and back').toHaveCount(0);

  // A move made now shows up live.
  await move(teammate!, before!, 'Negotiating');
  await expect(panel.getByTestId('since-move')).toHaveCount(3);
  await expect(panel.getByTestId('since-summary')).toContainText('Negotiating +3');
});
