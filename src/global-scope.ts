/**
 * The runtime's global object, where it names one. Old mini-program base libraries have no
 * `globalThis` (and no `eval` or `Function` to find the global with), so code that looks for
 * a browser global (`document`, `EventTarget`, `DOMException`, `performance`) reads it from
 * here and takes an absent global object as "none of them".
 */
export function globalScope(): Record<string, unknown> {
  return typeof globalThis === 'object' && globalThis !== null ? (globalThis as unknown as Record<string, unknown>) : {};
}
