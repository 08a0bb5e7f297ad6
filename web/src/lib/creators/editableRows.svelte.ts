import { untrack } from 'svelte';

/** The rows as typed, read into what is stored — or the row that cannot be read and why. */
export type ReadRows<Value> = { ok: true; value: Value } | { ok: false; rowId: number; message: string };

export interface EditableRowsSpec<Row extends { id: number }, Value> {
  /** What is stored now (read reactively: a teammate's change or another creator shows). */
  stored: () => Value;
  toRows: (value: Value) => Omit<Row, 'id'>[];
  /** An empty row, for "+ Add". */
  blank: () => Omit<Row, 'id'>;
  read: (rows: Row[]) => ReadRows<Value>;
  /** Whether the rows as typed already say what is stored (then they are left as typed). */
  same: (typed: Value, stored: Value) => boolean;
  onsave: (value: Value) => void;
  /** After the rows were replaced by what is stored (`first`: when the editor opened). */
  onreplace?: (first: boolean) => void;
}

/**
 * Rows typed in place of a stored list (follower history, audience shares): each change is saved as
 * a whole; a row that cannot be read is marked and not saved. What is stored replaces the rows when
 * it changes — unless the rows already say the same, so saving does not reorder what is being typed.
 * Create it while a component is being set up (it registers an effect).
 */
export class EditableRows<Row extends { id: number }, Value> {
  rows = $state<Row[]>([]);
  /** Why the rows as typed cannot be saved, and which row. */
  problem = $state<{ rowId: number | null; message: string } | null>(null);
  #nextId = 0;
  #spec: EditableRowsSpec<Row, Value>;

  constructor(spec: EditableRowsSpec<Row, Value>) {
    this.#spec = spec;
    let shownKey: string | null = null;
    $effect.pre(() => {
      const storedKey = JSON.stringify(spec.stored());
      if (storedKey === shownKey) return;
      const first = shownKey === null;
      shownKey = storedKey;
      const stored = JSON.parse(storedKey) as Value;
      const typed = spec.read(untrack(() => this.rows));
      if (first || !typed.ok || !spec.same(typed.value, stored)) {
        this.replace(stored);
        this.problem = null;
        spec.onreplace?.(first);
      }
    });
  }

  /** Shows these rows instead of the ones typed. */
  replace(value: Value) {
    this.rows = this.#spec.toRows(value).map((row) => ({ ...row, id: this.#nextId++ }) as Row);
  }

  /** Saves the rows as typed, or marks the one that cannot be read. */
  save() {
    const read = this.#spec.read(this.rows);
    if (!read.ok) {
      this.problem = { rowId: read.rowId, message: read.message };
      return;
    }
    this.problem = null;
    this.#spec.onsave(read.value);
  }

  add() {
    this.rows = [...this.rows, { ...this.#spec.blank(), id: this.#nextId++ } as Row];
  }

  remove(id: number) {
    this.rows = this.rows.filter((row) => row.id !== id);
    this.save();
  }
}
