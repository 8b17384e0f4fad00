// The tt seed's page (create socket, close socket, an input, send) on minisocket's browser
// bundle, with every callback and event written to the log. Plain browser JavaScript: no
// build step beyond the bundle itself.
import { createSocketApi } from './minisocket.js';

const $ = (id) => document.getElementById(id);
const STATES = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'];
let socketTask;

function show(value) {
  if (value instanceof ArrayBuffer) {
    const hex = Array.from(new Uint8Array(value.slice(0, 64)), (b) => b.toString(16).padStart(2, '0')).join(' ');
    return `ArrayBuffer(${value.byteLength}) [${hex}${value.byteLength > 64 ? ' ...' : ''}]`;
  }
  if (typeof value === 'string') return JSON.stringify(value.length > 500 ? `${value.slice(0, 500)}...` : value);
  if (typeof value !== 'object' || value === null) return String(value);
  const parts = Object.entries(value)
    .filter(([key]) => key !== 'cause')
    .map(([key, v]) => `${key}: ${show(v)}`);
  return `{ ${parts.join(', ')} }`;
}

/** One log line; `kind` (open, message, error, close, success, fail, warning, call) is kept in data-kind for styling and tests. */
function log(kind, label, value) {
  const item = document.createElement('li');
  item.dataset.kind = kind;
  const time = new Date().toISOString().slice(11, 23);
  item.textContent = `${time} ${label}${value === undefined ? '' : ` ${show(value)}`}`;
  $('log').append(item);
  item.scrollIntoView({ block: 'nearest' });
  updateState();
}

function updateState() {
  $('state').textContent = socketTask ? `task #${socketTask.socketTaskId} ${STATES[socketTask.readyState]}` : 'no socket';
}

function callbacks(api) {
  return {
    success: (res) => log('success', `${api} success`, res),
    fail: (res) => log('fail', `${api} fail`, res),
    complete: (res) => log('call', `${api} complete`, res)
  };
}

async function socketConnect() {
  // As in the seed: if a socket exists, do not create another.
  if (socketTask) return log('call', 'a socket already exists: close it first');
  let api;
  try {
    api = createSocketApi({ profile: $('profile').value, warn: (message) => log('warning', 'warning', message) });
  } catch (error) {
    return log('fail', 'createSocketApi threw', error.message);
  }
  log('call', `${api.profile}.connectSocket`, { url: $('url').value });
  // Alipay gives a task only with multiple: true (otherwise its global functions drive the socket).
  const multiple = api.profile === 'my' ? { multiple: true } : {};
  let task = api.connectSocket({ url: $('url').value, ...multiple, ...callbacks('connectSocket') });
  // The taro profile returns Promise<SocketTask>.
  if (typeof task.then === 'function') {
    try {
      task = await task;
    } catch (result) {
      return log('fail', 'connectSocket rejected', result);
    }
  }
  socketTask = task;
  task.onOpen((res) => log('open', 'onOpen', res));
  task.onMessage((res) => log('message', 'onMessage', res));
  task.onError((res) => log('error', 'onError', res));
  task.onClose((res) => {
    if (socketTask === task) socketTask = undefined;
    log('close', 'onClose', res);
  });
  updateState();
}

function closeSocket() {
  if (!socketTask) return log('call', 'no socket to close');
  const options = { code: Number($('code').value), reason: $('reason').value };
  log('call', 'socketTask.close', options);
  socketTask.close({ ...options, ...callbacks('close') });
}

function sendSocket() {
  if (!socketTask) return log('call', 'no socket: create one first');
  const text = $('message').value;
  const data = $('binary').checked ? new TextEncoder().encode(text).buffer : text;
  log('call', 'socketTask.send', { data });
  socketTask.send({ data, ...callbacks('send') });
}

$('url').value = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/echo`;
$('connect').addEventListener('click', socketConnect);
$('close').addEventListener('click', closeSocket);
$('send').addEventListener('click', sendSocket);
$('clear').addEventListener('click', () => ($('log').textContent = ''));
document.body.dataset.ready = 'true';
