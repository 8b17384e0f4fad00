// Types for playground/site.mjs, for the test that stages the playground.
export const PAGE_FILES: string[];
export function stagePlayground(dir: string, bundle: string): void;
