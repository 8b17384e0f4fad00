/**
 * artillery-engine-minisocket: Artillery 2 loads it for `config.engines.minisocket` and
 * runs each scenario with `engine: minisocket` through it. A virtual user is one
 * mini-program client (minisocket's connectSocket with the script's profile).
 *
 * Interface (Artillery 2, @artilleryio/int-core lib/runner.js): `new Engine(script, ee,
 * helpers)`, then `createScenario(spec, ee)` returns `(context, callback)` per user.
 */
import type { EventEmitter } from 'node:events';
import type { ArtilleryScript, EngineHelpers, ScenarioSpec, Step, StepCallback, VuContext } from './artillery';
import { readConfig, type EngineConfig } from './config';
import { ScenarioError, VuFailure } from './errors';
import { compileFlow } from './flow';
import { Session } from './session';

class MinisocketEngine {
  readonly #script: ArtilleryScript;
  readonly #helpers: EngineHelpers;
  #config: EngineConfig | undefined;

  constructor(script: ArtilleryScript, _ee: EventEmitter, helpers: EngineHelpers) {
    this.#script = script;
    this.#helpers = helpers;
  }

  createScenario(spec: ScenarioSpec, ee: EventEmitter): (context: VuContext, callback: StepCallback) => void {
    // Checked here rather than in the constructor: Artillery reports a throwing constructor as "could not be loaded".
    const config = (this.#config ??= readConfig(this.#script.config.minisocket));
    const sessions = new WeakMap<VuContext, Session>();
    const name = spec.name === undefined ? 'scenario' : `scenario ${JSON.stringify(spec.name)}`;
    const target = this.#script.config.target;
    const steps = compileFlow(spec.flow, name, {
      helpers: this.#helpers,
      ee,
      target: typeof target === 'string' ? target : undefined,
      processor: this.#script.config.processor,
      thinkDefaults: this.#script.config.defaults?.think ?? {},
      session(context) {
        const session = sessions.get(context);
        if (session === undefined) throw new VuFailure(`${name}: internal: no session for this virtual user`);
        return session;
      }
    });

    return (context, callback) => {
      ee.emit('started');
      const session = new Session(config, ee);
      sessions.set(context, session);
      runSteps(steps, context, (error, finalContext) => {
        session.end();
        sessions.delete(context);
        if (error !== null)
          ee.emit('error', error instanceof VuFailure || error instanceof ScenarioError ? error.message : `${name}: ${error.message}`);
        callback(error, finalContext);
      });
    };
  }
}

/** Artillery's waterfall, with each step's callback honoured once (a second call is ignored, not a crash). */
function runSteps(steps: Step[], context: VuContext, done: StepCallback): void {
  let index = 0;
  const next = (error: Error | null, current: VuContext): void => {
    if (error !== null || index === steps.length) return done(error, current ?? context);
    const step = steps[index++]!;
    let called = false;
    const once: StepCallback = (stepError, stepContext) => {
      if (called) return;
      called = true;
      // A new macrotask per step: a long loop of synchronous steps must not grow the stack.
      setImmediate(() => next(stepError, stepContext ?? current));
    };
    try {
      step(current, once);
    } catch (thrown) {
      once(thrown instanceof Error ? thrown : new Error(String(thrown)), current);
    }
  };
  next(null, context);
}

export = MinisocketEngine;
