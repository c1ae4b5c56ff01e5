import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { resolveManifestEntries } from '../files.js';
import { NuiRequestError, type NuiPage } from '../nui.js';
import type { Player } from '../player.js';
import type { Resource } from '../resource.js';
import { errorMessage } from '../runtime.js';
import type { Simulator } from '../simulator.js';

export interface SandboxServerOptions {
  /** 0 picks a free port. */
  port: number;
}

export interface SandboxServer {
  /** The player list, e.g. `http://localhost:30120/`. */
  url: string;
  /** Ends every open page's event stream and stops listening. */
  close(): Promise<void>;
}

/** A request the sandbox answers with a status and one line of text. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** An open Server-Sent Events stream: the player list's (playerId undefined) or one player's game screen's. */
interface Stream {
  playerId: number | undefined;
  send(event: string, data: unknown): void;
  end(): void;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.wasm': 'application/wasm',
};

// A NUI callback body is a JSON document; this only stops a runaway page from filling memory.
const maxBodyBytes = 8 * 1024 * 1024;

const gameScreenScript = new URL('./game-screen.js', import.meta.url);

/**
 * The sandbox's stand-in for the game's `cfx-nui-<resource>` origin, one per resource and player:
 * `cfx-nui-<resource>.p<player id>.localhost[:port]`. Browsers resolve every `*.localhost` name to loopback.
 */
const nuiHost = /^cfx-nui-(.+)\.p(\d+)\.localhost(?::\d+)?$/i;

/** Where a NUI page on its own origin posts the `https://<resource>/<name>` requests the shim reroutes. */
const callbackPath = '__nui_callback';

/**
 * Serves the sandbox: the player list and each player's game screen on `localhost`, with their resources'
 * NUI pages stacked in iframes, each resource's files (only the ones its manifest lists) and NUI callbacks
 * on that resource's own origin, as the game serves them.
 */
