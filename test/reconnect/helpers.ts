/**
 * What the reconnect tests share: an event recorder for a reconnecting task, a numbered
 * sender that checks "exactly one outcome per send", and the server-side checks "at most
 * once, in order".
 */
import { expect } from 'vitest';
import type { SocketTask } from '../../src/index.js';
import type { TestServer } from '../../src/testing/index.js';
import { record, type Event, type EventRecorder } from '../support/recorder.js';
import { waitUntil } from '../support/wait.js';

export { record, waitUntil };
export type { Event };
export type Recorder = EventRecorder;

/** The last event is a close with readyState CLOSED (the end for good), and nothing follows it. */
export function expectEndedForGood(rec: Recorder): void {
  const last = rec.events.at(-1);
  expect(last?.type).toBe('close');
  expect((last as { readyState: number }).readyState).toBe(3);
}

/** Every link that opened closed once: opens and link closes alternate, starting with open. */
export function expectOpenClosePairs(rec: Recorder): void {
  const seq = rec.types((e) => e.type === 'open' || e.type === 'close');
  for (let i = 0; i < seq.length; i++) {
    const expected = i % 2 === 0 ? 'open' : 'close';
    // The only unpaired close allowed is the final one after a give-up or close() between links.
    if (seq[i] !== expected) {
      expect(i).toBe(seq.length - 1);
      expect(seq[i]).toBe('close');
    }
  }
}

export interface Outcome {
  n: number;
  result?: 'success' | 'fail';
  errCode?: number;
  count: number;
}

/** Sends numbered text messages ("<prefix><n>") and records each one's outcomes. */
export class NumberedSender {
  readonly outcomes: Outcome[] = [];
  constructor(
    private readonly task: SocketTask,
    private readonly prefix = ''
  ) {}

  send(payload?: string): Outcome {
    const n = this.outcomes.length;
    const outcome: Outcome = { n, count: 0 };
    this.outcomes.push(outcome);
    this.task.send({
      data: payload === undefined ? `${this.prefix}${n}` : `${this.prefix}${n}:${payload}`,
      success: () => {
        outcome.count++;
        outcome.result ??= 'success';
      },
      fail: (error) => {
        outcome.count++;
        outcome.result ??= 'fail';
        outcome.errCode ??= error.errCode;
      }
    });
    return outcome;
  }

  settled(): boolean {
    return this.outcomes.every((o) => o.count > 0);
  }

  /** Exactly one outcome each. */
  expectOneOutcomeEach(): void {
    const bad = this.outcomes.filter((o) => o.count !== 1);
    expect(bad, 'sends with no outcome or more than one').toEqual([]);
  }
}

/** The numbers the server received from messages "<prefix><n>[:...]", across all connections in order. */
export function received(server: TestServer, prefix = ''): number[] {
  const numbers: number[] = [];
  for (const connection of server.connections) {
    for (const message of connection.messages) {
      if (message.type !== 'text' || !message.data.startsWith(prefix)) continue;
      const n = Number(message.data.slice(prefix.length).split(':')[0]);
      if (Number.isInteger(n)) numbers.push(n);
    }
  }
  return numbers;
}

/** At most once and in order: strictly increasing. And a send that got fail never arrived. */
export function expectAtMostOnceInOrder(numbers: number[], sender?: NumberedSender): void {
  for (let i = 1; i < numbers.length; i++) {
    if (numbers[i]! <= numbers[i - 1]!) throw new Error(`duplicate or out of order at index ${i}: ${numbers[i - 1]} then ${numbers[i]}`);
  }
  if (sender) {
    const arrived = new Set(numbers);
    const failedButArrived = sender.outcomes.filter((o) => o.result === 'fail' && arrived.has(o.n)).map((o) => o.n);
    expect(failedButArrived, 'sends that got fail but arrived').toEqual([]);
  }
}
