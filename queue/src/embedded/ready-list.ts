/** A FIFO of sequence numbers with O(1) shift (an array and a moving head, compacted now and then). */
export class ReadyList {
  private items: number[] = [];
  private head = 0;

  /** Adds at the tail. */
  push(seq: number): void {
    this.items.push(seq);
  }

  /** Takes from the head; undefined when empty. */
  shift(): number | undefined {
    if (this.head >= this.items.length) return undefined;
    const seq = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return seq;
  }

  /** How many are waiting (stale numbers included). */
  get length(): number {
    return this.items.length - this.head;
  }
}
