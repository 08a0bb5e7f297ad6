/**
 * The transaction origin of a change the server makes to a live document (applyOperation.ts).
 * Persistence appends each of its updates to the update log, as it does a client's, and hands the
 * appends over here, so that the caller can wait until the change is stored.
 */
export class ServerWrite {
  private readonly appends: Promise<void>[] = [];

  constructor(
    /** Who the change is made for (shown in the activity history). */
    readonly actor: { id: string; name: string },
  ) {}

  /** An update made with this origin is being appended to the log. */
  appending(append: Promise<void>): void {
    // Awaited by `stored`; until then a failure must not count as unhandled.
    append.catch(() => {});
    this.appends.push(append);
  }

  /** Resolves once every update made with this origin is in the log; rejects if one could not be stored. */
  async stored(): Promise<void> {
    await Promise.all(this.appends);
  }
}
