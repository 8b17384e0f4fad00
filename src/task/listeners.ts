/**
 * An ordered set of listeners for one event.
 *
 * One listener is kept as the function itself, more as an array (EventEmitter's layout):
 * an idle connection with one listener per event then carries no array at all. The
 * array is replaced, never mutated, on add/remove, so an emit in progress keeps
 * iterating the listeners it started with (WHATWG EventTarget semantics: one added
 * during the emit waits for the next) without copying on the hot path; one removed
 * during the emit is skipped, as WHATWG skips it. New arrays are made at their exact length (`concat`, `filter`),
 * never by spreading, which would leave spare capacity in every task.
 */
type Fn<T> = (result: T) => void;

export class Listeners<T> {
  private fns: Fn<T> | ReadonlyArray<Fn<T>> | undefined = undefined;

  get size(): number {
    const fns = this.fns;
    return fns === undefined ? 0 : typeof fns === 'function' ? 1 : fns.length;
  }

  /** Adds `fn` once; registering the same function again is a no-op. */
  add(fn: Fn<T>): void {
    const fns = this.fns;
    if (fns === undefined) this.fns = fn;
    else if (typeof fns === 'function') {
      if (fns !== fn) this.fns = [fns, fn];
    } else if (!fns.includes(fn)) this.fns = fns.concat(fn);
  }

  /** Removes `fn`, or every listener when `fn` is undefined. */
  remove(fn?: Fn<T>): void {
    const fns = this.fns;
    if (fn === undefined || fns === fn) this.fns = undefined;
    else if (typeof fns === 'object') {
      const rest = fns.filter((f) => f !== fn);
      this.fns = rest.length === 0 ? undefined : rest.length === 1 ? rest[0] : rest;
    }
  }

  #has(fn: Fn<T>): boolean {
    const fns = this.fns;
    return fns === fn || (typeof fns === 'object' && fns.includes(fn));
  }

  /** Calls each listener in registration order; a throw goes to `onThrow` and the rest still run. */
  emit(result: T, onThrow: (error: unknown) => void): void {
    const fns = this.fns;
    if (fns === undefined) return;
    if (typeof fns === 'function') {
      try {
        fns(result);
      } catch (error) {
        onThrow(error);
      }
      return;
    }
    for (let i = 0; i < fns.length; i++) {
      const fn = fns[i]!;
      // WHATWG EventTarget: a listener removed during this dispatch (by an earlier one) is
      // skipped (DOM "remove an event listener" sets its removed flag). Only a changed set
      // needs the lookup, so the usual emit pays one comparison.
      if (this.fns !== fns && !this.#has(fn)) continue;
      try {
        fn(result);
      } catch (error) {
        onThrow(error);
      }
    }
  }
}
