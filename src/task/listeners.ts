/**
 * An ordered set of listeners for one event.
 *
 * The array is replaced, never mutated, on add/remove, so an emit in progress keeps
 * iterating the listeners it started with (WHATWG EventTarget semantics) without
 * copying on the hot path.
 */
const NONE: readonly never[] = [];

export class Listeners<T> {
  private fns: ReadonlyArray<(result: T) => void> = NONE;

  get size(): number {
    return this.fns.length;
  }

  /** Adds `fn` once; registering the same function again is a no-op. */
  add(fn: (result: T) => void): void {
    if (!this.fns.includes(fn)) this.fns = [...this.fns, fn];
  }

  /** Removes `fn`, or every listener when `fn` is undefined. */
  remove(fn?: (result: T) => void): void {
    this.fns = fn === undefined ? NONE : this.fns.filter((f) => f !== fn);
  }

  /** Calls each listener in registration order; a throw goes to `onThrow` and the rest still run. */
  emit(result: T, onThrow: (error: unknown) => void): void {
    const fns = this.fns;
    for (let i = 0; i < fns.length; i++) {
      try {
        fns[i]!(result);
      } catch (error) {
        onThrow(error);
      }
    }
  }
}
