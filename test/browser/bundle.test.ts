/**
 * The browser entry pulls in no Node module: esbuild's metafile of a fresh bundle of
 * src/browser.ts lists no `node:` input, nothing of `ws`, not the ws engine, and the code
 * never names `Buffer`. The same checks reject the Node entry, so they can fail.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundleBrowser as bundle, mentionsBuffer, nodeOnlyInputs } from '../../scripts/build-browser.mjs';

describe('browser bundle', () => {
  it('has no node: inputs, no ws, no Buffer, and includes the whatwg engine', async () => {
    const { code, metafile } = await bundle();
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toContain('src/engines/whatwg.ts');
    expect(inputs).toContain('src/task/socket-task.ts');
    expect(inputs.filter((input) => input.startsWith('node:') || input.includes('node_modules'))).toEqual([]);
    expect(inputs.filter((input) => input.includes('engines/ws'))).toEqual([]);
    const imports = Object.values(metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
    expect(imports.filter((path) => path.startsWith('node:') || path === 'ws')).toEqual([]);
    expect(nodeOnlyInputs(metafile)).toEqual([]);
    expect(mentionsBuffer(code)).toBe(false);
    expect(code).toMatch(/\bArrayBuffer\b/); // the check looks at real code, not an empty file
  });

  it('the same checks reject the Node entry', async () => {
    await expect(bundle({ entry: 'src/index.ts' })).rejects.toThrow();
    expect(nodeOnlyInputs({ inputs: { 'node:net': {}, 'node_modules/ws/lib/websocket.js': {}, 'src/engines/ws.ts': {} } })).toHaveLength(3);
    expect(mentionsBuffer('const b = Buffer.from(x)')).toBe(true);
    expect(mentionsBuffer('new ArrayBuffer(1); SharedArrayBuffer; isBuffer')).toBe(false);
  });

  it('package.json sends browsers to the browser entry before import/require', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { exports: Record<string, Record<string, string> | string> };
    const dot = pkg.exports['.'] as unknown as Record<string, { types: string; default: string }>;
    expect(Object.keys(dot)[0]).toBe('browser');
    // require under `browser` (Jest's jsdom environment) gets the same entry, as CommonJS.
    expect(dot.browser).toEqual({ types: './dist/esm/browser.d.ts', require: './dist/cjs/browser.js', default: './dist/esm/browser.js' });
    expect(pkg.exports['./browser']).toMatchObject({ default: './dist/browser/minisocket.js' });
  });
});
