/**
 * Through Debian's nginx as a WebSocket reverse proxy with a short proxy_read_timeout (1 s),
 * the way production links often run: nginx cuts a link that stays idle that long, with
 * no close frame. With the heartbeat on, the pongs keep the link alive; with it off, the
 * cut is reported as close 1006 and the reconnect layer recovers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSocketApi } from '../../src/index.js';
import { createTestServer, type TestServer } from '../../src/testing/index.js';
import { record } from '../reconnect/helpers.js';
import { startNginx, taskOpener, type Nginx } from './support.js';

const api = createSocketApi({ warn: () => undefined });
let backend: TestServer;
let nginx: Nginx;
const { open, closeTasks } = taskOpener(api, () => nginx.url);

beforeAll(async () => {
  backend = await createTestServer();
  nginx = await startNginx(backend.port, '1s');
});
afterAll(async () => {
  await closeTasks();
  await nginx?.stop();
  await backend?.close();
});

describe('through nginx', () => {
  it('the contract passes through: open, echo, a server close code and reason', async () => {
    const task = open('/echo');
    const rec = record(task);
    task.onOpen(() => task.send({ data: 'via nginx' }));
    await rec.waitFor(() => rec.count('message') === 1, 'echo');
    expect(rec.events[1]).toMatchObject({ type: 'message', data: 'via nginx' });
    task.close({});
    const closing = open('/close/4002/proxied');
    const rec2 = record(closing);
    await rec2.waitFor(() => rec2.count('close') === 1, 'server close');
    expect(rec2.events.at(-1)).toMatchObject({ code: 4002, reason: 'proxied' });
  });

  it('heartbeat off: the idle cut is close 1006, and the layer reconnects', async () => {
    const task = open('/echo?idle', { reconnect: { minDelay: 10, maxDelay: 50 } });
    const rec = record(task);
    await rec.waitFor(() => rec.count('open') === 2, 'cut and reopened', 10_000);
    expect(rec.types()).toEqual(['open', 'close', 'reconnecting', 'open']);
    expect(rec.events[1]).toMatchObject({ code: 1006, reason: '', readyState: task.CONNECTING });
    task.send({ data: 'after the cut' });
    await rec.waitFor(() => rec.count('message') === 1, 'echo on the new link');
  });

  it('heartbeat on: pings keep the idle link alive past several read timeouts', async () => {
    const task = open('/echo?kept', { reconnect: { minDelay: 10, maxDelay: 50 }, heartbeat: { interval: 200, timeout: 2000 } });
    const rec = record(task);
    await rec.waitFor(() => rec.count('open') === 1, 'open');
    await new Promise((r) => setTimeout(r, 3000));
    expect(rec.types()).toEqual(['open']);
    task.send({ data: 'still here' });
    await rec.waitFor(() => rec.count('message') === 1, 'echo');
    expect(backend.log().handshakes.filter((h) => h.url === '/echo?kept')).toHaveLength(1);
  });
});
