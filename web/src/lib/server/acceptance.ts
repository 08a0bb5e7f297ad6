import { z } from 'zod';
import {
  acceptDeal,
  acceptanceTerms,
  dealDateSchema,
  parseInput,
  type AcceptanceTerms,
  type Problem,
} from '@roster/shared';
import { services } from './services';

/**
 * A creator's acceptance link (`/accept/<token>`, no account): the link is resolved on every
 * request (so a revoked or expired one stops at once), and it opens one creator's terms on one
 * board — nothing else of the board is read into the page.
 */
export type AcceptancePage =
  | { ok: true; boardName: string; expiresAt: string; terms: AcceptanceTerms }
  | { ok: false; status: number; error: Problem };

const TOO_MANY: Problem = {
  code: 'rate_limited',
  message: 'Too many requests from your address. Wait a minute and try again.',
};
const GONE: Problem = {
  code: 'creator_not_found',
  message: 'These terms are no longer available. Ask the team that sent the link.',
};

async function open(token: string, clientKey: string) {
  const { shareLinks } = services();
  if (!shareLinks.allowPublic(clientKey)) return { ok: false as const, status: 429, error: TOO_MANY };
  const scope = await shareLinks.resolve(token, 'acceptance');
  if (!scope.ok)
    return {
      ok: false as const,
      status: scope.reason === 'not_found' ? 404 : 410,
      error: { code: `link_${scope.reason}`, message: scope.message },
    };
  return { ok: true as const, scope };
}

/** The terms a valid acceptance link shows. */
export async function loadAcceptance(token: string, clientKey: string): Promise<AcceptancePage> {
  const opened = await open(token, clientKey);
  if (!opened.ok) return opened;
  const { scope } = opened;
  const terms = await services().readLiveBoard.document(scope.boardId, (doc) => acceptanceTerms(doc, scope.creatorId));
  if (!terms) return { ok: false, status: 404, error: GONE };
  return { ok: true, boardName: scope.boardName, expiresAt: scope.expiresAt.toISOString(), terms };
}

const acceptForm = z.object({
  /** The creator's name as they sign. */
  name: z.string().trim().min(1, { message: 'is required' }).max(120),
  /** The date they accept on. */
  date: dealDateSchema,
});

/**
 * Records the creator's acceptance through the link: `acceptDeal` applied by the server on the
 * live board (everyone with it open sees the creator move to Contract signed), once.
 */
export async function acceptTerms(
  token: string,
  clientKey: string,
  form: { name: unknown; date: unknown },
): Promise<{ ok: true } | { ok: false; status: number; error: Problem }> {
  const opened = await open(token, clientKey);
  if (!opened.ok) return opened;
  const parsed = parseInput(acceptForm, form, { name: 'Your name', date: 'Date' });
  if (!parsed.ok) return { ok: false, status: 400, error: parsed.error };
  const { scope } = opened;
  const result = await services().applyOperation(
    scope.boardId,
    acceptDeal,
    { creatorId: scope.creatorId, linkId: scope.linkId, name: parsed.value.name, date: parsed.value.date },
    // The link acts for the team that made it: recorded in the history under the name typed.
    { id: `link-${scope.linkId}`, name: `${parsed.value.name} (acceptance link)`, role: 'editor' },
  );
  if (!result.ok)
    return { ok: false, status: result.error.code === 'already_accepted' ? 409 : 404, error: result.error };
  return { ok: true };
}