export async function startSandboxServer(sim: Simulator, options: SandboxServerOptions): Promise<SandboxServer> {
  const streams = new Set<Stream>();
  const refreshPlayerList = () => {
    for (const stream of streams) if (stream.playerId === undefined) stream.send('players', {});
  };
  // The list shows each player's number once Handset has loaded their phone.
  const onPhonePageMessage = (message: unknown) => {
    if (isPhoneState(message)) refreshPlayerList();
  };
  const watchPhonePage = (page: NuiPage) => {
    if (page.resource === 'handset') page.on('message', onPhonePageMessage);
  };
  const watchPlayer = (player: Player) => {
    player.nui.pages.forEach(watchPhonePage);
    player.nui.on('page', watchPhonePage);
  };
  sim.players.forEach(watchPlayer);

  const onPlayerConnected = (player: Player) => {
    watchPlayer(player);
    refreshPlayerList();
  };
  const onPlayerDropped = ({ id }: { id: number }) => {
    for (const stream of streams) {
      if (stream.playerId === undefined) stream.send('players', {});
      if (stream.playerId === id) {
        stream.send('dropped', {});
        stream.end();
      }
    }
  };
  sim.on('playerConnected', onPlayerConnected);
  sim.on('playerDropped', onPlayerDropped);

  const nuiOrigin = (playerId: number, resource: string) =>
    `http://cfx-nui-${resource.toLowerCase()}.p${playerId}.localhost:${(server.address() as AddressInfo).port}`;

  const playerOf = (id: string): Player => {
    const player = /^\d+$/.test(id) ? sim.players.get(Number(id)) : undefined;
    if (!player) throw new HttpError(404, `no player ${id} is connected`);
    return player;
  };

  const openStream = (res: ServerResponse, playerId: number | undefined): Stream => {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
    const stream: Stream = {
      playerId,
      send: (event, data) => void res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
      end: () => res.end(),
    };
    streams.add(stream);
    res.on('close', () => streams.delete(stream));
    return stream;
  };

  /** One ordered stream per game screen: its pages, NUI focus, key mappings and every NUI message. */
  const streamGameScreen = (res: ServerResponse, player: Player) => {
    const stream = openStream(res, player.id);
    const layer = player.nui;
    const watched = new Map<NuiPage, (data: unknown) => void>();
    const sendKeys = () => stream.send('keys', player.keyMappings.all());
    const onPage = (page: NuiPage) => {
      const onMessage = (data: unknown) => stream.send('nuiMessage', { resource: page.resource, data });
      page.on('message', onMessage);
      watched.set(page, onMessage);
      const file = page.uiPage.replace(/^\.\//, '').split('/').map(encodeURIComponent).join('/');
      stream.send('page', { resource: page.resource, src: `${nuiOrigin(player.id, page.resource)}/${file}` });
      sendKeys();
    };
    const onPageClosed = (resource: string) => {
      for (const page of watched.keys()) if (page.resource === resource) watched.delete(page);
      stream.send('pageClosed', { resource });
      sendKeys();
    };
    const onFocus = (focus: unknown) => stream.send('focus', focus);
    stream.send('reset', {});
    for (const page of layer.pages.values()) onPage(page);
    onFocus({ ...layer.focus });
    layer.on('page', onPage);
    layer.on('pageClosed', onPageClosed);
    layer.on('focus', onFocus);
    res.on('close', () => {
      layer.off('page', onPage);
      layer.off('pageClosed', onPageClosed);
      layer.off('focus', onFocus);
      for (const [page, onMessage] of watched) page.off('message', onMessage);
    });
  };

  /** URL parsing lowercases host names, so the resource in a NUI host is matched without regard to case, as the game does. */
  const runningResource = (hostName: string, player: Player): Resource => {
    const resource = [...sim.resources.values()].find((candidate) => candidate.name.toLowerCase() === hostName.toLowerCase());
    if (!resource || resource.state !== 'started') {
      throw new HttpError(404, `resource ${hostName} is not running on player ${player.id}'s client`);
    }
    return resource;
  };

  /** FiveM serves a started resource's files to NUI only if its manifest lists them (`ui_page`, `files`). */
  const serveNuiFile = async (req: IncomingMessage, res: ServerResponse, player: Player, resource: Resource, file: string) => {
    const requester = requesterOrigin(req);
    const requesterPlayer = requester === undefined ? undefined : nuiHost.exec(new URL(requester).host)?.[2];
    if (requesterPlayer !== undefined && Number(requesterPlayer) !== player.id) {
      throw new HttpError(403, `refused: player ${requesterPlayer}'s pages may not load player ${player.id}'s NUI files`);
    }
    if (file.split('/').includes('..')) throw new HttpError(403, `refused: ${file} leaves the resource folder`);
    const { uiPage, files } = resource.manifest;
    const listed = await resolveManifestEntries(resource.dir, [...(uiPage === undefined ? [] : [uiPage]), ...files]);
    if (!listed.files.includes(file)) {
      throw new HttpError(404, `${file} is not listed in ${resource.name}'s fxmanifest.lua (ui_page or files)`);
    }
    const contentType = contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const body = await readFile(path.join(resource.dir, file));
    const served = contentType.startsWith('text/html') ? injectNuiShim(body.toString('utf8'), resource.name) : body;
    // As the game serves NUI files: an app's sandboxed (opaque-origin) frame loads its module scripts with CORS.
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store', 'access-control-allow-origin': '*' });
    res.end(served);
  };

  /**
   * A page's `https://<resource>/<name>` request, rerouted by the shim to its own origin, so the origin names the
   * calling resource. Through the layer rather than a `NuiPage`: a frame the phone embeds may belong to a resource
   * with no `ui_page`.
   */
  const nuiCallback = async (req: IncomingMessage, res: ServerResponse, player: Player, fromResource: Resource, url: string) => {
    // The game answers every NUI callback with these, so a sandboxed (opaque-origin) frame can read the answer too.
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-methods', 'POST, GET, OPTIONS');
    // A sandboxed frame has no origin to speak for: apps reach the phone through their port, never a callback.
    if (req.headers.origin === 'null') {
      throw new HttpError(403, `refused: a sandboxed frame (origin null) may not send ${fromResource.name}'s NUI callbacks`);
    }
    // Any page can post to any address; only the resource's own pages may speak for it.
    const requester = requesterOrigin(req);
    if (requester !== undefined && requester !== new URL(`http://${req.headers.host}`).origin) {
      throw new HttpError(403, `refused: a page on ${requester} may not send ${fromResource.name}'s NUI callbacks`);
    }
    const body = await readBody(req);
    try {
      sendJson(res, await player.nui.callback(fromResource.name, url, body));
    } catch (error) {
      // The game fails such a request outright; here the page also gets the reason, to show in its console.
      if (error instanceof NuiRequestError) throw new HttpError(404, error.message);
      throw error;
    }
  };

  /** A resource's own origin serves its listed files and takes its pages' NUI callbacks; nothing else. */
  const routeNuiOrigin = async (req: IncomingMessage, res: ServerResponse, host: string, segments: string[]) => {
    const match = nuiHost.exec(host);
    if (!match) throw new HttpError(404, `${host} is not a NUI origin: expected cfx-nui-<resource>.p<player id>.localhost`);
    const player = playerOf(match[2]!);
    const resource = runningResource(match[1]!, player);
    const method = req.method ?? 'GET';
    if (method === 'POST' && segments[0] === callbackPath && segments.length === 2) {
      return nuiCallback(req, res, player, resource, segments[1]!);
    }
    if (method === 'GET') return serveNuiFile(req, res, player, resource, segments.join('/'));
    throw new HttpError(404, `nothing at ${method} /${segments.join('/')} on ${host}`);
  };

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const { pathname } = new URL(req.url ?? '/', 'http://sandbox');
    let segments: string[];
    try {
      segments = pathname.slice(1).split('/').map(decodeURIComponent);
    } catch {
      throw new HttpError(400, `malformed address ${pathname}`);
    }
    const host = req.headers.host ?? '';
    if (/^cfx-nui-/i.test(host)) return routeNuiOrigin(req, res, host, segments);
    const [first = '', id = '', ...rest] = segments;
    const method = req.method ?? 'GET';
    const is = (expectedMethod: string, name: string, length: number) =>
      method === expectedMethod && first === name && segments.length === length;

    if (is('GET', '', 1)) return sendHtml(res, playerListPage(sim));
    if (is('GET', 'game-screen.js', 1)) {
      res.writeHead(200, { 'content-type': contentTypes['.js']!, 'cache-control': 'no-store' });
      return res.end(await readFile(gameScreenScript));
    }
    if (is('GET', 'events', 1)) return void openStream(res, undefined);
    if (is('POST', 'players', 1)) {
      await sim.connectPlayer();
      return redirect(res, '/');
    }
    if (is('POST', 'player', 3) && rest[0] === 'drop') {
      await sim.dropPlayer(playerOf(id).id);
      return redirect(res, '/');
    }
    if (is('GET', 'player', 2)) return sendHtml(res, gameScreenPage(playerOf(id)));
    if (is('POST', 'player', 3) && rest[0] === 'key') {
      const player = playerOf(id);
      const key = (await readBody(req)).trim();
      return sendJson(res, { key, mapped: player.pressKey(key) });
    }
    if (is('GET', 'events', 2)) return streamGameScreen(res, playerOf(id));
    throw new HttpError(404, `nothing at ${method} ${pathname}`);
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      const status = error instanceof HttpError ? error.status : 500;
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`${errorMessage(error)}\n`);
    });
  });
  // Loopback only: the sandbox runs scripts on request and has no authentication.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://localhost:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        sim.off('playerConnected', onPlayerConnected);
        sim.off('playerDropped', onPlayerDropped);
        for (const player of sim.players.values()) {
          player.nui.off('page', watchPhonePage);
          player.nui.pages.get('handset')?.off('message', onPhonePageMessage);
        }
        server.close((error) => (error ? reject(error) : resolve()));
        // Event streams never end on their own; close() would wait for them forever.
        server.closeAllConnections();
      }),
  };
}

