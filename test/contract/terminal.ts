/**
 * Shared checks for how a task ends (docs/contract.md section 4): the expected event names in order,
 * exactly one close as the last event, nothing after it.
 */
import type { OnSocketCloseResult, SocketError } from '../../src/index.js';
import * as assert from './assert.js';
import { delay, type EventLog, type EventName } from './harness.js';

export interface Ending {
  /** Event names expected in order, close last. */
  names: EventName[];
  /** Allowed close codes (first is the one docs/contract.md prefers). */
  codes: readonly number[];
  reason?: string;
}

/** Waits for close, checks the sequence, then waits a little to prove nothing follows. */
export async function expectEnding(
  log: EventLog,
  ending: Ending,
  note: string,
  ms = 3000
): Promise<{ close: OnSocketCloseResult; error?: SocketError }> {
  const close = await log.closed(ms);
  await delay(100);
  assert.deepEqual(log.names(), ending.names, `${note}: events in order, close last and once`);
  assert.oneOf(close.code, ending.codes, `${note}: close code`);
  if (ending.reason !== undefined) assert.equal(close.reason, ending.reason, `${note}: close reason`);
  assert.type(close.reason, 'string', `${note}: close reason type`);
  const error = log.all('error')[0];
  if (error) {
    assert.type(error.errCode, 'number', `${note}: errCode`);
    assert.match(error.errMsg, /^(connectSocket|sendSocketMessage|closeSocket):fail \S/, `${note}: error errMsg`);
  }
  return error === undefined ? { close } : { close, error };
}

/** A failed dial: error then close {1006, ''}; on Node the errCode must be `code`. */
export async function expectDialFailure(
  log: EventLog,
  env: 'node' | 'browser',
  code: number,
  note: string,
  ms = 3000
): Promise<SocketError> {
  const { close, error } = await expectEnding(log, { names: ['error', 'close'], codes: [1006], reason: '' }, note, ms);
  assert.deepEqual(close, { code: 1006, reason: '' }, `${note}: close payload`);
  assert.ok(error, `${note}: error`);
  if (env === 'node') assert.equal(error.errCode, code, `${note}: errCode (errMsg ${assert.show(error.errMsg)})`);
  return error;
}
