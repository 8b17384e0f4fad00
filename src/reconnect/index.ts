/**
 * The opt-in layer behind connectSocket's `reconnect` and `heartbeat` options.
 */
import { socketError } from '../errors.js';
import { isInvalid } from '../task/validate.js';
import { readLayerSettings } from './options.js';
import { ReconnectingTask, type LayerHost } from './reconnecting-task.js';

export { wantsLayer } from './options.js';
export type { LayerHost } from './reconnecting-task.js';
export { ReconnectingTask } from './reconnecting-task.js';

/** A reconnecting task; bad settings give one that is dead at once, reported like any bad option. */
export function connectLayered(options: object, host: LayerHost): ReconnectingTask {
  const settings = readLayerSettings(options);
  if (isInvalid(settings)) {
    return new ReconnectingTask(options, { refusal: socketError('connectSocket', settings.code, settings.detail, settings.cause) }, host);
  }
  return new ReconnectingTask(options, settings, host);
}
