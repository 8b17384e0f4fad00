/**
 * The heartbeat of one link: a probe every `interval` ms, and a deadline of `timeout` ms
 * for an answer. Any answer (a pong frame, or an inbound message the settings accept)
 * clears the deadline; a missed deadline calls `dead` once and stops the heartbeat.
 *
 * One probe is outstanding at a time: a probe sent while the previous one is unanswered
 * does not move the deadline, so a link that never answers dies `timeout` ms after the
 * first unanswered probe, however the two settings compare.
 */
import type { HeartbeatPolicy } from './options.js';

export class Heartbeat {
  private next: ReturnType<typeof setTimeout> | undefined;
  private deadline: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly policy: HeartbeatPolicy,
    private readonly probe: () => void,
    private readonly dead: () => void
  ) {}

  start(): void {
    this.next = setTimeout(this.tick, this.policy.interval);
  }

  /** The link answered: a pong frame, or an inbound message. */
  alive(): void {
    if (this.deadline === undefined) return;
    clearTimeout(this.deadline);
    this.deadline = undefined;
  }

  stop(): void {
    clearTimeout(this.next);
    clearTimeout(this.deadline);
    this.next = this.deadline = undefined;
  }

  private readonly tick = (): void => {
    this.deadline ??= setTimeout(this.expire, this.policy.timeout);
    this.next = setTimeout(this.tick, this.policy.interval);
    this.probe();
  };

  private readonly expire = (): void => {
    this.stop();
    this.dead();
  };
}
