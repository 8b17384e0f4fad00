/**
 * docs/testing.md says what the tested files say: each `<!-- example: path -->` block is
 * that file, byte for byte (the runners test runs them), and the line counts the page
 * gives for the two versions of the scenario are the blocks' own.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const page = readFileSync(new URL('docs/testing.md', root), 'utf8');
const nonBlank = (text: string): number => text.split('\n').filter((line) => line.trim() !== '').length;

it('every example block is its file, and every guide file is on the page', () => {
  const blocks = [...page.matchAll(/<!-- example: (\S+) -->\n```\w+\n([\s\S]*?)\n```/g)];
  const paths = blocks.map((match) => match[1]);
  expect(paths).toEqual(
    expect.arrayContaining([
      'test/testing/guide/chat.cjs',
      'test/testing/guide/kicked.test.ts',
      'test/testing/guide/kicked.node-test.mjs',
      'test/testing/guide/jest/kicked.test.cjs',
      'test/testing/guide/jest/chat-room/index.js',
      'test/testing/guide/jest/chat-room/index.wxml',
      'test/testing/guide/jest/chat-room.test.cjs',
      'test/testing/guide/mock-socket.test.ts'
    ])
  );
  expect(page.match(/<!-- example:/g)?.length).toBe(blocks.length);
  for (const [, path, body] of blocks) expect(body, path).toBe(readFileSync(new URL(path!, root), 'utf8').trimEnd());
});

it("the line counts it claims are the examples' own", () => {
  const ours = readFileSync(new URL('test/testing/guide/kicked.test.ts', root), 'utf8');
  expect(page).toContain(`The test, with Vitest (${nonBlank(ours)} non-blank lines`);
  const theirs = /```ts\n(import \{ afterEach[\s\S]*?vitest-websocket-mock[\s\S]*?)\n```/.exec(page)?.[1] ?? '';
  expect(page).toContain(`(${nonBlank(theirs)} non-blank lines; not`);
  expect(nonBlank(ours)).toBeLessThan(nonBlank(theirs));
});

it('the README links the page, and the page ships with the package', () => {
  const readme = readFileSync(new URL('README.md', root), 'utf8');
  expect(readme).toContain('](docs/testing.md)');
  const files = (JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { files: string[] }).files;
  expect(files).toContain('docs');
});