/**
 * The origin of the page that sent a request, when its browser tells: `Origin`, else `Referer`. Undefined when no
 * page sent it (a script, a test) or the browser does not say (a sandboxed frame sends `Origin: null`, no `Referer`).
 */
function requesterOrigin(req: IncomingMessage): string | undefined {
  const { origin, referer } = req.headers;
  const sender = origin !== undefined && origin !== 'null' ? origin : referer;
  if (sender === undefined) return undefined;
  try {
    return new URL(sender).origin;
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(new HttpError(413, `request body over ${maxBodyBytes} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

function sendJson(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(value ?? null));
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location });
  res.end();
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** JSON that is safe inside an inline `<script>`. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * What the game's browser gives every NUI page, injected before the page's own scripts run:
 * `GetParentResourceName()`, and `fetch`/`XMLHttpRequest` to `https://<resource>/<name>` routed to NUI callbacks.
 */
function injectNuiShim(html: string, resource: string): string {
  const shim = `<script>(() => {
  const resource = ${scriptJson(resource)};
  // The page's own origin names its resource and player; a <base> element must not send callbacks elsewhere.
  const callbackBase = new URL(${scriptJson(`/${callbackPath}/`)}, location.href).href;
  // The game routes https://<resource name>/… to NUI callbacks; a host with a dot or a port is the real internet.
  const callbackAddress = (url) => {
    let parsed;
    try { parsed = new URL(url, location.href); } catch { return undefined; }
    const resourceHost = !parsed.hostname.includes('.') && parsed.port === '';
    return parsed.protocol === 'https:' && resourceHost ? callbackBase + encodeURIComponent(parsed.href) : undefined;
  };
  window.GetParentResourceName = () => resource;
  const nativeFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const target = callbackAddress(input instanceof Request ? input.url : String(input));
    if (target === undefined) return nativeFetch(input, init);
    const body = init && init.body != null ? init.body : input instanceof Request ? await input.text() : '';
    return nativeFetch(target, { method: 'POST', body });
  };
  const nativeOpen = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    const target = callbackAddress(String(url));
    return target === undefined ? nativeOpen.call(this, method, url, ...rest) : nativeOpen.call(this, 'POST', target, ...rest);
  };
})();</script>`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + shim + html.slice(head.index + head[0].length);
  // No <head>: the parser makes one around the first script, so after the doctype is the same place.
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  const at = doctype ? doctype[0].length : 0;
  return html.slice(0, at) + shim + html.slice(at);
}

const styles = `
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.5 system-ui, sans-serif; }
`;

/** Handset's `phone:state` NUI message: the player's phone as the shell shows it, or null without a character. */
function isPhoneState(message: unknown): message is { type: 'phone:state'; state: { number: string } | null } {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'phone:state';
}

/** The number Handset last showed on the player's phone, if it has loaded one. */
function phoneNumberOf(player: Player): string | null {
  const states = (player.nui.pages.get('handset')?.messages ?? []).filter(isPhoneState);
  return states.at(-1)?.state?.number ?? null;
}

function playerListPage(sim: Simulator): string {
  const rows = [...sim.players.values()]
    .map(
      (player) => `<li>
        <a href="/player/${player.id}">${escapeHtml(player.name)}</a> <span class="id">#${player.id}</span>
        <span class="number">${escapeHtml(phoneNumberOf(player) ?? 'no phone yet')}</span>
        <form method="post" action="/player/${player.id}/drop"><button>Drop</button></form>
      </li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Handset sandbox</title>
  <style>${styles}
    body { background: #f4f5f7; color: #1c1c1e; }
    main { max-width: 560px; margin: 64px auto; padding: 0 24px; }
    ul { list-style: none; padding: 0; }
    li { display: flex; align-items: center; gap: 8px; padding: 10px 14px; margin-bottom: 8px; background: #fff; border-radius: 10px; }
    li a { font-weight: 600; color: #2c5cc5; text-decoration: none; }
    .id { color: #888; }
    .number { color: #555; flex: 1; font-variant-numeric: tabular-nums; }
    form { margin: 0; }
    button { font: inherit; padding: 4px 14px; border: 1px solid #ccc; border-radius: 8px; background: #fff; cursor: pointer; }
    .connect { background: #2c5cc5; color: #fff; border-color: #2c5cc5; }
  </style>
</head>
<body>
  <main>
    <h1>Handset sandbox</h1>
    <ul>${rows || '<li>No players connected.</li>'}</ul>
    <form method="post" action="/players"><button class="connect">Connect a player</button></form>
  </main>
  <script>new EventSource('/events').addEventListener('players', () => location.reload());</script>
</body>
</html>`;
}

function gameScreenPage(player: Player): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(player.name)} — Handset sandbox</title>
  <style>${styles}
    html, body { height: 100%; overflow: hidden; }
    #game {
      position: fixed; inset: 0; outline: none;
      background:
        radial-gradient(ellipse 120% 45% at 50% 100%, #1d2b1f 0%, #1d2b1f 55%, transparent 56%),
        linear-gradient(180deg, #14213d 0%, #3d3b6e 38%, #b5648a 68%, #f4a261 100%);
    }
    #hud {
      position: fixed; left: 16px; bottom: 12px; margin: 0;
      font: 12px/1.4 ui-monospace, monospace; color: #fff; text-shadow: 0 1px 2px #000a;
    }
    #hud a { color: inherit; }
    #nui iframe { position: fixed; inset: 0; width: 100%; height: 100%; border: 0; background: transparent; pointer-events: none; }
    #nui iframe.interactive { pointer-events: auto; }
  </style>
</head>
<body>
  <div id="game" tabindex="-1"></div>
  <p id="hud"></p>
  <div id="nui"></div>
  <script src="/game-screen.js" data-player="${player.id}"></script>
</body>
</html>`;
}
