/**
 * The engine's two kinds of failure: a script it cannot run (stops the run before any
 * virtual user starts) and a virtual user that failed (counted, and the run goes on).
 */

/** The script is wrong: the message names the scenario and the step. */
export class ScenarioError extends Error {
  constructor(message: string) {
    super(`artillery-engine-minisocket: ${message}`);
    this.name = 'ScenarioError';
  }
}

/**
 * Why one virtual user failed. `reason` is what Artillery counts under `errors.<reason>`,
 * so it is stable text: the step and the kind of failure, never a timestamp or a payload.
 */
export class VuFailure extends Error {
  constructor(
    readonly reason: string,
    /** minisocket's errCode when the API reported the failure. */
    readonly errCode?: number
  ) {
    super(reason);
    this.name = 'VuFailure';
  }
}
