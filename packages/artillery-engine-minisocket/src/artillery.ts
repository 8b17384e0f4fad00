/**
 * The parts of Artillery 2's engine interface this engine uses (Artillery ships no types).
 * Source: @artilleryio/int-core lib/runner.js (loadEngines, runScenario) and lib/engine_ws.js.
 */
import type { EventEmitter } from 'node:events';

/** A virtual user's state: Artillery's `vars` and `funcs`, plus what engines keep on it. */
export interface VuContext {
  vars: Record<string, unknown>;
  funcs?: Record<string, unknown>;
  [key: string]: unknown;
}

export type StepCallback = (error: Error | null, context: VuContext) => void;
/** One compiled step: Artillery runs them in a waterfall, each handing the context on. */
export type Step = (context: VuContext, callback: StepCallback) => void;

/** `config.processor`'s functions, callback- or Promise-style. */
export type ProcessorFunction = (context: VuContext, events: EventEmitter, next: (error?: unknown) => void) => unknown;

export interface ArtilleryScript {
  config: {
    target?: string;
    processor?: Record<string, unknown>;
    defaults?: { think?: Record<string, unknown> };
    minisocket?: unknown;
    [key: string]: unknown;
  };
  scenarios?: unknown[];
}

export interface ScenarioSpec {
  name?: string;
  engine?: string;
  flow?: unknown;
  [key: string]: unknown;
}

/** The third constructor argument: @artilleryio/int-commons' engine_util. */
export interface EngineHelpers {
  createThink(spec: Record<string, unknown>, defaults: Record<string, unknown>): Step;
  createLoopWithCount(count: unknown, steps: Step[], options: Record<string, unknown>): Step;
  template<T>(value: T, context: VuContext): T;
}
