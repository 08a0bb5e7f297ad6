import { addDays, utcDay } from '@roster/shared';
import { services } from '$lib/server/services';
import { requireMember } from '$lib/server/guards';

/** How far ahead "Due and overdue" looks. */
const HORIZON_DAYS = 30;

/**
 * Every unpaid payment of the workspace's live boards that is overdue or due within 30 days: a
 * query on the payment index (server/src/payments), no board is loaded. Any member may see it
 * (`board.view` on every board of the workspace).
 */
export async function load(event) {
  await requireMember(event, event.params.workspaceId);
  const today = utcDay(Date.now());
  const payments = await services().payments.index.dueBy(event.params.workspaceId, addDays(today, HORIZON_DAYS));
  return { payments, today, horizonDays: HORIZON_DAYS };
}
