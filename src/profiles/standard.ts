import type { Profile } from './profile.js';

/** minisocket's own: every feature on, no limit, views accepted, minisocket's messages. */
export const standard: Profile = {
  name: 'standard',
  globalName: 'minisocket',
  maxConnections: Infinity,
  globals: true,
  globalsDeprecated: false,
  globalCloseBeforeOpen: 'abort',
  sendViews: true,
  protocolsAsString: false
};
