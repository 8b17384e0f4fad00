/**
 * The opt-in layer behind connectSocket's `reconnect` and `heartbeat` options, plugged
 * into an API object by the entry points (src/index.ts, src/browser.ts).
 */
import * as Code from '../codes.js';
import type { TaskLayer } from '../api/layer.js';
import { describe, type Failure } from '../errors.js';
import { invalid, isInvalid, type Invalid } from '../task/validate.js';
import { readLayerSettings, wantsLayer, type LayerSettings } from './options.js';
import { reconnectingCore, ReconnectingTask } from './reconnecting-task.js';

export { wantsLayer } from './options.js';
export { reconnectingCore, ReconnectingTask, type ReconnectingCore } from './reconnecting-task.js';

/** The settings, or why they are refused: user input (a revoked Proxy, a throwing getter) is never an exception. */
function settingsOf(options: object): LayerSettings | { refusal: Failure } {
  let settings: LayerSettings | Invalid;
  try {
    settings = readLayerSettings(options);
  } catch (cause) {
    settings = invalid(Code.INVALID_OPTIONS, `reading reconnect/heartbeat settings: ${describe(cause)}`, cause);
  }
  if (!isInvalid(settings)) return settings;
  return { refusal: { api: 'connectSocket', code: settings.code, detail: settings.detail, cause: settings.cause } };
}

export const reconnectLayer: TaskLayer = {
  wants: wantsLayer,
  /** A reconnecting task; bad settings give one that is dead at once, reported like any bad option. */
  connect(options, host) {
    const core = reconnectingCore(options, settingsOf(options), host);
    return { task: new ReconnectingTask(core), ...core.outcome };
  }
};
