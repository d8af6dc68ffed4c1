// Table rows kept in step with a list that is read again and again: existing rows are updated in
// place, new ones created, gone ones dropped, and the body re-ordered only when the order changed,
// so keyboard focus on a row's link or button survives every refresh.
import { replace } from '../lib/dom.js';

/** One row and how to refresh it. */
export interface KeyedRow<T> {
  element: HTMLTableRowElement;
  update(item: T): void;
}

/** The rows of one `<tbody>`, by key. */
export class KeyedRows<T> {
  private readonly rows = new Map<string, KeyedRow<T>>();

  constructor(
    private readonly body: HTMLTableSectionElement,
    private readonly keyOf: (item: T) => string,
    private readonly create: (item: T) => KeyedRow<T>,
  ) {}

  /** Shows `items`, in their order. */
  show(items: readonly T[]): void {
    const keys = items.map(this.keyOf);
    items.forEach((item, i) => {
      const row = this.rows.get(keys[i]!);
      if (row) row.update(item);
      else this.rows.set(keys[i]!, this.create(item));
    });
    const wanted = new Set(keys);
    for (const key of [...this.rows.keys()]) if (!wanted.has(key)) this.rows.delete(key);
    const current = [...this.body.rows].map((r) => r.dataset.key);
    if (current.join('\n') !== keys.join('\n'))
      replace(
        this.body,
        keys.map((k) => this.rows.get(k)!.element),
      );
  }
}
