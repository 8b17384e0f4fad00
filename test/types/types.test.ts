/**
 * Type tests: each folder beside this file is a small project of user code, compiled with
 * tsc against the BUILT declarations (dist/, from `npm run build`) as a user's project
 * imports them: `minisocket` resolves through node_modules and package.json, not src/.
 * Every line must compile, and every `@ts-expect-error` line must be an error (tsc fails on
 * an unused one). docs/typescript.md says what each project shows.
 *
 * Each project is copied to a temporary folder whose node_modules links `minisocket` to
 * this package and the platform typings to the installed devDependencies.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, tsc } from '../support/tsc.js';

interface Project {
  /** Folder under test/types/ (or `docs`: the `ts` blocks of docs/typescript.md). */
  dir: string;
  lib: string[];
  types: string[];
  module: string;
  moduleResolution: string;
  /** Only where a typings package's own declarations need modules it does not install (Taro's webpack types). */
  skipLibCheck?: boolean;
}

const resolutions = [
  { module: 'node16', moduleResolution: 'node16' },
  { module: 'nodenext', moduleResolution: 'nodenext' },
  { module: 'esnext', moduleResolution: 'bundler' },
  { module: 'commonjs', moduleResolution: 'node10' }
];

const projects: Project[] = [
  // minisocket alone: ES2022 and nothing else (no DOM, no Node types), every resolution.
  ...resolutions.map((r) => ({ dir: 'declarations', lib: ['es2022'], types: [], ...r })),
  // minisocket/testing with Node's types, every resolution (node10 through typesVersions).
  ...resolutions.map((r) => ({ dir: 'testing', lib: ['es2022'], types: ['node'], ...r })),
  // Each platform's typings in the environment it asks for.
  { dir: 'wx', lib: ['es2022'], types: ['miniprogram-api-typings'], module: 'nodenext', moduleResolution: 'nodenext' },
  { dir: 'my', lib: ['es2022'], types: ['@mini-types/my'], module: 'nodenext', moduleResolution: 'nodenext' },
  { dir: 'uni', lib: ['es2022', 'dom'], types: ['@dcloudio/types'], module: 'nodenext', moduleResolution: 'nodenext' },
  { dir: 'taro', lib: ['es2022', 'dom'], types: [], module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: true },
  // The guide's example as written (Node's types for its console).
  { dir: 'docs', lib: ['es2022'], types: ['node'], module: 'nodenext', moduleResolution: 'nodenext' }
];

/** The `ts` code blocks of docs/typescript.md, one ES module. */
function guideExample(): string {
  const guide = readFileSync(join(root, 'docs/typescript.md'), 'utf8');
  const blocks = [...guide.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  if (blocks.length === 0) throw new Error('docs/typescript.md has no ts block');
  return blocks.join('\n');
}

/** node_modules entries the projects resolve: the package itself and the typings. */
const linked = ['@types', '@tarojs', '@dcloudio', '@mini-types', 'miniprogram-api-typings'];

let work: string;

beforeAll(() => {
  if (!existsSync(join(root, 'dist/esm/index.d.ts'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  work = mkdtempSync(join(tmpdir(), 'minisocket-types-'));
  mkdirSync(join(work, 'node_modules'));
  symlinkSync(root, join(work, 'node_modules/minisocket'), 'dir');
  for (const name of linked) symlinkSync(join(root, 'node_modules', name), join(work, 'node_modules', name), 'dir');
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function compile(project: Project): Promise<string> {
  const dir = join(work, `${project.dir}-${project.moduleResolution}`);
  if (project.dir === 'docs') {
    mkdirSync(dir);
    writeFileSync(join(dir, 'guide.mts'), guideExample());
  } else {
    cpSync(fileURLToPath(new URL(`./${project.dir}/`, import.meta.url)), dir, { recursive: true });
  }
  const compilerOptions = {
    strict: true,
    noEmit: true,
    target: 'es2022',
    lib: project.lib,
    types: project.types,
    module: project.module,
    moduleResolution: project.moduleResolution,
    esModuleInterop: true,
    skipLibCheck: project.skipLibCheck === true
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['*.ts', '*.mts'] }));
  return tsc(['-p', dir], { cwd: dir });
}

describe('the declarations as a user compiles them', () => {
  for (const project of projects) {
    const env = `lib ${project.lib.join('+')}, types [${project.types.join(', ')}]`;
    it(`${project.dir} (${project.moduleResolution}; ${env})`, async () => {
      expect(await compile(project)).toBe('');
    }, 180_000);
  }
});
