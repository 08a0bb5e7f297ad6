import { fail } from '@sveltejs/kit';
import { can, markPaymentPaid, parseNumberInput, recordPayment, type Problem } from '@roster/shared';
import { services } from '$lib/server/services';
import { requireBoard } from '$lib/server/guards';
import { formObject } from '$lib/server/results';

/** Every payment of the board, read from the live board (what people with it open see). */
export async function load(event) {
  const { access } = await requireBoard(event);
  const board = await services().readLiveBoard.board(access.board.id);
  const payments = board.creators.flatMap((creator) =>
    creator.payments.ledger.map((payment) => ({ ...payment, creatorId: creator.id, creatorName: creator.name })),
  );
  return {
    board: access.board,
    canEdit: can(access.role, 'board.edit'),
    payments,
    creators: board.creators.map((c) => ({ id: c.id, name: c.name, currency: c.fee?.currency ?? 'EUR' })),
  };
}

const text = (value: string | undefined) => (value?.trim() ? value.trim() : null);

export const actions = {
  /** Records a payment for a creator of the board (the drawer's "Record payment", inline). */
  record: async (event) => {
    const { user, access } = await requireBoard(event);
    const values = await formObject(event.request);
    const amount = parseNumberInput(values.amount ?? '', { max: 1_000_000_000 });
    if (!amount.ok)
      return fail(400, {
        error: { code: 'invalid_input', message: `Amount ${amount.message}.`, field: 'amount' } satisfies Problem,
      });
    const result = await services().applyOperation(
      access.board.id,
      recordPayment,
      {
        creatorId: values.creatorId ?? '',
        payment: {
          amount: amount.value,
          currency: (values.currency ?? '').trim().toUpperCase() || 'EUR',
          dueDate: text(values.dueDate),
          paidDate: text(values.paidDate),
          method: text(values.method),
          reference: text(values.reference),
          note: text(values.note),
        },
      },
      { id: user.id, name: user.name, role: access.role },
    );
    if (!result.ok) return fail(result.error.code === 'forbidden' ? 403 : 400, { error: result.error });
    return { recorded: true };
  },
  /** Marks a payment paid on the day the browser says is today. */
  markPaid: async (event) => {
    const { user, access } = await requireBoard(event);
    const values = await formObject(event.request);
    const result = await services().applyOperation(
      access.board.id,
      markPaymentPaid,
      { creatorId: values.creatorId ?? '', paymentId: values.paymentId ?? '', paidDate: text(values.paidDate) },
      { id: user.id, name: user.name, role: access.role },
    );
    if (!result.ok) return fail(result.error.code === 'forbidden' ? 403 : 400, { error: result.error });
    return { paid: true };
  },
};
