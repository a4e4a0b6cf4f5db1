// The size a file must exceed to be drawn one by one in the treemap: the smallest of the `capacity`
// largest sizes seen so far (0 until that many were seen). It only rises as sizes come, so a file
// at or under it now will be at or under it at the end: it can be folded at once.
export class SizeFloor {
  /** A min-heap of the largest sizes seen. */
  private readonly heap: number[] = [];

  constructor(private readonly capacity: number) {}

  admit(size: number): void {
    if (size <= 0 || this.capacity <= 0) return;
    const heap = this.heap;
    if (heap.length < this.capacity) {
      heap.push(size);
      this.up(heap.length - 1);
    } else if (size > (heap[0] ?? 0)) {
      heap[0] = size;
      this.down(0);
    }
  }

  /** Files of this size or less are folded. */
  value(): number {
    if (this.capacity <= 0) return Number.POSITIVE_INFINITY;
    return this.heap.length < this.capacity ? 0 : (this.heap[0] ?? 0);
  }

  sizes(): number[] {
    return [...this.heap];
  }

  private up(at: number): void {
    const heap = this.heap;
    const size = heap[at] ?? 0;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const above = heap[parent] ?? 0;
      if (above <= size) break;
      heap[at] = above;
      at = parent;
    }
    heap[at] = size;
  }

  private down(at: number): void {
    const heap = this.heap;
    const size = heap[at] ?? 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && (heap[right] ?? 0) < (heap[left] ?? 0) ? right : left;
      const below = heap[child] ?? 0;
      if (below >= size) break;
      heap[at] = below;
      at = child;
    }
    heap[at] = size;
  }
}
