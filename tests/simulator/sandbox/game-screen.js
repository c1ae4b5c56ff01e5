// One player's game screen: their NUI pages stacked in iframes as CEF stacks them, fed by one ordered event stream.
const playerId = document.currentScript.dataset.player;
const game = document.getElementById('game');
const hud = document.getElementById('hud');
const layer = document.getElementById('nui');

/** resource → { iframe, loaded, queue } */
const frames = new Map();
let focus = { resource: null, hasFocus: false, hasCursor: false };
let keyMappings = [];
let dropped = false;

// The keyboard mapper's key names (RegisterKeyMapping 'keyboard'), by KeyboardEvent.code.
const keyNames = {
  Escape: 'ESCAPE', Enter: 'RETURN', NumpadEnter: 'NUMPADENTER', Space: 'SPACE', Tab: 'TAB', Backspace: 'BACK',
  ArrowUp: 'UP', ArrowDown: 'DOWN', ArrowLeft: 'LEFT', ArrowRight: 'RIGHT',
  ShiftLeft: 'LSHIFT', ShiftRight: 'RSHIFT', ControlLeft: 'LCONTROL', ControlRight: 'RCONTROL', AltLeft: 'LMENU', AltRight: 'RMENU',
  CapsLock: 'CAPITAL', Home: 'HOME', End: 'END', PageUp: 'PAGEUP', PageDown: 'PAGEDOWN', Insert: 'INSERT', Delete: 'DELETE',
  Backquote: 'GRAVE', Minus: 'MINUS', Equal: 'EQUALS', BracketLeft: 'LBRACKET', BracketRight: 'RBRACKET', Backslash: 'BACKSLASH',
  Semicolon: 'SEMICOLON', Quote: 'APOSTROPHE', Comma: 'COMMA', Period: 'PERIOD', Slash: 'SLASH',
  NumpadAdd: 'ADD', NumpadSubtract: 'SUBTRACT', NumpadMultiply: 'MULTIPLY', NumpadDivide: 'DIVIDE', NumpadDecimal: 'DECIMAL',
};

function keyName(code) {
  if (/^Key[A-Z]$/.test(code)) return code.slice(3);
  if (/^Digit\d$/.test(code)) return code.slice(5);
  if (/^Numpad\d$/.test(code)) return `NUMPAD${code.slice(6)}`;
  if (/^F\d{1,2}$/.test(code)) return code;
  return keyNames[code];
}

function renderHud() {
  const keys = keyMappings.map((m) => `${m.key} ${m.description || m.command} (${m.resource})`).join(' · ') || 'no keys mapped';
  const state = dropped ? 'this player has dropped' : `${keys} · NUI focus: ${focus.resource ?? 'none'}`;
  hud.replaceChildren(Object.assign(document.createElement('a'), { href: '/', textContent: 'players' }), ` · ${state}`);
}

// Pointer events reach only the page holding NUI focus with a cursor; the keyboard only the page holding focus.
function applyFocus() {
  for (const [resource, frame] of frames) {
    frame.iframe.classList.toggle('interactive', focus.resource === resource && focus.hasCursor);
  }
  const focused = focus.hasFocus ? frames.get(focus.resource) : undefined;
  if (focused) focused.iframe.focus();
  else game.focus();
  renderHud();
}

function addPage({ resource, src }) {
  const iframe = document.createElement('iframe');
  iframe.title = resource;
  iframe.dataset.resource = resource;
  iframe.src = src;
  const frame = { iframe, loaded: false, queue: [] };
  // CEF delivers NUI messages to a loaded page; the ones sent while it loads wait here, in order.
  iframe.addEventListener('load', () => {
    frame.loaded = true;
    for (const data of frame.queue.splice(0)) iframe.contentWindow.postMessage(data, '*');
  });
  frames.set(resource, frame);
  layer.append(iframe);
  applyFocus();
}

function removePage(resource) {
  frames.get(resource)?.iframe.remove();
  frames.delete(resource);
  applyFocus();
}

const events = new EventSource(`/events/${playerId}`);
const on = (name, handle) => events.addEventListener(name, (event) => handle(JSON.parse(event.data)));
on('reset', () => {
  for (const resource of [...frames.keys()]) removePage(resource);
});
on('page', addPage);
on('pageClosed', ({ resource }) => removePage(resource));
on('focus', (next) => {
  focus = next;
  applyFocus();
});
on('keys', (mappings) => {
  keyMappings = mappings;
  renderHud();
});
on('nuiMessage', ({ resource, data }) => {
  const frame = frames.get(resource);
  if (!frame) return;
  if (frame.loaded) frame.iframe.contentWindow.postMessage(data, '*');
  else frame.queue.push(data);
});
on('dropped', () => {
  dropped = true;
  events.close();
  renderHud();
});

// Without NUI focus, keys belong to the game: a mapped key runs its command, as RegisterKeyMapping does.
window.addEventListener('keydown', (event) => {
  const key = keyName(event.code);
  if (focus.hasFocus || dropped || event.repeat || !key) return;
  if (keyMappings.some((m) => m.key === key)) event.preventDefault();
  void fetch(`/player/${playerId}/key`, { method: 'POST', body: key });
});

renderHud();
game.focus();
