/**
 * The platform's own connection limit. A runtime counts a native task until the native
 * task has closed (WeChat: 5 at once, and the limit text "reach max websocket connect
 * count"; Taro: 5), not until minisocket's task ended: a task minisocket abandoned while
 * connecting (WeChat's and Baidu's close() cannot stop a handshake, wx and swan seeds'
 * timing note) keeps its native slot until the runtime lets it go. So the engine counts
 * native slots per platform object, and a dial that finds them all held waits for one
 * (bounded by the task's handshake timeout, which aborts the wait).
 */
interface Pool {
  used: number;
  waiting: Array<() => void>;
}

const pools = new WeakMap<object, Pool>();

function poolOf(native: object): Pool {
  let pool = pools.get(native);
  if (pool === undefined) pools.set(native, (pool = { used: 0, waiting: [] }));
  return pool;
}

export interface Slot {
  /** Runs `dial` once a native slot is free (at once when one is). */
  start(dial: () => void): void;
  /** Gives the slot back (once; later calls do nothing). */
  release(): void;
  /** Stops waiting for a slot not yet granted, or gives back one that was. */
  cancel(): void;
}

/** One connection's claim on the runtime's limit (`limit` is the runtime's, per platform object). */
export function createSlot(native: object, limit: number): Slot {
  const pool = poolOf(native);
  let held = false;
  let done = false;
  let grant: (() => void) | undefined;
  const slot: Slot = {
    start(dial) {
      if (done) return;
      grant = () => {
        held = true;
        pool.used++;
        dial();
      };
      if (!(pool.used >= limit)) grant();
      else pool.waiting.push(grant);
    },
    release() {
      if (!held || done) return;
      done = true;
      pool.used--;
      pool.waiting.shift()?.();
    },
    cancel() {
      if (held) return slot.release();
      done = true;
      const at = grant === undefined ? -1 : pool.waiting.indexOf(grant);
      if (at >= 0) pool.waiting.splice(at, 1);
    }
  };
  return slot;
}

/** Native slots in use for a platform object (tests and diagnostics). */
export function slotsInUse(native: object): number {
  return pools.get(native)?.used ?? 0;
}
