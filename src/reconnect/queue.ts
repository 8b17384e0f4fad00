/**
 * The offline queue: sends made while no link is open wait here, bounded by count and by
 * bytes, and are handed to the next link in order. A send that does not fit fails at once
 * (nothing is dropped silently, and nothing older is evicted to make room: the caller who
 * is told "no" can still decide what to do, the one whose message vanished cannot).
 */
import type { CallbackSet } from '../task/callbacks.js';
import { byteLength } from '../task/validate.js';

export interface QueuedSend {
  /** A private copy: the caller may reuse its buffer once send() has returned. */
  data: string | ArrayBuffer;
  callbacks: CallbackSet;
  bytes: number;
}

/** Copies binary data so that later writes to the caller's buffer do not change what is sent. */
function ownCopy(data: string | ArrayBuffer | ArrayBufferView): string | ArrayBuffer {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice().buffer;
  return data.slice(0);
}

export class OfflineQueue {
  private items: QueuedSend[] = [];
  private bytes = 0;

  constructor(
    readonly maxMessages: number,
    readonly maxBytes: number
  ) {}

  get length(): number {
    return this.items.length;
  }

  /** Queues the send, or returns why it does not fit. */
  push(data: string | ArrayBuffer | ArrayBufferView, callbacks: CallbackSet): string | undefined {
    if (this.items.length >= this.maxMessages) return `${this.maxMessages} messages already waiting`;
    const bytes = byteLength(data);
    if (this.bytes + bytes > this.maxBytes) return `${this.bytes} bytes waiting, ${bytes} more would exceed ${this.maxBytes}`;
    this.items.push({ data: ownCopy(data), callbacks, bytes });
    this.bytes += bytes;
    return undefined;
  }

  /** Empties the queue and returns what it held, oldest first. */
  take(): QueuedSend[] {
    const items = this.items;
    this.items = [];
    this.bytes = 0;
    return items;
  }
}
