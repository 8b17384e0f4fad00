import { ErrCode } from '../errors.js';
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
  errors: { texts: { [ErrCode.TOO_MANY_CONNECTIONS]: 'fail reach max websocket connect count %s' } },
  globals: true,
  globalsDeprecated: false,
  globalCloseBeforeOpen: 'fail',
  sendViews: false,
  protocolsAsString: false
};
