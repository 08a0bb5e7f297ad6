import type * as Y from 'yjs';
import { z } from 'zod';
import { defineOperation } from '../../operations/operation.ts';
import { boardMeta } from '../document/meta.ts';

/** The most a board's budget may be: a thousand creators at the largest fee (1e9) would not fit, a campaign does. */
export const MAX_BUDGET = 1_000_000_000_000;

/** A board's campaign budget (`meta.budget`), in one currency. */
export interface Budget {
  amount: number;
  /** ISO 4217 code, e.g. EUR. Fees in other currencies are never converted into it. */
  currency: string;
}

export const budgetSchema = z
  .object({
    /** The campaign's budget, 0–1e12 in `currency`. */
    amount: z.number().finite().min(0).max(MAX_BUDGET),
    /** ISO 4217 code (three capital letters). */
    currency: z.string().regex(/^[A-Z]{3}$/, { message: 'must be a 3-letter currency code like EUR' }),
  })
  .strict();

/** Sets the board's budget and currency (`meta.budget`); null clears it. */
export const setBudget = defineOperation({
  name: 'setBudget',
  action: 'board.edit',
  input: z.object({
    /** The budget; null clears it. */
    budget: budgetSchema.nullable(),
  }),
  failures: {},
  run(doc, { budget }, ctx) {
    doc.transact(() => {
      if (budget) boardMeta(doc).set('budget', budget);
      else boardMeta(doc).delete('budget');
    }, ctx.origin);
    return { ok: true };
  },
});

/** The board's budget, or null when unset or unreadable. */
export function readBudget(doc: Y.Doc): Budget | null {
  const parsed = budgetSchema.safeParse(boardMeta(doc).get('budget'));
  return parsed.success ? parsed.data : null;
}
