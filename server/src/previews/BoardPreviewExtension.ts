import type {
  Extension,
  afterLoadDocumentPayload,
  afterStoreDocumentPayload,
  afterUnloadDocumentPayload,
  beforeUnloadDocumentPayload,
  onChangePayload,
} from '@hocuspocus/server';
import { parseDocumentName } from '@roster/shared';
import { EXTENSION_PRIORITY } from '../collab/extensionPriority.ts';
import type { Logger } from '../log.ts';
import type { BoardPreviews } from './BoardPreviews.ts';
import { DocumentWriteThrottle } from './DocumentWriteThrottle.ts';
import type { PreviewBuilder } from './PreviewBuilder.ts';

/**
 * Keeps each board's preview (what its page shows before the board is loaded) close to the board:
 * asks the preview worker for a new one once edits are stored, at most once per `intervalMs` per
 * board (PREVIEW_INTERVAL_MS) and once more when the board closes; and when a board loads whose
 * preview is missing or older than its stored document. Never waits for a build, and a failure
 * changes nothing but the preview.
 */
export class BoardPreviewExtension implements Extension {
  priority = EXTENSION_PRIORITY.boardPreviews;
  /** Board documents edited since their last request. */
  private readonly changed = new Set<string>();
  private readonly throttle: DocumentWriteThrottle;

  constructor(
    private readonly builder: PreviewBuilder,
    private readonly previews: Pick<BoardPreviews, 'isStale'>,
    /** Resolves once the update-log appends started so far have committed: the worker reads the log. */
    private readonly stored: () => Promise<void>,
    private readonly log: Logger,
    intervalMs: number,
  ) {
    this.throttle = new DocumentWriteThrottle(intervalMs);
  }

  async afterLoadDocument({ documentName }: afterLoadDocumentPayload): Promise<void> {
    const boardId = boardOf(documentName);
    if (!boardId) return;
    // Not awaited: the board's first sync must not wait for this query.
    this.previews.isStale(boardId, documentName).then(
      (stale) => stale && this.builder.request(boardId),
      (error: unknown) => this.log.error('could not check a board preview', { boardId, error: String(error) }),
    );
  }

  async onChange({ documentName }: onChangePayload): Promise<void> {
    if (boardOf(documentName)) this.changed.add(documentName);
  }

  async afterStoreDocument({ documentName }: afterStoreDocumentPayload): Promise<void> {
    if (!this.changed.has(documentName)) return;
    await this.throttle.request(documentName, () => this.requestBuild(documentName));
  }

  async beforeUnloadDocument({ documentName }: beforeUnloadDocumentPayload): Promise<void> {
    await this.throttle.flush(documentName);
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.changed.delete(documentName);
  }

  async onDestroy(): Promise<void> {
    await this.builder.close();
  }

  private async requestBuild(documentName: string): Promise<void> {
    const boardId = boardOf(documentName);
    if (!boardId || !this.changed.delete(documentName)) return;
    // An edit arriving from here on marks the board again, for the next request.
    try {
      await this.stored();
    } catch {
      // An append that failed is logged by the update log; the build reads what is stored.
    }
    this.builder.request(boardId);
  }
}

function boardOf(documentName: string): string | null {
  const ref = parseDocumentName(documentName);
  return ref?.kind === 'board' ? ref.boardId : null;
}
