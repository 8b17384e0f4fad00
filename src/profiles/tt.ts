import type { Profile } from './profile.js';
import { wx } from './wx.js';

/**
 * Douyin / Toutiao (`tt`). WeChat's limit and limit text, but no global socket functions:
 * `tt` only documents `tt.connectSocket` and the SocketTask.
 */
export const tt: Profile = {
  ...wx,
  name: 'tt',
  globalName: 'tt',
  globals: false
};
