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
  /** The app is hidden: probes still go out (a proxy's idle timer needs traffic), no deadline is armed. */
  private relaxed = false;

  /**
   * `repeat` false: a single probe (probeNow) with its deadline, and nothing after it: the
   * check the layer makes when the app comes back and no heartbeat is configured.
   */
  constructor(
    private readonly policy: Pick<HeartbeatPolicy, 'interval' | 'timeout'>,
    private readonly probe: () => void,
    private readonly dead: () => void,
    private readonly repeat = true
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

  /** Probes now (the app came back, the network changed): the deadline starts now, the next probe an interval later. */
  probeNow(): void {
    this.relaxed = false;
    clearTimeout(this.next);
    this.next = undefined;
    this.tick();
  }

  /**
   * The app is hidden and its JS may be suspended (WeChat, about 5 s after onAppHide): an
   * unanswered probe proves nothing then. Forgets the outstanding deadline and arms none
   * until probeNow(); the probes go on where the JS still runs.
   */
  relax(): void {
    this.relaxed = true;
    clearTimeout(this.deadline);
    this.deadline = undefined;
    if (!this.repeat) this.stop();
  }

  stop(): void {
    clearTimeout(this.next);
    clearTimeout(this.deadline);
    this.next = this.deadline = undefined;
  }

  private readonly tick = (): void => {
    if (!this.relaxed) this.deadline ??= setTimeout(this.expire, this.policy.timeout);
    if (this.repeat) this.next = setTimeout(this.tick, this.policy.interval);
    this.probe();
  };

  private readonly expire = (): void => {
    this.stop();
    this.dead();
  };
}
