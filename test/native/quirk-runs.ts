/**
 * One contract run per quirk of the stand-in (src/testing/native-quirks.ts), each on the
 * WeChat stand-in under the wx profile, plus Taro's H5 runtime with all of its quirks at
 * once. `cannot` lists, per run, the cases the native engine cannot satisfy and why.
 */
import type { NativeRun } from './contract.js';

export interface QuirkRun extends NativeRun {
  title: string;
}

const quirk = (title: string, quirks: NativeRun['quirks'], cannot: Record<string, string> = {}): QuirkRun => ({
  title,
  profile: 'wx',
  runtime: 'wx',
  quirks,
  cannot
});

/** Every case named, with one reason. */
const each = (names: string[], reason: string): Record<string, string> => Object.fromEntries(names.map((name) => [name, reason]));

// The cases that read a close code the runtime does not pass on.
const SERVER_CODE = ['server close frame: close with its code and reason, no error', 'the same function registered twice is called once'];
const DROP = [
  'TCP drop without a close frame: close 1006, no error',
  'sends not yet written when the connection drops fail in order, each with one outcome'
];
// The cases that check the close code our close() puts on the wire.
const OUR_CODE = [
  'a 123-byte reason of multi-byte characters goes out exactly',
  'a reason without a code closes with 1000 and that reason',
  'messages arriving after our close() are not delivered (WHATWG: only while OPEN)',
  'the valid close codes are accepted: 1000, 3000 and 4999',
  'close() without options while OPEN ends with 1000 and an empty reason',
  'our close() while OPEN: success before onClose, onClose and the server agree on code and reason'
];
const BARE = "the runtime's onClose has no code: minisocket reports 1005 (no status received), or what close() asked for";
const NO_CODE_SENT = 'the runtime sends no close code: the server sees 1005, and so does onClose';
const MADE_UP = "the runtime's onClose says { 1006, 'abnormal closure' } (or what close() asked for) whatever the server sent";
const EARLY = 'send success means queued, not written: a message lost with the connection was already reported sent';
const ONE_GLOBAL = 'one global socket at a time: a second connection fails while the first is live';

export const QUIRK_RUNS: QuirkRun[] = [
  quirk('syncEvents', { syncEvents: true }),
  quirk('errorWithoutClose', { errorWithoutClose: true }),
  quirk('closeBeforeError', { closeBeforeError: true }),
  quirk('doubleClose', { doubleClose: true }),
  quirk('bareClose', { bareClose: true }, each([...SERVER_CODE, ...DROP], BARE)),
  quirk('closeWhileConnecting: fails', { closeWhileConnecting: 'fails' }),
  quirk('closeWhileConnecting: works', { closeWhileConnecting: 'works' }),
  quirk('throwWhenClosed', { throwWhenClosed: true }),
  quirk('promise', { promise: true }),
  quirk(
    'noTask (Alipay global functions)',
    { noTask: true },
    {
      ...each(
        [
          'Referer, Host and Sec-WebSocket-Key are dropped, each named once in a warning; the connection proceeds',
          'method: GET in any case is silent, the other listed methods warn and still GET, unknown ones fail',
          'protocols are offered in order and the agreed one opens the connection',
          'tcpNoDelay, perMessageDeflate and forceCellularNetwork are accepted',
          'the globals follow the earliest live task, then the next one',
          'a CONNECTING task holds its slot; its slot is free once it has closed',
          'maxConnections: the call over the limit fails with the standard text; the others are unaffected',
          'the standard profile has no default limit',
          'send when not OPEN fails with 10002 "not connected"'
        ],
        ONE_GLOBAL
      )
    }
  ),
  quirk('alipayResults', { alipayResults: true }),
  quirk(
    'sendSuccessEarly',
    { sendSuccessEarly: true },
    {
      'sends not yet written when the connection drops fail in order, each with one outcome': EARLY,
      'a send queue over 16 MiB: that send fails 10001, then error and close 1006': `${EARLY}, so nothing ever counts as waiting`
    }
  ),
  quirk(
    'noCloseCode',
    { noCloseCode: true },
    {
      ...each(OUR_CODE, NO_CODE_SENT),
      ...each(
        [
          'close on a CLOSING or CLOSED task fails "not connected"',
          'the globals follow the earliest live task, then the next one',
          'a throwing listener does not stop the others or the task; its error goes to the warning channel',
          'registering or removing something that is not a function does not throw or break dispatch'
        ],
        NO_CODE_SENT
      )
    }
  ),
  quirk('madeUpClose', { madeUpClose: true }, each([...SERVER_CODE, DROP[0]!], MADE_UP)),
  quirk('blob', { blob: true }),
  quirk('singleListener', { singleListener: true }),
  quirk(
    'noHeaders',
    { noHeaders: true },
    { 'header values that are numbers or booleans are sent as strings': 'the runtime sends no request headers' }
  ),
  {
    title: 'all of Taro H5 (taro profile on the taro-h5 runtime)',
    profile: 'taro',
    runtime: 'taro-h5',
    cannot: {
      ...each(OUR_CODE, NO_CODE_SENT),
      ...each([...SERVER_CODE, DROP[0]!], MADE_UP),
      'sends not yet written when the connection drops fail in order, each with one outcome': EARLY,
      'a send queue over 16 MiB: that send fails 10001, then error and close 1006': `${EARLY}, so nothing ever counts as waiting`,
      'header values that are numbers or booleans are sent as strings': 'the runtime sends no request headers'
    }
  }
];

/** The three files the runs are split across (to run in parallel), each named for what its quirks change. */
export type QuirkFile = 'event order' | 'call results' | 'close codes and data';

const FILES: Record<QuirkFile, string[]> = {
  'event order': [
    'syncEvents',
    'errorWithoutClose',
    'closeBeforeError',
    'doubleClose',
    'closeWhileConnecting: fails',
    'closeWhileConnecting: works'
  ],
  'call results': ['throwWhenClosed', 'promise', 'noTask (Alipay global functions)', 'alipayResults', 'sendSuccessEarly', 'singleListener'],
  'close codes and data': [
    'bareClose',
    'noCloseCode',
    'madeUpClose',
    'blob',
    'noHeaders',
    'all of Taro H5 (taro profile on the taro-h5 runtime)'
  ]
};

/** The runs of one file; throws (failing every quirk file) unless each run is in exactly one file, so the split loses none. */
export function quirkRunsOf(file: QuirkFile): QuirkRun[] {
  const placed = Object.values(FILES).flat();
  const wrong = [
    ...QUIRK_RUNS.filter((run) => !placed.includes(run.title)).map((run) => `in no file: ${run.title}`),
    ...placed.filter((title) => !QUIRK_RUNS.some((run) => run.title === title)).map((title) => `no such run: ${title}`),
    ...placed.filter((title, i) => placed.indexOf(title) !== i).map((title) => `in two files: ${title}`)
  ];
  if (wrong.length > 0) throw new Error(`test/native/quirk-runs.ts: ${wrong.join('; ')}`);
  return FILES[file].map((title) => QUIRK_RUNS.find((run) => run.title === title)!);
}
