/**
 * docs/reconnect.md's examples run as written: each ```js block after an
 * `<!-- example: name -->` line runs in its own Node process against the built package
 * (its `minisocket` and `minisocket/testing` imports point at dist/), and what it prints
 * must be the ```text block that follows it.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const doc = readFileSync(join(root, 'docs/reconnect.md'), 'utf8');
const dist = join(root, 'dist/esm');
const examples = [...doc.matchAll(/<!-- example: ([\w-]+) -->\n```js\n([\s\S]*?)```\n\nprints\n\n```text\n([\s\S]*?)```/g)].map((m) => ({
  name: m[1]!,
  code: m[2]!,
  prints: m[3]!
}));
const dir = mkdtempSync(join(tmpdir(), 'minisocket-docs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('finds the examples', () => {
  expect(examples.map((e) => e.name)).toEqual(['before-redial', 'should-reconnect', 'lifecycle', 'auth-first']);
  expect(existsSync(join(dist, 'index.js')), 'dist/ is built (npm test builds first; else run npm run build)').toBe(true);
});

for (const example of examples) {
  it(`docs/reconnect.md example "${example.name}" prints what the page says`, async () => {
    const code = example.code
      .replace(/from 'minisocket'/g, `from '${pathToFileURL(join(dist, 'index.js')).href}'`)
      .replace(/from 'minisocket\/testing'/g, `from '${pathToFileURL(join(dist, 'testing/index.js')).href}'`);
    const file = join(dir, `${example.name}.mjs`);
    writeFileSync(file, code);
    const stdout = await new Promise<string>((resolve, reject) => {
      // A bound on a run that should take a second or two: an example that hangs fails, it does not stall the suite.
      execFile(process.execPath, [file], { timeout: 15_000 }, (error, out, err) =>
        error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)
      );
    });
    expect(stdout).toBe(example.prints);
  });
}
