/**
 * The Taro H5 test page: test/browser/page/taro-h5-page.ts bundled (test/browser/support/site.ts)
 * with Taro's H5 websocket module (scripts/fetch-taro-h5.mjs) and two stubs.
 */
import { join, resolve } from 'node:path';
// @ts-expect-error: a build script in JavaScript, without types
import { ensureTaroH5 } from '../../../scripts/fetch-taro-h5.mjs';
import { type Site, startSite } from './site.js';

export type TaroSite = Site;

export function startTaroSite(): Promise<TaroSite> {
  const taro = ensureTaroH5() as string;
  const stubs = resolve('test/browser/page/taro-stubs.ts');
  return startSite('test/browser/page/taro-h5-page.ts', {
    title: 'minisocket over Taro H5',
    alias: {
      '@tarojs/taro-h5': join(taro, 'taro-h5'),
      '@tarojs/shared': join(taro, 'shared', 'dist', 'shared.esm.js'),
      '@tarojs/api': stubs,
      '@tarojs/runtime': stubs
    }
  });
}
