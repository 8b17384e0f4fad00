/**
 * The registry of an API object (src/api/registry.ts) on its own: binding order, the
 * ended bound task's onClose, the connection limit, singleSocket, Alipay's one global
 * socket, and the place a reconnecting task's later link keeps.
 */
import { describe, expect, it } from 'vitest';
import { Registry } from '../../src/api/registry.js';
import { ReadyState, type ReadyStateValue } from '../../src/types.js';

class Fake {
  constructor(
    readonly name: string,
    public readyState: ReadyStateValue = ReadyState.CONNECTING
  ) {}
}

describe('Registry', () => {
  it('binds the earliest live task; when it ends the next one is bound, and the ended one stays bound until its onClose', () => {
    const r = new Registry<Fake>(Infinity);
    const a = new Fake('a');
    const b = new Fake('b');
    r.admit(a, 1, false);
    r.admit(b, 2, false);
    expect(r.bound()).toBe(a);
    r.ended(a);
    expect(r.bound()).toBe(b);
    expect(r.isBound(a)).toBe(true); // its onClose still goes to onSocketClose
    r.closed(a);
    expect(r.isBound(a)).toBe(false);
    expect(r.isBound(b)).toBe(true);
    r.ended(b);
    expect(r.bound()).toBeUndefined();
    expect(r.size).toBe(0);
  });

  it("a later link of a reconnecting task takes its first link's place, so it is bound before younger tasks", () => {
    const r = new Registry<Fake>(Infinity);
    const first = new Fake('first link');
    const other = new Fake('other');
    r.admit(first, 1, false);
    r.admit(other, 2, false);
    r.ended(first);
    expect(r.bound()).toBe(other);
    const second = new Fake('second link');
    r.admit(second, 1, false);
    expect(r.bound()).toBe(second);
  });

  it('tasks of their own (Alipay multiple: true) are never bound', () => {
    const r = new Registry<Fake>(Infinity);
    const own = new Fake('own');
    const global = new Fake('global');
    r.admit(own, 1, true);
    expect(r.bound()).toBeUndefined();
    r.admit(global, 2, false);
    expect(r.bound()).toBe(global);
    r.ended(global);
    expect(r.bound()).toBeUndefined();
    expect(r.isOwn(own)).toBe(true);
  });

  it('the limit counts CONNECTING, OPEN and CLOSING tasks other than the one asking', () => {
    const r = new Registry<Fake>(2);
    const a = new Fake('a', ReadyState.OPEN);
    const b = new Fake('b', ReadyState.CLOSING);
    const c = new Fake('c');
    r.admit(a, 1, false);
    r.admit(b, 2, false);
    r.admit(c, 3, false);
    expect(r.full(c)).toBe(true);
    b.readyState = ReadyState.CLOSED;
    expect(r.full(c)).toBe(false);
    r.ended(a);
    b.readyState = ReadyState.CLOSING;
    expect(r.full(c)).toBe(false);
    expect(new Registry<Fake>(Infinity).full(c)).toBe(false);
  });

  it('singleSocket: a new task displaces the CONNECTING and OPEN ones', () => {
    const r = new Registry<Fake>(Infinity);
    const tasks = [new Fake('a', ReadyState.OPEN), new Fake('b', ReadyState.CLOSING), new Fake('c'), new Fake('new')];
    for (const [i, t] of tasks.entries()) r.admit(t, i + 1, false);
    expect(r.displacedBy(tasks[3]!).map((t) => t.name)).toEqual(['a', 'c']);
  });

  it('one global socket: another live global task exists, own tasks and ending ones do not count', () => {
    const r = new Registry<Fake>(Infinity);
    const own = new Fake('own', ReadyState.OPEN);
    const closing = new Fake('closing', ReadyState.CLOSING);
    const asking = new Fake('asking');
    r.admit(own, 1, true);
    r.admit(closing, 2, false);
    r.admit(asking, 3, false);
    expect(r.globalExists(asking)).toBe(false);
    const live = new Fake('live', ReadyState.OPEN);
    r.admit(live, 4, false);
    expect(r.globalExists(asking)).toBe(true);
  });
});
