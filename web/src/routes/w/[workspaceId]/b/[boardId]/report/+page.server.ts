import { boardReport } from '@roster/shared';
import { services } from '$lib/server/services';
import { requireBoard } from '$lib/server/guards';

/**
 * The board report, read on the server from the live board (readLiveBoard: the document people
 * have open, or the stored one): a report is a snapshot to read, print or export, so it needs no
 * board connection of its own, renders complete before any script runs (print, PDF) and costs
 * one read of the board per visit. Viewers may see it.
 */
export async function load(event) {
  const { access } = await requireBoard(event);
  // The report's day is UTC's, like the dates of the board's other records.
  const now = new Date();
  const report = await services().readLiveBoard.document(access.board.id, (doc) =>
    boardReport(doc, now.toISOString().slice(0, 10)),
  );
  return { board: access.board, report, generatedAt: now.getTime() };
}
