/**
 * Where the reconnect layer hears that the app went to the background or came back, and
 * that the network went away or came back (issue 14, docs/reconnect.md "App and network").
 *
 * Two sources, one shape:
 * - a platform object with the platforms' own names (`wx`, `tt`, `swan`, `my`, `uni`):
 *   `onAppHide`/`onAppShow`, `onNetworkStatusChange`, `getNetworkType`, and their `off*`;
 * - a browser window: `visibilitychange` on its document, `online`/`offline` on itself.
 *
 * A source reports facts (hidden, shown, network up or down and its type); the task
 * decides what they mean for its link. Installing a source registers its listeners;
 * the returned handle removes every one of them again.
 */
import type { BrowserLifecycleScope, PlatformLifecycle } from '../types.js';
import { globalScope } from '../global-scope.js';

export interface LifecycleEvents {
  hide(): void;
  show(): void;
  /** `type`: the platform's networkType ('wifi', '4g', ...), undefined where unknown (browsers). */
  network(connected: boolean, type: string | undefined): void;
}

export interface InstalledLifecycle {
  /** Removes every listener and timer the source added; afterwards the source reports nothing. */
  uninstall(): void;
  /** Reads the network state again (events are not always delivered: uni-app#1288) and reports it. */
  recheck(): void;
}

export type LifecycleSource = (events: LifecycleEvents) => InstalledLifecycle;

/**
 * `online` fires as soon as an interface is up, often before routes and DNS work
 * (tutao/tutanota#1517 waits 200 ms to 2 s); a dial at that instant fails and costs an
 * attempt. One second is inside that range and short next to a backoff.
 */
export const ONLINE_DELAY = 1000;

type Fn = (...args: never[]) => unknown;
const isFn = (value: unknown): value is Fn => typeof value === 'function';

/** Whether the object looks like a platform object (at least one of the names is a function). */
export function isPlatformLifecycle(value: object): value is PlatformLifecycle {
  const p = value as Record<string, unknown>;
  return isFn(p.onAppHide) || isFn(p.onAppShow) || isFn(p.onNetworkStatusChange);
}

/** Whether the object looks like a browser window: EventTarget methods and (optionally) a document. */
export function isBrowserScope(value: object): value is BrowserLifecycleScope {
  const s = value as Record<string, unknown>;
  return isFn(s.addEventListener) && isFn(s.removeEventListener);
}

/**
 * The platform's app and network events. Each name is optional (older base libraries lack
 * `offAppHide` and `offNetworkStatusChange`): without its `off*`, a listener stays
 * registered after uninstall but does nothing, and the warning says so.
 */
export function platformLifecycle(platform: PlatformLifecycle, warn: (message: string) => void): LifecycleSource {
  return (events) => {
    let installed = true;
    const onHide = (): void => {
      if (installed) events.hide();
    };
    const onShow = (): void => {
      if (installed) events.show();
    };
    const onNetwork = (result: { isConnected: boolean; networkType: string }): void => {
      if (!installed || typeof result !== 'object' || result === null) return;
      events.network(
        result.isConnected !== false && result.networkType !== 'none',
        typeof result.networkType === 'string' ? result.networkType : undefined
      );
    };
    const recheck = (): void => {
      if (!isFn(platform.getNetworkType)) return;
      try {
        platform.getNetworkType({
          success: (result) => {
            if (!installed || typeof result !== 'object' || result === null) return;
            const type = result.networkType;
            events.network(type !== 'none', typeof type === 'string' ? type : undefined);
          },
          fail: () => undefined
        });
      } catch (error) {
        warn(`lifecycle: getNetworkType threw: ${String(error)}`);
      }
    };
    const pairs: [string, string, Fn][] = [
      ['onAppHide', 'offAppHide', onHide],
      ['onAppShow', 'offAppShow', onShow],
      ['onNetworkStatusChange', 'offNetworkStatusChange', onNetwork as Fn]
    ];
    const p = platform as Record<string, unknown>;
    const added: [string, Fn][] = [];
    for (const [on, off, listener] of pairs) {
      const register = p[on];
      if (!isFn(register)) continue;
      try {
        (register as (l: Fn) => void).call(platform, listener);
        added.push([off, listener]);
      } catch (error) {
        warn(`lifecycle: ${on} threw: ${String(error)}`);
      }
    }
    // The state at install time: WeChat reports a change only, never the current state.
    recheck();
    return {
      recheck,
      uninstall: () => {
        if (!installed) return;
        installed = false;
        for (const [off, listener] of added) {
          const remove = p[off];
          if (!isFn(remove)) {
            warn(`lifecycle: the platform has no ${off}; its listener stays registered, inert`);
            continue;
          }
          try {
            (remove as (l: Fn) => void).call(platform, listener);
          } catch (error) {
            warn(`lifecycle: ${off} threw: ${String(error)}`);
          }
        }
      }
    };
  };
}

