/**
 * The ready states of one connection and the moves between them (docs/contract.md
 * section 3), named after WHATWG's WebSocket: the code asks `isOpen(state)`, never
 * compares state numbers, and changes state only through `transition`.
 */
import { ReadyState, type ReadyStateValue } from '../types.js';

const { CONNECTING, OPEN, CLOSING, CLOSED } = ReadyState;

export const isConnecting = (state: ReadyStateValue): boolean => state === CONNECTING;
export const isOpen = (state: ReadyStateValue): boolean => state === OPEN;
export const isClosing = (state: ReadyStateValue): boolean => state === CLOSING;
export const isClosed = (state: ReadyStateValue): boolean => state === CLOSED;
/** CONNECTING or OPEN: close() is accepted, and a singleSocket or a one-global-socket rule sees the task as live. */
export const isLive = (state: ReadyStateValue): boolean => state === CONNECTING || state === OPEN;
/** CLOSING or CLOSED: the task has begun to end. */
export const isEnding = (state: ReadyStateValue): boolean => state === CLOSING || state === CLOSED;

/**
 * What moves a connection:
 * - `opened`: the handshake succeeded;
 * - `closeAsked`: close() was accepted (a handshake in progress is aborted);
 * - `failed`: a failure that ends the connection (an engine error, a handshake timeout, the
 *   16 MiB overflow, a missed heartbeat): CLOSING until the close is reported;
 * - `finished`: the connection is gone (onClose follows);
 * - `refused`: connectSocket refused the call before dialling.
 */
export type LinkEvent = 'opened' | 'closeAsked' | 'failed' | 'finished' | 'refused';

/** Every allowed move; an event missing from a state's row changes nothing (a late or stale report). */
export const TRANSITIONS: Readonly<Record<ReadyStateValue, Readonly<Partial<Record<LinkEvent, ReadyStateValue>>>>> = {
  [CONNECTING]: { opened: OPEN, closeAsked: CLOSING, failed: CLOSING, finished: CLOSED, refused: CLOSED },
  [OPEN]: { closeAsked: CLOSING, failed: CLOSING, finished: CLOSED },
  [CLOSING]: { failed: CLOSING, finished: CLOSED },
  [CLOSED]: {}
};

/** The state after `event`, or undefined when the event does not apply in `state`. */
export function transition(state: ReadyStateValue, event: LinkEvent): ReadyStateValue | undefined {
  return TRANSITIONS[state][event];
}
