/**
 * The platform events stand-in does what its sources say the platforms do: listeners run
 * later (never inside the call), onNetworkStatusChange reports changes and getNetworkType
 * the state, WeChat's suspension ~5 s after hide, and the two quirks.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { createPlatformEvents } from '../../src/testing/index.js';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

afterEach(() => void vi.useRealTimers());

it('runs hide/show listeners later, with onAppShow result fields; off(listener) and off() remove', async () => {
  const p = createPlatformEvents();
  const seen: string[] = [];
  const onHide = (): number => seen.push('hide');
  const onShow = (r?: unknown): number => seen.push(`show ${(r as { scene: number }).scene}`);
  p.onAppHide(onHide);
  p.onAppHide(onHide); // twice: runs twice, as platforms add listeners up
  p.onAppShow(onShow);
  p.hide();
  expect(seen).toEqual([]);
  await tick();
  expect(seen).toEqual(['hide', 'hide']);
  expect(p.hidden).toBe(true);
  p.hide(); // already hidden: nothing
  p.show();
  await tick();
  expect(seen).toEqual(['hide', 'hide', 'show 1001']);
  p.offAppHide!(onHide);
  expect(p.listenerCount()).toBe(2);
  p.offAppHide!();
  p.offAppShow!(onShow);
  expect(p.listenerCount()).toBe(0);
  p.dispose();
});

it('reports network changes with { isConnected, networkType }; getNetworkType reads the state, later', async () => {
  const p = createPlatformEvents({ networkType: '4g' });
  const changes: unknown[] = [];
  p.onNetworkStatusChange((r) => changes.push(r));
  const types: string[] = [];
  p.getNetworkType({ success: ({ networkType }) => types.push(networkType) });
  expect(types).toEqual([]);
  await tick();
  expect(types).toEqual(['4g']);
  expect(changes).toEqual([]); // the current state is never reported as a change
  p.setNetwork('none');
  p.setNetwork('wifi');
  await tick();
  expect(changes).toEqual([
    { isConnected: false, networkType: 'none' },
    { isConnected: true, networkType: 'wifi' }
  ]);
  p.offNetworkStatusChange!();
  expect(p.listenerCount()).toBe(0);
});

it('suspends the hidden app after suspendAfter (5 s by default, WeChat), not when shown before', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  let suspended = 0;
  const p = createPlatformEvents({ onSuspend: () => suspended++ });
  p.hide();
  vi.advanceTimersByTime(4999);
  expect(suspended).toBe(0);
  vi.advanceTimersByTime(1);
  expect(suspended).toBe(1);
  expect(p.suspended).toBe(true);
  p.show();
  expect(p.suspended).toBe(false);
  p.hide();
  vi.advanceTimersByTime(3000);
  p.show();
  vi.advanceTimersByTime(10_000);
  expect(suspended).toBe(1);
  p.dispose();
});

it('quirks: missBackOnline hides the change from the event only; noOff has no off functions', async () => {
  const p = createPlatformEvents({ networkType: 'none', quirks: { missBackOnline: true, noOff: true } });
  const changes: unknown[] = [];
  p.onNetworkStatusChange((r) => changes.push(r));
  p.setNetwork('4g');
  await tick();
  expect(changes).toEqual([]);
  const types: string[] = [];
  p.getNetworkType({ success: ({ networkType }) => types.push(networkType) });
  await tick();
  expect(types).toEqual(['4g']);
  p.setNetwork('none'); // going offline is still reported
  await tick();
  expect(changes).toEqual([{ isConnected: false, networkType: 'none' }]);
  expect(p.offAppHide).toBeUndefined();
  expect(p.offNetworkStatusChange).toBeUndefined();
});
