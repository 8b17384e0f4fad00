/**
 * A stand-in for a mini-program platform's app and network events, for tests in Node
 * (a phone's runtime cannot run here). It has the platforms' own names, so it can be
 * passed where `wx` would be (`reconnect: { lifecycle: platform }`), and a test drives it:
 * `hide()`, `show()`, `setNetwork()`.
 *
 * What it reproduces, each with its source:
 * - `onAppHide`/`onAppShow`/`offAppHide`/`offAppShow`, `onNetworkStatusChange`/
 *   `offNetworkStatusChange` with `{ isConnected, networkType }`, `getNetworkType({ success })`
 *   with `{ networkType }` ('wifi', '2g', '3g', '4g', '5g', 'unknown', 'none'): the WeChat
 *   API reference; tt, swan, my and uni use the same names.
 * - Callbacks run asynchronously, never inside the call (the platforms' bridge calls).
 * - `onNetworkStatusChange` reports changes only, never the current state: read it with
 *   `getNetworkType` (WeChat's docs).
 * - About 5 s after `onAppHide`, WeChat suspends the app's JS and mini-games lose the
 *   network (weapp.socket.io#10 "小程序后台后，五秒后触发断线重连"; the geekdaxue close-code
 *   page; szgdjh.com Q&A): `suspendAfter` (default 5000 ms) then calls `onSuspend`, where a
 *   test ends the app's connections as the platform does (silently, or with
 *   `{ code: 1000, reason: 'interrupted' }`, the payload the geekdaxue page reports).
 * - iOS may miss the "back online" event (dcloudio/uni-app#1288;
 *   wechat-miniprogram/miniprogram-demo#8 calls the event unreliable on devices):
 *   `quirks.missBackOnline` keeps the state change visible to `getNetworkType` only.
 * - Older base libraries have no `off*` functions: `quirks.noOff` leaves them out.
 */

export type NetworkType = 'wifi' | '2g' | '3g' | '4g' | '5g' | 'unknown' | 'none';

type Listener = (result?: unknown) => void;
type NetworkListener = (result: { isConnected: boolean; networkType: string }) => void;

export interface PlatformEventsOptions {
  /** The network at the start. Default 'wifi'. */
  networkType?: NetworkType;
  /** Milliseconds after hide() until onSuspend runs; 0 or Infinity: never. Default 5000 (WeChat). */
  suspendAfter?: number;
  /** Runs when the platform would suspend the hidden app: end its connections here. */
  onSuspend?: () => void;
  quirks?: {
    /** A change back to a connected network is not reported (iOS, uni-app#1288). */
    missBackOnline?: boolean;
    /** No offAppHide/offAppShow/offNetworkStatusChange (older base libraries). */
    noOff?: boolean;
  };
}

export interface PlatformEvents {
  onAppHide(listener: Listener): void;
  onAppShow(listener: Listener): void;
  offAppHide?(listener?: Listener): void;
  offAppShow?(listener?: Listener): void;
  onNetworkStatusChange(listener: NetworkListener): void;
  offNetworkStatusChange?(listener?: NetworkListener): void;
  getNetworkType(options: {
    success?: (result: { networkType: string }) => void;
    fail?: (error: unknown) => void;
    complete?: () => void;
  }): void;

  /** The app goes to the background: onAppHide listeners run, and the suspension timer starts. */
  hide(): void;
  /** The app comes back: onAppShow listeners run with `{ path, query, scene }`. */
  show(): void;
  /** The network changes: onNetworkStatusChange listeners run (unless a quirk hides it). */
  setNetwork(networkType: NetworkType): void;
  readonly hidden: boolean;
  readonly suspended: boolean;
  readonly networkType: NetworkType;
  /** Listeners registered now, per event: what a leak test counts. */
  listenerCount(): number;
  /** Clears the suspension timer (a test's cleanup). */
  dispose(): void;
}

export function createPlatformEvents(options: PlatformEventsOptions = {}): PlatformEvents {
  // Arrays, not sets: a listener registered twice runs twice, as with the platforms' own on* functions.
  const hides: Listener[] = [];
  const shows: Listener[] = [];
  const networks: NetworkListener[] = [];
  /** off*(listener) removes that listener; off*() with no argument removes them all (WeChat's docs). */
  const remove = <T>(list: T[], listener?: T): void => {
    if (listener === undefined) list.length = 0;
    else {
      const i = list.indexOf(listener);
      if (i >= 0) list.splice(i, 1);
    }
  };
  const quirks = options.quirks ?? {};
  const suspendAfter = options.suspendAfter ?? 5000;
  let networkType: NetworkType = options.networkType ?? 'wifi';
  let hidden = false;
  let suspended = false;
  let suspendTimer: ReturnType<typeof setTimeout> | undefined;

  // The bridge calls back later, never inside the call; each call runs the listeners registered when it fired.
  const later = (fn: () => void): void => void setImmediate(fn);
  const each = <T>(list: T[], call: (listener: T) => void): void => {
    for (const listener of [...list]) call(listener);
  };

  const platform: PlatformEvents = {
    onAppHide: (listener) => void hides.push(listener),
    onAppShow: (listener) => void shows.push(listener),
    onNetworkStatusChange: (listener) => void networks.push(listener),
    getNetworkType: ({ success, complete } = {}) => {
      const type = networkType;
      later(() => {
        success?.({ networkType: type });
        complete?.();
      });
    },
    hide() {
      if (hidden) return;
      hidden = true;
      later(() => each(hides, (l) => l()));
      if (suspendAfter > 0 && suspendAfter !== Infinity) {
        suspendTimer = setTimeout(() => {
          suspendTimer = undefined;
          suspended = true;
          options.onSuspend?.();
        }, suspendAfter);
      }
    },
    show() {
      if (!hidden) return;
      hidden = false;
      suspended = false;
      clearTimeout(suspendTimer);
      suspendTimer = undefined;
      later(() => each(shows, (l) => l({ path: 'pages/index/index', query: {}, scene: 1001 })));
    },
    setNetwork(type) {
      const wasConnected = networkType !== 'none';
      networkType = type;
      const isConnected = type !== 'none';
      if (quirks.missBackOnline && isConnected && !wasConnected) return;
      later(() => each(networks, (l) => l({ isConnected, networkType: type })));
    },
    get hidden() {
      return hidden;
    },
    get suspended() {
      return suspended;
    },
    get networkType() {
      return networkType;
    },
    listenerCount: () => hides.length + shows.length + networks.length,
    dispose() {
      clearTimeout(suspendTimer);
      suspendTimer = undefined;
    }
  };
  if (!quirks.noOff) {
    platform.offAppHide = (listener) => remove(hides, listener);
    platform.offAppShow = (listener) => remove(shows, listener);
    platform.offNetworkStatusChange = (listener) => remove(networks, listener);
  }
  return platform;
}
