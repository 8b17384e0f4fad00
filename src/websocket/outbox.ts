/**
 * send()'s side of the facade: bufferedAmount and the order of writes.
 *
 * WHATWG's bufferedAmount is the bytes send() accepted that have not been transmitted. It
 * is counted when send() returns and taken off only when the task's `success` says the
 * bytes were written, so a message that is never written (the connection went away
 * first) stays counted, as WHATWG says bufferedAmount does not reset on close.
 *
 * A send with no confirmation outstanding goes at once (an echo loop's every send): with
 * its own `success`, or, where the engine's unwritten count is sure (`ws`), with none, its
 * bytes taken off once that count shows it written (a confirmation per message cost the
 * echo loop about a tenth of its rate). The other sends of a synchronous run are one batch: each is handed to
 * the task when the next one comes (written then, as `ws` writes), and the last, held back,
 * is handed over at the end of the run with the `success` for the whole batch: writes
 * complete in order, so its success means the whole batch is written. A callback per
 * message would make the task track every message in flight; a burst of thousands would
 * cost more than the messages themselves.
 *
 * A Blob is read before it is sent; messages sent after it wait, so the wire order is the
 * order of send() calls.
 *
 * A task made by minisocket is sent to through its core's port (src/task/port.ts), with the
 * values already read: what `SocketTask.send` would do after reading its options object
 * (one per message otherwise). A task from elsewhere gets the public `send`.
 */
