import type { Extension, afterUnloadDocumentPayload, onChangePayload } from '@hocuspocus/server';
import * as Y from 'yjs';
import { countCreators, parseDocumentName } from '@roster/shared';
import type { ConnectionContext } from '../collab/connectionContext.ts';
import { EXTENSION_PRIORITY } from '../collab/extensionPriority.ts';
import type { Logger } from '../log.ts';
import type { Snapshots } from './Snapshots.ts';

interface Changed {
  document: Y.Doc;
  people: Set<string>;
}

/**
 * Snapshots boards while they change: every `intervalMs`, each board document changed since the
 * last round (and still loaded) gets a snapshot, unless one (from any instance, or before a risky
 * action) is younger than the interval. Failures are logged, never fail an edit.
 */
export class SnapshotScheduler implements Extension {
  priority = EXTENSION_PRIORITY.snapshots;
  private readonly changed = new Map<string, Changed>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly snapshots: Snapshots,
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {}

  async onConfigure(): Promise<void> {
    this.timer = setInterval(() => void this.round(), this.intervalMs);
    this.timer.unref();
  }

  async onChange({ documentName, document, context }: onChangePayload): Promise<void> {
    const ref = parseDocumentName(documentName);
    if (ref?.kind !== 'board') return;
    const entry = this.changed.get(ref.boardId) ?? { document, people: new Set<string>() };
    const name = (context as Partial<ConnectionContext> | undefined)?.user?.name;
    if (name) entry.people.add(name);
    this.changed.set(ref.boardId, entry);
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    const ref = parseDocumentName(documentName);
    if (ref?.kind === 'board') this.changed.delete(ref.boardId);
  }

  async onDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
  }

  /** Takes the snapshots that are due (exposed for tests). */
  async round(): Promise<void> {
    const due = [...this.changed];
    this.changed.clear();
    for (const [boardId, { document, people }] of due) {
      try {
        const latest = await this.snapshots.latest(boardId);
        if (latest && Date.now() - latest.getTime() < this.intervalMs * 0.9) {
          // Another instance (or a risky action) took one recently: keep the change for the next round.
          const entry = this.changed.get(boardId) ?? { document, people: new Set<string>() };
          people.forEach((name) => entry.people.add(name));
          this.changed.set(boardId, entry);
          continue;
        }
        await this.snapshots.store(
          boardId,
          'schedule',
          [...people],
          Y.encodeStateAsUpdate(document),
          countCreators(document),
        );
      } catch (error) {
        this.log.error('board snapshot failed', { boardId, error: String(error) });
      }
    }
  }
}
