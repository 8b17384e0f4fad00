/**
 * Task listeners: order, de-duplication, removal, isolation of throwing listeners, no
 * replay (docs/contract.md section 3).
 */
import * as assert from './assert.js';
import { defineCase, delay, events, openTask, roundTrip, waitFor } from './harness.js';
import { expectEnding } from './terminal.js';

export const listenerCases = [
  defineCase('many listeners per event run in registration order, each with the same payload', async (ctx) => {
    const { task } = await openTask(ctx, ctx.createSocketApi(), '/echo');
    const calls: Array<[string, unknown]> = [];
    for (const name of ['a', 'b', 'c']) task.onMessage((r) => calls.push([name, r]));
    await roundTrip(task, 'x');
    await delay(10);
    assert.deepEqual(
      calls.map(([name]) => name),
      ['a', 'b', 'c'],
      'order'
    );
    assert.ok(
      calls.every(([, r]) => r === calls[0]?.[1]),
      'every listener gets the same payload object'
    );
    assert.deepEqual(calls[0]?.[1], { data: 'x' }, 'message payload is exactly { data }');
  }),

  defineCase('the same function registered twice is called once', async (ctx) => {
    const api = ctx.createSocketApi();
    const task = api.connectSocket({ url: ctx.url('/close/4000') });
    const counts = { open: 0, close: 0 };
    const onOpen = (): void => void counts.open++;
    const onClose = (): void => void counts.close++;
    task.onOpen(onOpen);
    task.onOpen(onOpen);
    task.onClose(onClose);
    task.onClose(onClose);
    await expectEnding(events(task), { names: ['open', 'close'], codes: [4000] }, 'close');
    assert.deepEqual(counts, { open: 1, close: 1 }, 'calls');
  }),

  defineCase('offX(fn) removes that listener only; offX() removes them all', async (ctx) => {
    const api = ctx.createSocketApi();
    const task = api.connectSocket({ url: ctx.url('/echo') });
    const calls: string[] = [];
    const a = (): void => void calls.push('open:a');
    const b = (): void => void calls.push('open:b');
    task.onOpen(a);
    task.onOpen(b);
    task.offOpen(a);
    task.offOpen(() => undefined); // not registered: no effect
    await waitFor(task, 'open');
    assert.deepEqual(calls, ['open:b'], 'offOpen(a)');
    const m1 = (): void => void calls.push('m1');
    const m2 = (): void => void calls.push('m2');
    task.onMessage(m1);
    task.onMessage(m2);
    task.offMessage();
    const m3 = (): void => void calls.push('m3');
    task.onMessage(m3);
    task.send({ data: 'x' });
    await delay(100);
    assert.deepEqual(calls, ['open:b', 'm3'], 'offMessage() removed m1 and m2');
    const e1 = (): void => void calls.push('e1');
    task.onError(e1);
    task.offError(e1);
    task.offError();
    const c1 = (): void => void calls.push('c1');
    const c2 = (): void => void calls.push('c2');
    task.onClose(c1);
    task.onClose(c2);
    task.offClose(c1);
    task.close();
    await waitFor(task, 'close');
    await delay(10);
    assert.deepEqual(calls, ['open:b', 'm3', 'c2'], 'offClose(c1)');
  }),

  defineCase('a throwing listener does not stop the others or the task; its error goes to the warning channel', async (ctx) => {
    const api = ctx.createSocketApi();
    const task = api.connectSocket({ url: ctx.url('/echo') });
    const calls: string[] = [];
    task.onOpen(() => {
      throw new Error('open listener boom');
    });
    task.onOpen(() => void calls.push('open'));
    task.onMessage(() => {
      throw new Error('message listener boom');
    });
    task.onMessage(() => void calls.push('message'));
    task.onClose(() => {
      throw new Error('close listener boom');
    });
    task.onClose(() => void calls.push('close'));
    const log = events(task);
    await log.next('open');
    assert.equal(await roundTrip(task, 'one'), 'one', 'first echo');
    assert.equal(await roundTrip(task, 'two'), 'two', 'the task still works after a listener threw');
    task.close({ code: 4000, reason: 'end' });
    await expectEnding(log, { names: ['open', 'message', 'message', 'close'], codes: [4000], reason: 'end' }, 'one close');
    assert.deepEqual(calls, ['open', 'message', 'message', 'close'], 'the other listeners ran');
    for (const text of ['open listener boom', 'message listener boom', 'close listener boom']) {
      assert.ok(
        ctx.warnings.some((w) => w.includes(text)),
        `a warning carries "${text}" (all: ${assert.show(ctx.warnings)})`
      );
    }
  }),

  defineCase('a listener added after its event fired gets no replay', async (ctx) => {
    const { task, log } = await openTask(ctx, ctx.createSocketApi(), '/echo');
    await roundTrip(task, 'x');
    const late: string[] = [];
    task.onOpen(() => void late.push('open'));
    task.onMessage(() => void late.push('message'));
    await delay(100);
    assert.deepEqual(late, [], 'no replay of open or message');
    task.close();
    await log.closed();
    task.onClose(() => void late.push('close'));
    await delay(100);
    assert.deepEqual(late, [], 'no replay of close');
  }),

  defineCase('registering or removing something that is not a function does not throw or break dispatch', async (ctx) => {
    const api = ctx.createSocketApi();
    const task = api.connectSocket({ url: ctx.url('/echo') });
    for (const value of [42, undefined, null, 'str', {}]) {
      assert.doesNotThrow(() => task.onOpen(value as never), `onOpen(${assert.show(value)})`);
      assert.doesNotThrow(() => task.onMessage(value as never), `onMessage(${assert.show(value)})`);
      assert.doesNotThrow(() => task.onError(value as never), `onError(${assert.show(value)})`);
      assert.doesNotThrow(() => task.onClose(value as never), `onClose(${assert.show(value)})`);
      if (value !== undefined) {
        assert.doesNotThrow(() => task.offOpen(value as never), `offOpen(${assert.show(value)})`);
        assert.doesNotThrow(() => task.offClose(value as never), `offClose(${assert.show(value)})`);
      }
    }
    const log = events(task);
    await log.next('open');
    assert.equal(await roundTrip(task, 'x'), 'x', 'messages still dispatch');
    task.close();
    await expectEnding(log, { names: ['open', 'message', 'close'], codes: [1000] }, 'close');
  })
];
