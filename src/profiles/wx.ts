import type { Profile } from './profile.js';

/**
 * WeChat (`wx`). Five sockets at once with WeChat's own limit text (its doubled "fail" is
 * kept: code that matches the message keeps working); only string and ArrayBuffer are
 * sent; the global closeSocket cannot abort a socket still connecting, as the doc warns.
 */
export const wx: Profile = {
  name: 'wx',
  globalName: 'wx',
  maxConnections: 5,
  limitMessage: (limit) => `connectSocket:fail fail reach max websocket connect count ${limit}`,
  globals: true,
  globalsDeprecated: false,
  globalCloseBeforeOpen: 'fail',
  sendViews: false,
  protocolsAsString: false
};
