/**
 * The order in which Hocuspocus runs each hook across our extensions: highest priority first
 * (Hocuspocus' default is 100; its Redis extension sets 1000 itself). The order of the extensions
 * array means nothing; this table decides.
 */
export const EXTENSION_PRIORITY = {
  /** Before any other `connected` hook: the guard stops counting the document as pending. */
  connectionGuard: 1100,
  // Redis (1000, its own): its `onStoreDocument` takes a lock and, when another instance holds it,
  // ends the chain before persistence stores.
  authentication: 200,
  hocuspocusPatches: 150,
  /** Its `afterStoreDocument` runs once persistence's `onStoreDocument` has stored (all of those run first). */
  boardStats: 100,
  /** Its `afterStoreDocument` too: the payment index follows what is stored. */
  paymentIndex: 90,
  /** Its `afterStoreDocument` too: a preview is built from what is stored. */
  boardPreviews: 80,
  /** Observes board documents once loaded; queues events without holding up any other hook. */
  webhooks: 50,
  /** Notes which boards changed and who changed them; snapshots are taken on its own timer. */
  snapshots: 40,
  /**
   * Last with `beforeHandleMessage`: Hocuspocus applies the message right after the hooks resolve,
   * before any log append can commit, so the log position persistence records (`ownUpTo`) never
   * names an update that the next encoded state lacks. Also last to store, after Redis' lock.
   */
  persistence: 10,
} as const;
