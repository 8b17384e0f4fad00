/**
 * send()'s side of the facade: bufferedAmount and the order of writes.
 *
 * WHATWG's bufferedAmount is the bytes send() accepted that have not been transmitted. It
 * is counted when send() returns and taken off only when the task's `success` says the
 * bytes were written, so a message that is never written (the connection went away
 * first) stays counted, as WHATWG says bufferedAmount does not reset on close.
 *
 * The sends of one synchronous run are handed to the task together, in a microtask, and
 * only the last carries a `success`: writes complete in order, so its success means the
 * whole batch is written. A callback per message would make the task track every message
 * in flight; a burst of thousands would cost more than the messages themselves.
 *
 * A Blob is read before it is sent; messages sent after it wait, so the wire order is the
 * order of send() calls.
 */
import type { SendSocketMessageOptions, SocketTask } from '../types.js';
import { viewBytes, type Sendable } from './validate.js';

interface Waiting {
  data: Sendable;
  bytes: number;
}

type Payload = string | ArrayBuffer;

/**
 * The batch's flush runs as a promise reaction: Node's queueMicrotask makes an AsyncResource
 * per call, which cost more than the message it scheduled.
 */
const resolved = Promise.resolve();

const isBlob = (data: Sendable): data is Blob => typeof data === 'object' && !(data instanceof ArrayBuffer) && !ArrayBuffer.isView(data);

/**
 * Every platform takes string and ArrayBuffer; a view becomes exactly its own bytes. An
 * empty buffer is sent as a new one: a detached buffer is empty too, and the task would
 * refuse it (WHATWG sends it as an empty message).
 */
const payloadOf = (data: string | ArrayBuffer | ArrayBufferView): Payload => {
  if (typeof data === 'string') return data;
  if (data.byteLength === 0) return new ArrayBuffer(0);
  return data instanceof ArrayBuffer ? data : viewBytes(data);
};

export class Outbox {
  #buffered = 0;
  /** Accepted in this synchronous run, not yet handed to the task. */
  #batch: Payload[] = [];
  #batchBytes = 0;
  #scheduled = false;
  /** The byte counts of the batches handed to the task and not yet settled, oldest first. */
  readonly #inFlight: number[] = [];
  #settledUpTo = 0;
  /** Sends queued behind a Blob that is still being read; undefined when none is. */
  #waiting: Waiting[] | undefined;
  readonly #task: SocketTask;
  /** Reused for the batch's messages without a callback: the task reads `data` during the call. */
  readonly #plain: SendSocketMessageOptions = { data: '' };
  readonly #flush = (): void => this.flush();

  constructor(task: SocketTask) {
    this.#task = task;
  }

  get bufferedAmount(): number {
    return this.#buffered;
  }

  /** A send while CLOSING or CLOSED: WHATWG counts the bytes and sends nothing. */
  count(bytes: number): void {
    this.#buffered += bytes;
  }

  send(data: Sendable, bytes: number): void {
    this.#buffered += bytes;
    if (this.#waiting !== undefined) this.#waiting.push({ data, bytes });
    else if (isBlob(data)) {
      this.flush();
      this.#read(data, bytes, []);
    } else if (this.#batch.length === 0 && this.#settledUpTo === this.#inFlight.length) {
      // Nothing waiting and nothing in flight: this message is a batch of its own, sent now.
      this.#batch.push(payloadOf(data));
      this.#batchBytes = bytes;
      this.flush();
    } else this.#add(payloadOf(data), bytes);
  }

  #add(payload: Payload, bytes: number): void {
    this.#batch.push(payload);
    this.#batchBytes += bytes;
    if (!this.#scheduled) {
      this.#scheduled = true;
      void resolved.then(this.#flush);
    }
  }

  /** Hands the batch to the task (close() calls this first, so every send precedes the close frame). */
  flush(): void {
    this.#scheduled = false;
    const batch = this.#batch;
    const count = batch.length;
    if (count === 0) return;
    const bytes = this.#batchBytes;
    this.#batchBytes = 0;
    // Not open any more (the connection failed in between): nothing is written, the bytes stay counted.
    if (this.#task.readyState !== 1) {
      batch.length = 0;
      return;
    }
    const plain = this.#plain;
    for (let i = 0; i < count - 1; i++) {
      plain.data = batch[i]!;
      this.#task.send(plain);
    }
    const last = this.#last;
    last.data = batch[count - 1]!;
    batch.length = 0;
    this.#inFlight.push(bytes);
    this.#task.send(last);
    // Hold no payload after the call.
    plain.data = last.data = '';
  }

  /**
   * The outcome of the oldest batch in flight: written takes its bytes off, not written
   * leaves them counted. The task settles sends in order (writes complete in order, and
   * what is pending when a connection ends fails in order); the one out-of-order outcome,
   * a send refused at once, cannot happen here: only open tasks get sends, and no payload
   * is a detached buffer.
   */
  readonly #settle = (written: boolean): void => {
    const bytes = this.#inFlight[this.#settledUpTo++]!;
    if (written) this.#buffered -= bytes;
    // Compact now and then rather than shift() on every outcome: at once when all are
    // settled, and in blocks when a steady stream never lets the queue run empty.
    if (this.#settledUpTo === this.#inFlight.length) {
      this.#inFlight.length = 0;
      this.#settledUpTo = 0;
    } else if (this.#settledUpTo >= 1024) {
      this.#inFlight.splice(0, this.#settledUpTo);
      this.#settledUpTo = 0;
    }
  };

  /** Reused for each batch's last message: shared callbacks, no closure per batch. */
  readonly #last: SendSocketMessageOptions = {
    data: '',
    success: () => this.#settle(true),
    fail: () => this.#settle(false)
  };

  #read(blob: Blob, bytes: number, waiting: Waiting[]): void {
    this.#waiting = waiting;
    blob.arrayBuffer().then(
      (buffer) => {
        this.#add(buffer, bytes);
        this.#drain();
      },
      // A Blob that cannot be read is never written: it stays counted, the rest go on.
      () => this.#drain()
    );
  }

  #drain(): void {
    const waiting = this.#waiting!;
    for (let item = waiting.shift(); item !== undefined; item = waiting.shift()) {
      if (isBlob(item.data)) {
        this.flush();
        return this.#read(item.data, item.bytes, waiting);
      }
      this.#add(payloadOf(item.data as string | ArrayBuffer | ArrayBufferView), item.bytes);
    }
    this.#waiting = undefined;
  }
}