/**
 * A browser page: hidden and visible from the Page Visibility API, the network from
 * `online`/`offline`. `offline` is trusted at once; `online` only after ONLINE_DELAY, and
 * an `offline` in between cancels it. `navigator.onLine === false` is reliable, `true` is
 * not (appuri/robust-websocket#27), so only the former is read at install time.
 */
export function browserLifecycle(scope: BrowserLifecycleScope, onlineDelay = ONLINE_DELAY): LifecycleSource {
  return (events) => {
    let installed = true;
    let onlineTimer: ReturnType<typeof setTimeout> | undefined;
    const doc = scope.document;
    const onVisibility = (): void => {
      if (!installed || doc === undefined) return;
      if (doc.visibilityState === 'hidden') events.hide();
      else if (doc.visibilityState === 'visible') events.show();
    };
    const onOffline = (): void => {
      if (!installed) return;
      clearTimeout(onlineTimer);
      onlineTimer = undefined;
      events.network(false, undefined);
    };
    const onOnline = (): void => {
      if (!installed) return;
      clearTimeout(onlineTimer);
      onlineTimer = setTimeout(() => {
        onlineTimer = undefined;
        if (installed) events.network(true, undefined);
      }, onlineDelay);
    };
    doc?.addEventListener('visibilitychange', onVisibility);
    scope.addEventListener('offline', onOffline);
    scope.addEventListener('online', onOnline);
    if (doc?.visibilityState === 'hidden') events.hide();
    if (scope.navigator?.onLine === false) events.network(false, undefined);
    return {
      recheck: () => {
        // Only a definite "offline" is news; "online" comes from the event (and its delay).
        if (installed && scope.navigator?.onLine === false) events.network(false, undefined);
      },
      uninstall: () => {
        if (!installed) return;
        installed = false;
        clearTimeout(onlineTimer);
        onlineTimer = undefined;
        doc?.removeEventListener('visibilitychange', onVisibility);
        scope.removeEventListener('offline', onOffline);
        scope.removeEventListener('online', onOnline);
      }
    };
  };
}

/** `reconnect.lifecycle` as read from the options: on (find a source), off, or a given object. */
export type LifecycleSetting = true | false | PlatformLifecycle | BrowserLifecycleScope;

/** Checks `reconnect.lifecycle`; a string tells what is wrong. */
export function checkLifecycle(value: unknown): LifecycleSetting | string {
  if (value === undefined || value === true) return true;
  if (value === false) return false;
  if (typeof value === 'object' && value !== null && (isPlatformLifecycle(value) || isBrowserScope(value))) return value;
  return 'true, false, a platform object with onAppHide/onAppShow/onNetworkStatusChange (such as wx), or a window';
}

/**
 * The source for a setting. `true`: the API's native platform object where there is one
 * (`createSocketApi({ native })`), else the page's window where there is a document, else
 * none (Node has no app lifecycle).
 */
export function lifecycleSource(
  setting: LifecycleSetting,
  native: object | undefined,
  warn: (message: string) => void
): LifecycleSource | undefined {
  if (setting === false) return undefined;
  if (setting !== true) {
    return isPlatformLifecycle(setting) ? platformLifecycle(setting, warn) : browserLifecycle(setting as BrowserLifecycleScope);
  }
  if (native !== undefined && isPlatformLifecycle(native)) return platformLifecycle(native, warn);
  const scope = globalScope() as Partial<BrowserLifecycleScope>;
  if (typeof scope.document === 'object' && scope.document !== null && isBrowserScope(scope as object)) {
    return browserLifecycle(scope as BrowserLifecycleScope);
  }
  return undefined;
}
