/**
 * How a task layer (src/reconnect/) plugs into an API object: the entry points pass one
 * to createApi, which offers it the plain connectSocket path. The API never imports a layer.
 */
import type { Failure, SocketError } from '../errors.js';
import type { Link } from '../task/link.js';
import type { SocketTask } from '../types.js';

/** What the API gives a layer: the plain connectSocket path, minus the profile's return shape. */
export interface LayerHost {
  /**
   * Creates (and dials) a plain link; with `refusal`, one that fails with it instead.
   * `place`: where the link stands in the globals' binding order (a later link keeps the first one's).
   */
  dial(options: unknown, refusal?: Failure, place?: number): { link: Link; ok: boolean; result: object };
  readonly acceptViews: boolean;
  warn(message: string): void;
  readonly warnThrow: (error: unknown) => void;
  /** The SocketError of a failure, in the profile's wording. */
  error(failure: Failure): SocketError;
  /** The API's native platform object (`createSocketApi({ native })`): the default source of app and network events (issue 14). */
  readonly native?: object | undefined;
}

export interface TaskLayer {
  /** Whether connectSocket's options ask for this layer. */
  wants(options: unknown): boolean;
  /** Builds the task; `ok` and `result` are what connectSocket's callbacks got (for Taro's Promise). */
  connect(options: object, host: LayerHost): { task: SocketTask; ok: boolean; result: object };
}
