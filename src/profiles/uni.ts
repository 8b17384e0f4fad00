import type { Profile } from './profile.js';

/**
 * uni-app x (`uni`): no limit, `protocols` may be one string, and every fail and error
 * result carries `errSubject` (and `cause` where an underlying error exists, which the
 * core already sets).
 */
export const uni: Profile = {
  name: 'uni',
  globalName: 'uni',
  maxConnections: Infinity,
  globals: true,
  globalsDeprecated: false,
  globalCloseBeforeOpen: 'fail',
  sendViews: false,
  protocolsAsString: true,
  // uni-app x names the module that failed on every fail result (its "unified error subject").
  errors: { fields: { errSubject: 'uni-websocket' } }
};
