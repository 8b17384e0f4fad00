/**
 * Compiled by `npm run typecheck`, never run: the Jest type augmentation of
 * `minisocket/testing/jest` reaches `@jest/globals`' expect, and wrong arguments are errors.
 */
import { expect } from '@jest/globals';
import type {} from 'minisocket/testing/jest';
import type { TestConnection, TestServer } from 'minisocket/testing';

export async function typed(server: TestServer, connection: TestConnection): Promise<void> {
  await expect(server).toReceiveMessage({ type: 'join' }, { timeout: 500 });
  expect(connection).toHaveReceivedMessages(['a', 'b']);
  await expect(connection).toHaveClosed({ code: 4001, reason: 'kicked' });
  await expect(connection).not.toHaveClosed();
  // @ts-expect-error the close matcher takes { code, reason }, not a bare code
  await expect(connection).toHaveClosed(4001);
  // @ts-expect-error the timeout is an option object
  await expect(server).toReceiveMessage('x', 500);
}
