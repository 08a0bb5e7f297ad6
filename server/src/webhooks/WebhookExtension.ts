import type {
  Extension,
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  onChangePayload,
} from '@hocuspocus/server';
import type * as Y from 'yjs';
import { boardTypes, parseDocumentName } from '@roster/shared';
import { EXTENSION_PRIORITY } from '../collab/extensionPriority.ts';
import { BoardEvents } from './boardEvents.ts';
import type { WebhookOutbox } from './WebhookOutbox.ts';

const NOTE_EVENT_WINDOW_MS = 60_000;

/**
 * Turns changes of live boards into webhook events: status changes and new creators from the
 * board document's cells (every instance with the board open sees them; the outbox keeps one),
 * note edits from the notes documents (reported by the instance whose client typed them, at most
 * once a minute per creator).
 */
export class WebhookExtension implements Extension {
  priority = EXTENSION_PRIORITY.webhooks;
  private readonly stops = new Map<string, () => void>();

  constructor(
    private readonly outbox: WebhookOutbox,
    private readonly otherInstancesOrigin?: unknown,
  ) {}

  async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload): Promise<void> {
    const ref = parseDocumentName(documentName);
    if (ref?.kind !== 'board') return;
    // boardTypes first: its index observes the array before this observer does, so the observer
    // reads the change already indexed. Registered after, each change found the index behind,
    // rebuilt it from all ~600,000 cells of a 20,000-creator board, and marked it stale again:
    // a CSV import of 20,000 rows kept the server busy for minutes.
    const cells = boardTypes(document).cells.yarray;
    const boardEvents = new BoardEvents(document);
    const observer = (event: Y.YArrayEvent<unknown>) => {
      const events = boardEvents.read(event);
      if (events.length > 0) void this.outbox.enqueue(ref.boardId, events);
    };
    cells.observe(observer);
    this.stops.set(documentName, () => cells.unobserve(observer));
  }

  async onChange({ documentName, transactionOrigin, socketId }: onChangePayload): Promise<void> {
    const ref = parseDocumentName(documentName);
    if (ref?.kind !== 'notes' || !socketId || transactionOrigin === this.otherInstancesOrigin) return;
    const window = Math.floor(Date.now() / NOTE_EVENT_WINDOW_MS);
    await this.outbox.enqueue(ref.boardId, [
      { id: `notes:${ref.creatorId}:${window}`, event: 'note.edited', data: { creatorId: ref.creatorId } },
    ]);
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.stops.get(documentName)?.();
    this.stops.delete(documentName);
  }
}
