/**
 * Every contract case, grouped by concern, for the Node and browser runners.
 */
import { closeCases } from './close.cases.js';
import { connectCases } from './connect.cases.js';
import { eventCases } from './events.cases.js';
import { globalCases } from './globals.cases.js';
import type { ContractCase } from './harness.js';
import { limitCases } from './limits.cases.js';
import { listenerCases } from './listeners.cases.js';
import { sendCases } from './send.cases.js';

export interface CaseGroup {
  name: string;
  cases: ContractCase[];
}

export const groups: CaseGroup[] = [
  { name: 'connect options and validation', cases: connectCases },
  { name: 'event order and terminal events', cases: eventCases },
  { name: 'send', cases: sendCases },
  { name: 'close', cases: closeCases },
  { name: 'listeners', cases: listenerCases },
  { name: 'limits', cases: limitCases },
  { name: 'global functions', cases: globalCases }
];

export { cleanup, makeCtx, type ContractCase, type Ctx, type CtxSetup, type RunnableCtx } from './harness.js';
