import type { Profile } from './profile.js';

/**
 * WeChat (`wx`). Five sockets at once with WeChat's own limit text (its doubled "fail" is
 * kept: code that matches the message keeps working); only string and ArrayBuffer are
 * sent; the global closeSocket cannot abort a socket still connecting, as the doc warns.
 */
/** WeChat's limit text, shared with Douyin (tt.ts). */
export const WX_LIMIT_TEXT = 'fail reach max websocket connect count %s';

export const wx: Profile = {
  name: 'wx',
  globalName: 'wx',
  maxConnections: 5,
  // Keyed by the literal errCode (TOO_MANY_CONNECTIONS): a computed key would keep this profile in every bundle.
  errors: { texts: { 610012: WX_LIMIT_TEXT } },
  globals: true,
  globalsDeprecated: false,
  globalCloseBeforeOpen: 'fail',
  sendViews: false,
  protocolsAsString: false
};
