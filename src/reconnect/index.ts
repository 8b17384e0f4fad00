/**
 * The opt-in layer behind connectSocket's `reconnect` and `heartbeat` options.
 */
import { describe, ErrCode, socketError } from '../errors.js';
import { invalid, isInvalid } from '../task/validate.js';
import { readLayerSettings } from './options.js';
import { ReconnectingTask, type LayerHost } from './reconnecting-task.js';

export { wantsLayer } from './options.js';
export type { LayerHost } from './reconnecting-task.js';
export { ReconnectingTask } from './reconnecting-task.js';

/** A reconnecting task; bad settings give one that is dead at once, reported like any bad option. */
export function connectLayered(options: object, host: LayerHost): ReconnectingTask {
  let settings: ReturnType<typeof readLayerSettings>;
  try {
    settings = readLayerSettings(options);
  } catch (cause) {
    // Settings are user input (a revoked Proxy, a throwing getter): a refusal, never an exception.
    settings = invalid(ErrCode.INVALID_OPTIONS, `reading reconnect/heartbeat settings: ${describe(cause)}`, cause);
  }
  if (isInvalid(settings)) {
    return new ReconnectingTask(options, { refusal: socketError('connectSocket', settings.code, settings.detail, settings.cause) }, host);
  }
  return new ReconnectingTask(options, settings, host);
}
