/** Differences more than one engine shares, with the reason the README's runtime table gives. */

/** Bun's and Deno's node:net fail the writes pending on a dropped connection with ECANCELED, which the task does not count as "connection gone". */
export const ECANCELED_WRITES = {
  'sends not yet written when the connection drops fail in order, each with one outcome':
    'a write pending when the connection drops fails with ECANCELED, reported as 602001 system error instead of 610033 closed before written'
};
