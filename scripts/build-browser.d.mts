// Types for scripts/build-browser.mjs, for the tests that import it.
import type { Metafile } from 'esbuild';

export function nodeOnlyInputs(metafile: Pick<Metafile, 'inputs'> | { inputs: Record<string, unknown> }): string[];
export function mentionsBuffer(code: string): boolean;
export function bundleBrowser(options?: {
  entry?: string;
  outfile?: string;
  minify?: boolean;
  sourcemap?: boolean;
}): Promise<{ code: string; metafile: Metafile }>;
