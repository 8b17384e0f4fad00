import type { Profile } from './profile.js';
import { WX_LIMIT_TEXT } from './wx.js';

/**
 * Douyin / Toutiao (`tt`). WeChat's limit and limit text, but no global socket functions:
 * `tt` only documents `tt.connectSocket` and the SocketTask. Written out rather than spread
 * from `wx`, so that a bundle without `tt` drops it (a spread is a statement with effects).
 */
export const tt: Profile = {
  name: 'tt',
  globalName: 'tt',
  maxConnections: 5,
  errors: { texts: { 610012: WX_LIMIT_TEXT } },
  globals: false,
  globalsDeprecated: false,
  globalCloseBeforeOpen: 'fail',
  sendViews: false,
  protocolsAsString: false
};