import type { SendSocketMessageOptions, SocketTask } from '../types.js';
import { NO_CALLBACKS, type CallbackSet } from '../task/callbacks.js';
import type { TaskPort } from '../task/port.js';
import { portOf } from '../task/socket-task.js';
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
  /**
   * The run's latest message, held back until the next send or the end of the run: the
   * batch's last, the one that carries the confirmation. The messages before it in the
   * run are handed over as they are sent, as `ws` writes them.
   */
  #held: Payload = '';
  #holding = false;
  /** The bytes of this run's batch: those already handed over and the held one. */
  #batchBytes = 0;
  #scheduled = false;
  /**
   * The byte counts of the batches handed to the task and not yet settled: slots
   * #oldest to #newest - 1 of an array that is reused, not emptied, when all are settled.
   */
  readonly #inFlight: number[] = [];
  #oldest = 0;
  #newest = 0;
  /** Sends queued behind a Blob that is still being read; undefined when none is. */
  #waiting: Waiting[] | undefined;
  readonly #task: SocketTask;
  /** The core behind a minisocket task; undefined for a task from elsewhere. */
  readonly #port: TaskPort | undefined;
  /** Reused for public sends without a callback: the task reads `data` during the call. */
  readonly #plain: SendSocketMessageOptions = { data: '' };
  readonly #flush = (): void => this.flush();
  /** Bytes of lone sends handed over without a confirmation and not yet known written. */
  #unsure = 0;
  /** Bytes known written, taken off bufferedAmount at the end of the task. */
  #leaving = 0;
  #releasing = false;
  /** Whether the port's engineBuffered is a sure count; read at the first lone send. */
  #sure: boolean | undefined;

  constructor(task: SocketTask) {
    this.#task = task;
    this.#port = portOf(task);
  }

  get bufferedAmount(): number {
    // A backed-up lone send is out once the engine holds nothing (never within the task that sent it: writes finish in later tasks).
    if (this.#unsure > 0 && this.#port?.engineBuffered === 0) this.#written();
    return this.#buffered;
  }

  /** A send while CLOSING or CLOSED: WHATWG counts the bytes and sends nothing. */
  count(bytes: number): void {
    this.#buffered += bytes;
  }

  send(data: Sendable, bytes: number): void {
    this.#buffered += bytes;
    if (this.#waiting !== undefined) this.#waiting.push({ data, bytes });
    else if (typeof data === 'string') this.#accept(data, bytes);
    else if (isBlob(data)) {
      this.flush();
      this.#read(data, bytes, []);
    } else this.#accept(payloadOf(data), bytes);
  }

  #accept(payload: Payload, bytes: number): void {
    // No batch open and no confirmation outstanding: this message is a batch of its own,
    // handed over now (an echo loop's every send).
    if (!this.#holding && this.#oldest === this.#newest) {
      if (!this.#writable()) return;
      // Whether the engine's count is sure is known from the first send on (sends come only while open) and never changes.
      this.#sure ??= this.#port?.engineBuffered !== undefined;
      if (this.#sure) return this.#sendCounted(this.#port!, payload, bytes);
      this.#inFlight[this.#newest++] = bytes;
      this.#sendConfirmed(payload);
      return;
    }
    // Otherwise it joins the run's batch: the one held so far goes now, this one is held.
    if (this.#holding) {
      if (this.#writable()) this.#sendPlain(this.#held);
    } else if (!this.#scheduled) {
      this.#scheduled = true;
      void resolved.then(this.#flush);
    }
    this.#held = payload;
    this.#holding = true;
    this.#batchBytes += bytes;
  }

  /** Not open any more (the connection failed in between): nothing is written, the bytes stay counted. */
  #writable(): boolean {
    return (this.#port ?? this.#task).readyState === 1;
  }

  #sendPlain(payload: Payload): void {
    const port = this.#port;
    if (port !== undefined) port.sendValue(payload, NO_CALLBACKS);
    else {
      const plain = this.#plain;
      plain.data = payload;
      this.#task.send(plain);
      plain.data = '';
    }
  }

  /**
   * A lone send on an engine whose unwritten count is sure (src/task/port.ts): no
   * confirmation to wait for. When the engine holds nothing right after the send, the
   * message (and every earlier one: writes complete in order) is written; its bytes come
   * off at the end of this task, since WHATWG counts what was sent during the current task.
   * When the write backed up, its bytes stay counted (#unsure) until a later confirmation
   * or a read that finds the engine empty says they are out.
   */
  #sendCounted(port: TaskPort, payload: Payload, bytes: number): void {
    port.sendValue(payload, NO_CALLBACKS);
    this.#unsure += bytes;
    if (port.engineBuffered === 0) this.#written();
  }

  /** Everything handed over so far is written: its bytes come off at the end of this task. */
  #written(): void {
    this.#leaving += this.#unsure;
    this.#unsure = 0;
    if (this.#releasing) return;
    this.#releasing = true;
    void resolved.then(this.#release);
  }

  readonly #release = (): void => {
    this.#releasing = false;
    this.#buffered -= this.#leaving;
    this.#leaving = 0;
  };

  #sendConfirmed(payload: Payload): void {
    const port = this.#port;
    if (port !== undefined) port.sendValue(payload, this.#confirm);
    else this.#task.send({ data: payload, ...this.#confirm });
  }

  /**
   * Ends the run's batch: the held message goes with the confirmation that covers the
   * whole batch (close() calls this first, so every send precedes the close frame).
   */
  flush(): void {
    this.#scheduled = false;
    if (!this.#holding) return;
    const payload = this.#held;
    const bytes = this.#batchBytes;
    this.#held = '';
    this.#holding = false;
    this.#batchBytes = 0;
    if (!this.#writable()) return;
    this.#inFlight[this.#newest++] = bytes;
    this.#sendConfirmed(payload);
  }

  /**
   * The outcome of the oldest batch in flight: written takes its bytes off, not written
   * leaves them counted. The task settles sends in order (writes complete in order, and
   * what is pending when a connection ends fails in order); the one out-of-order outcome,
   * a send refused at once, cannot happen here: only open tasks get sends, and no payload
   * is a detached buffer.
   */
  readonly #settle = (written: boolean): void => {
    const inFlight = this.#inFlight;
    const bytes = inFlight[this.#oldest++]!;
    if (written) {
      this.#buffered -= bytes;
      // Lone sends go only while no confirmation is outstanding: any unsure ones went before this batch, so they are out too.
      if (this.#unsure > 0) {
        this.#buffered -= this.#unsure;
        this.#unsure = 0;
      }
    }
    // No shift() per outcome: start over when all are settled (an echo loop: every time),
    // and move the rest down in blocks when a steady stream never lets the queue run empty.
    if (this.#oldest === this.#newest) {
      this.#oldest = this.#newest = 0;
      // A backlog long gone leaves no large array behind.
      if (inFlight.length > 1024) inFlight.length = 0;
    } else if (this.#oldest >= 1024) {
      inFlight.copyWithin(0, this.#oldest, this.#newest);
      this.#newest -= this.#oldest;
      this.#oldest = 0;
    }
  };

  /** The callbacks of each batch's last message: shared, no closure per batch. */
  readonly #confirm: CallbackSet = {
    success: () => this.#settle(true),
    fail: () => this.#settle(false)
  };

  #read(blob: Blob, bytes: number, waiting: Waiting[]): void {
    this.#waiting = waiting;
    blob.arrayBuffer().then(
      (buffer) => {
        this.#accept(buffer, bytes);
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
      this.#accept(payloadOf(item.data as string | ArrayBuffer | ArrayBufferView), item.bytes);
    }
    this.#waiting = undefined;
  }
}
