/**
 * The ready-state table of src/task/states.ts: every move it allows, and that every other
 * event leaves the state as it is (a late or stale report changes nothing).
 */
import { describe, expect, it } from 'vitest';
import {
  isClosed,
  isClosing,
  isConnecting,
  isEnding,
  isLive,
  isOpen,
  transition,
  TRANSITIONS,
  type LinkEvent
} from '../../src/task/states.js';
import { ReadyState, type ReadyStateValue } from '../../src/types.js';

const { CONNECTING, OPEN, CLOSING, CLOSED } = ReadyState;
const EVENTS: LinkEvent[] = ['opened', 'closeAsked', 'failed', 'finished', 'refused'];

const allowed: Array<[ReadyStateValue, LinkEvent, ReadyStateValue]> = [
  [CONNECTING, 'opened', OPEN],
  [CONNECTING, 'closeAsked', CLOSING],
  [CONNECTING, 'failed', CLOSING],
  [CONNECTING, 'finished', CLOSED],
  [CONNECTING, 'refused', CLOSED],
  [OPEN, 'closeAsked', CLOSING],
  [OPEN, 'failed', CLOSING],
  [OPEN, 'finished', CLOSED],
  [CLOSING, 'failed', CLOSING],
  [CLOSING, 'finished', CLOSED]
];

describe('ready-state transitions', () => {
  for (const [from, event, to] of allowed) {
    it(`${from} --${event}--> ${to}`, () => expect(transition(from, event)).toBe(to));
  }

  it('every other (state, event) pair is not a move', () => {
    for (const from of [CONNECTING, OPEN, CLOSING, CLOSED] as ReadyStateValue[]) {
      for (const event of EVENTS) {
        if (allowed.some(([f, e]) => f === from && e === event)) continue;
        expect(transition(from, event), `${from} ${event}`).toBeUndefined();
      }
    }
  });

  it('the table lists exactly the allowed moves', () => {
    const listed = Object.entries(TRANSITIONS).flatMap(([from, moves]) => Object.keys(moves).map((event) => `${from} ${event}`));
    expect(listed.sort()).toEqual(allowed.map(([f, e]) => `${f} ${e}`).sort());
  });

  it('CLOSED is final: no event leaves it', () => {
    for (const event of EVENTS) expect(transition(CLOSED, event)).toBeUndefined();
  });

  it('the predicates name the states', () => {
    const table = [CONNECTING, OPEN, CLOSING, CLOSED].map((s) => [
      isConnecting(s as ReadyStateValue),
      isOpen(s as ReadyStateValue),
      isClosing(s as ReadyStateValue),
      isClosed(s as ReadyStateValue),
      isLive(s as ReadyStateValue),
      isEnding(s as ReadyStateValue)
    ]);
    expect(table).toEqual([
      [true, false, false, false, true, false],
      [false, true, false, false, true, false],
      [false, false, true, false, false, true],
      [false, false, false, true, false, true]
    ]);
  });
});
