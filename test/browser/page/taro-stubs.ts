/**
 * Stand-ins for @tarojs/api and @tarojs/runtime in the Taro H5 page bundle: Taro's
 * utils/index.js imports them for helpers that the websocket code never calls
 * (shouldBeObject, getParameterError and MethodHandler use neither).
 */
export default {};
export const hooks = { isExist: (): boolean => false, call: (): undefined => undefined };
export const Current = { page: null };
export const getCurrentPage = (): undefined => undefined;
export const getHomePage = (): undefined => undefined;
