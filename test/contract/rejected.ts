/**
 * The one shape every validation failure of connectSocket has (docs/contract.md section 2): fail,
 * then complete with the same object, then onError; the task is CLOSED at once, never
 * dials, never fires onClose, and its send/close fail with "not connected".
 */
import type { SocketApi, SocketError, SocketTask } from '../../src/index.js';
import { ErrCode } from '../../src/errors.js';
import * as assert from './assert.js';
import { connectRaw, delay, events, outcome, type CallbackHandlers, type Ctx } from './harness.js';

export interface Rejection {
  /** Allowed errCodes (more than one where docs/contract.md leaves the choice open). */
  errCode: number | readonly number[];
  /** The exact errMsg, or a RegExp it must match. */
  errMsg?: string | RegExp;
  /** Also check that the server saw no handshake for this case's id (the URL pointed at it). */
  noHandshake?: boolean;
}

const NOT_CONNECTED_SEND = 'sendSocketMessage:fail WebSocket is not connected';
const NOT_CONNECTED_CLOSE = 'closeSocket:fail WebSocket is not connected';

function checkError(error: SocketError, expected: Rejection, note: string): void {
  assert.type(error, 'object', `${note}: error payload`);
  const codes = typeof expected.errCode === 'number' ? [expected.errCode] : expected.errCode;
  assert.oneOf(error.errCode, codes, `${note}: errCode (errMsg ${assert.show(error.errMsg)})`);
  if (typeof expected.errMsg === 'string') assert.equal(error.errMsg, expected.errMsg, `${note}: errMsg`);
  else if (expected.errMsg) assert.match(error.errMsg, expected.errMsg, `${note}: errMsg`);
  else assert.match(error.errMsg, /^connectSocket:fail \S/, `${note}: errMsg`);
}

/** A dead task's send and close fail with errCode 10002 and the standard texts. */
export async function expectDeadTask(task: SocketTask, note: string): Promise<void> {
  const send = outcome();
  assert.doesNotThrow(() => task.send({ data: 'x', ...send.handlers }), `${note}: send`);
  const sent = (await send.settled()) as SocketError;
  assert.deepEqual(send.names(), ['fail', 'complete'], `${note}: send callbacks`);
  assert.includes(sent, { errMsg: NOT_CONNECTED_SEND, errCode: ErrCode.NOT_CONNECTED }, `${note}: send result`);
  const close = outcome();
  assert.doesNotThrow(() => task.close({ ...close.handlers }), `${note}: close`);
  const closed = (await close.settled()) as SocketError;
  assert.deepEqual(close.names(), ['fail', 'complete'], `${note}: close callbacks`);
  assert.includes(closed, { errMsg: NOT_CONNECTED_CLOSE, errCode: ErrCode.NOT_CONNECTED }, `${note}: close result`);
  assert.equal(task.readyState, 3, `${note}: readyState after send/close`);
}

/**
 * Calls connectSocket with what `build` returns (it may put the given callbacks in) and
 * checks the whole failure shape. Resolves with the onError payload.
 */
export async function expectRejectedConnect(
  ctx: Ctx,
  api: SocketApi,
  build: (callbacks: CallbackHandlers) => unknown,
  expected: Rejection,
  note: string
): Promise<SocketError> {
  const callbacks = outcome();
  let used = false;
  // Getters, so that spreading them into the options is what marks them as passed.
  const handlers: CallbackHandlers = {
    get success() {
      used = true;
      return callbacks.success;
    },
    get fail() {
      used = true;
      return callbacks.fail;
    },
    get complete() {
      used = true;
      return callbacks.complete;
    }
  };
  const options = build(handlers);
  const task = assert.doesNotThrow(() => connectRaw(api, options), `${note}: connectSocket`);
  assert.type(task, 'object', `${note}: connectSocket must return a task`);
  assert.equal(task.readyState, 3, `${note}: readyState right after the call`);
  assert.type(task.socketTaskId, 'number', `${note}: socketTaskId`);
  assert.equal(callbacks.calls.length, 0, `${note}: callbacks must not run inside connectSocket`);

  let callbacksAtError: string[] | undefined;
  task.onError(() => (callbacksAtError ??= callbacks.names()));
  const log = events(task);
  const error = (await log.next('error', 2000)) as SocketError;
  checkError(error, expected, `${note}: onError`);

  if (used) {
    assert.deepEqual(callbacksAtError, ['fail', 'complete'], `${note}: fail then complete, both before onError`);
    const [fail, complete] = callbacks.calls;
    assert.ok(fail && complete, `${note}: callbacks`);
    assert.equal(complete[1], fail[1], `${note}: complete must get the same object as fail`);
    checkError(fail[1] as SocketError, expected, `${note}: fail`);
    assert.equal((fail[1] as SocketError).errMsg, error.errMsg, `${note}: onError errMsg equals fail errMsg`);
  }

  await delay(100);
  assert.deepEqual(log.names(), ['error'], `${note}: a dead task fires onError only (no open, no close)`);
  await expectDeadTask(task, note);
  if (!used) assert.equal(callbacks.calls.length, 0, `${note}: no callbacks were passed`);
  if (expected.noHandshake) {
    const seen = await ctx.serverLog();
    assert.equal(seen.handshakes.length, 0, `${note}: the server must see no handshake`);
  }
  return error;
}

/** `expectRejectedConnect` for options that carry the callbacks: `{ ...fields, success, fail, complete }`. */
export function rejectOptions(
  ctx: Ctx,
  api: SocketApi,
  fields: Record<string, unknown>,
  expected: Rejection,
  note: string
): Promise<SocketError> {
  return expectRejectedConnect(ctx, api, (cb) => ({ ...fields, ...cb }), expected, note);
}
