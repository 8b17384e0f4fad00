import type { Profile } from './profile.js';

/**
 * Baidu (`swan`), base library 1.9.4 and later: any number of sockets; the global
 * functions exist and, as the doc says, closeSocket works only while the socket is open.
 * Config `singleSocket: true` gives the behaviour before 1.9.4.
 */
export const swan: Profile = {
  name: 'swan',
  globalName: 'swan',
  maxConnections: Infinity,
  globals: true,
  globalsDeprecated: false,
  globalCloseBeforeOpen: 'fail',
  sendViews: false,
  protocolsAsString: false
};
