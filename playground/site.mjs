// Stages the playground's static files with a browser bundle into one directory, which the
// test server's `static` option then serves next to its WebSocket scenarios.
import { copyFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PAGE_FILES = ['index.html', 'app.js', 'style.css'];
const here = dirname(fileURLToPath(import.meta.url));

/** Copies the page into `dir` and the bundle (with its source map, if any) as `dir/minisocket.js`. */
export function stagePlayground(dir, bundle) {
  for (const name of PAGE_FILES) copyFileSync(join(here, name), join(dir, name));
  copyFileSync(bundle, join(dir, 'minisocket.js'));
  if (existsSync(`${bundle}.map`)) copyFileSync(`${bundle}.map`, join(dir, 'minisocket.js.map'));
}
