import type {
  Extension,
  afterLoadDocumentPayload,
  afterStoreDocumentPayload,
  afterUnloadDocumentPayload,
  beforeUnloadDocumentPayload,
  onChangePayload,
} from '@hocuspocus/server';
import type * as Y from 'yjs';
import { parseDocumentName } from '@roster/shared';
import { EXTENSION_PRIORITY } from '../collab/extensionPriority.ts';
import type { Logger } from '../log.ts';
import type { BoardPreviews } from './BoardPreviews.ts';
import { DocumentWriteThrottle } from './DocumentWriteThrottle.ts';
import type { PreviewBuilder } from './PreviewBuilder.ts';

/**
 * Cells a board of `minCreators` holds at least (a creator has its name, rank, creation time and
 * statuses, and usually more): below this many no board is big enough for a preview, which is
 * known without reading the board (an array's length is kept by Yjs).
 */
const CELLS_PER_CREATOR_AT_LEAST = 5;

/**
 * Keeps each big board's preview (what its page shows before the board is loaded) close to the
 * board: asks the preview worker for a new one once edits are stored, at most once per
 * `intervalMs` per board (PREVIEW_INTERVAL_MS) and once more when the board closes; and when a
 * board loads whose preview is missing or older than its stored document. Boards too small for a
 * preview (PREVIEW_MIN_CREATORS) cost nothing but a DELETE when an edited one closes (it may have
 * shrunk, and lost its preview). Never waits for a build, and a failure changes nothing
 * but the preview.
 */
export class BoardPreviewExtension implements Extension {
  priority = EXTENSION_PRIORITY.boardPreviews;
  /** Board documents edited since their last request. */
  private readonly changed = new Set<string>();
  private readonly throttle: DocumentWriteThrottle;
  /** Cells a board needs at least to be worth a preview (see CELLS_PER_CREATOR_AT_LEAST). */
  private readonly minCells: number;

  constructor(
    private readonly builder: PreviewBuilder,
    private readonly previews: Pick<BoardPreviews, 'isStale' | 'remove'>,
    /** Resolves once the update-log appends started so far have committed: the worker reads the log. */
    private readonly stored: () => Promise<void>,
    private readonly log: Logger,
    { intervalMs, minCreators }: { intervalMs: number; minCreators: number },
  ) {
    this.throttle = new DocumentWriteThrottle(intervalMs);
    this.minCells = minCreators * CELLS_PER_CREATOR_AT_LEAST;
  }

  private mayBeBigEnough(document: Y.Doc): boolean {
    return document.getArray('cells').length >= this.minCells;
  }

  async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload): Promise<void> {
    const boardId = boardOf(documentName);
    if (!boardId || !this.mayBeBigEnough(document)) return;
    // Not awaited: the board's first sync must not wait for this query.
    this.previews.isStale(boardId, documentName).then(
      (stale) => stale && this.builder.request(boardId),
      (error: unknown) => this.log.error('could not check a board preview', { boardId, error: String(error) }),
    );
  }

  async onChange({ documentName }: onChangePayload): Promise<void> {
    if (boardOf(documentName)) this.changed.add(documentName);
  }

  async afterStoreDocument({ documentName, document }: afterStoreDocumentPayload): Promise<void> {
    if (!this.changed.has(documentName) || !this.mayBeBigEnough(document)) return;
    await this.throttle.request(documentName, () => this.requestBuild(documentName));
  }

  async beforeUnloadDocument({ documentName, document }: beforeUnloadDocumentPayload): Promise<void> {
    await this.throttle.flush(documentName);
    if (!this.changed.has(documentName)) return;
    const boardId = boardOf(documentName);
    if (!boardId) return;
    // Edits not yet asked for: a big board's last ones, or a board too small for a preview (it
    // may have shrunk below the threshold, and has none from now on).
    if (this.mayBeBigEnough(document)) return this.requestBuild(documentName);
    this.changed.delete(documentName);
    await this.previews.remove(boardId).catch((error: unknown) => {
      this.log.error('could not remove a board preview', { boardId, error: String(error) });
    });
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
