import { EventEmitter } from 'node:events';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AcePermissions } from './aces.js';
import { CommandTable, splitCommandLine, type Command } from './commands.js';
import { SimulatorError } from './errors.js';
import { resolveManifestEntries } from './files.js';
import { HttpHandlers } from './http.js';
import { InternalRuntime } from './internal-runtime.js';
import { JsRuntime } from './js-runtime.js';
import { loadManifest } from './manifest.js';
import { Network } from './network.js';
import { Player } from './player.js';
import { Resource } from './resource.js';
import { errorMessage, Host, type ScriptRuntime, type Side } from './runtime.js';

export interface SimulatorOptions {
  /** Folders searched for resources by name, like FXServer's `resources/` (with `[category]` subfolders). */
  resourceDirs: string[];
  /** Resources at a fixed folder whatever it is called (a checkout of `handset` need not be named so). */
  namedResources?: Record<string, string>;
  /** Searched after `resourceDirs`, like FXServer's system_resources: the simulator's stand-ins live here. */
  systemResourceDirs?: string[];
  /** How long a NUI request waits for its callback's `cb` before failing. */
  nuiCallbackTimeoutMs?: number;
  /** The interval of `setTick` handlers. */
  frameMs?: number;
}

export interface LogEntry {
  resource: string;
  side: Side;
  /** The player whose client printed it; undefined on the server. */
  playerId: number | undefined;
  text: string;
}

export interface ScriptErrorEntry extends LogEntry {
  error: unknown;
}

export interface ConnectOptions {
  name?: string;
  identifiers?: string[];
}

interface ConvarListener {
  id: number;
  resource: string;
  filter: string;
  handler: (name: string, reserved: unknown) => void;
}

/** Server convars; `setr` ones are replicated to clients. */
class Convars {
  private readonly values = new Map<string, { value: string; replicated: boolean }>();
  private readonly listeners: ConvarListener[] = [];
  private nextListener = 1;

  /**
   * As FXServer's server side: a listener (filter `*`-wildcard or exact) hears a change of a convar that already
   * existed; the `set` that creates a convar is heard by nobody.
   */
  set(name: string, value: string, replicated = false): void {
    const existed = this.values.has(name);
    this.values.set(name, { value, replicated });
    if (!existed) return;
    for (const listener of [...this.listeners]) {
      const pattern = new RegExp(`^${listener.filter.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
      if (pattern.test(name)) listener.handler(name, null);
    }
  }

  listen(resource: string, filter: string, handler: ConvarListener['handler']): number {
    const id = this.nextListener++;
    this.listeners.push({ id, resource, filter, handler });
    return id;
  }

  removeListener(id: number): void {
    const at = this.listeners.findIndex((listener) => listener.id === id);
    if (at !== -1) this.listeners.splice(at, 1);
  }

  removeResource(resource: string): void {
    for (const listener of this.listeners.filter((one) => one.resource === resource)) this.removeListener(listener.id);
  }

  get(name: string, side: Side): string | undefined {
    const entry = this.values.get(name);
    return entry && (side === 'server' || entry.replicated) ? entry.value : undefined;
  }
}

/** Counts live `setTick` handlers, so tests can prove a resource does no per-frame work when idle. */
class TickCounter {
  private readonly counts = new Map<string, number>();

  change(resource: string, playerId: number | undefined, delta: number): void {
    const key = `${resource}|${playerId ?? 'server'}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + delta);
  }

  active(resource: string, playerId?: number): number {
    return this.counts.get(`${resource}|${playerId ?? 'server'}`) ?? 0;
  }
}

const configCommands = new Set([
  'endpoint_add_tcp', 'endpoint_add_udp', 'load_server_icon', 'onesync', 'rcon_password',
  'steam_webApiKey', 'sv_licenseKey', 'sv_maxclients', 'sv_hostname', 'sv_projectName', 'sv_projectDesc',
  'sv_enforceGameBuild', 'sv_scriptHookAllowed', 'sv_endpointprivacy', 'sv_master1', 'sv_lan',
]);

const builtinCommands = new Set([
  'ensure', 'start', 'stop', 'restart', 'set', 'sets', 'setr', 'add_ace', 'remove_ace', 'add_principal',
  'remove_principal', 'exec', 'quit',
]);

/**
 * FXServer and its clients in one process: resources from folders, their JS and Lua scripts, events,
 * exports, net events with FXServer's limits, convars, ACEs, commands, players and their NUI pages.
 */
export class Simulator extends EventEmitter {
  readonly options: Required<SimulatorOptions>;
  readonly convars = new Convars();
  readonly aces = new AcePermissions();
  readonly commands = new CommandTable();
  readonly resources = new Map<string, Resource>();
  readonly players = new Map<number, Player>();
  readonly server: Host;
  readonly network: Network;
  /** Resources' `SetHttpHandler` handlers; tests send requests through `http.request`. */
  readonly http = new HttpHandlers();
  readonly ticks = new TickCounter();
  private readonly internal: InternalRuntime;
  private readonly startOrder: string[] = [];
  private readonly starting = new Map<string, Promise<void>>();
  private nextPlayerId = 1;

  constructor(options: SimulatorOptions) {
    super();
    this.options = {
      nuiCallbackTimeoutMs: 10_000,
      frameMs: 16,
      namedResources: {},
      systemResourceDirs: [],
      ...options,
      resourceDirs: [...options.resourceDirs, ...(options.systemResourceDirs ?? [])].map((dir) => path.resolve(dir)),
    };
    this.server = new Host(this, 'server');
    this.internal = new InternalRuntime(this.server);
    this.server.add(this.internal);
    this.network = new Network(this);
  }

  get frameMs(): number {
    return this.options.frameMs;
  }

  log(resource: string, side: Side, text: string, playerId?: number): void {
    this.emit('log', { resource, side, playerId, text } satisfies LogEntry);
  }

  reportScriptError(resource: string, side: Side, what: string, error: unknown): void {
    const stack = (error as { stack?: unknown } | null)?.stack;
    const detail = typeof stack === 'string' ? stack : errorMessage(error);
    const text = `SCRIPT ERROR in ${what}: ${detail}`;
    const entry: ScriptErrorEntry = { resource, side, playerId: undefined, text, error };
    this.log(resource, side, text);
    this.emit('scriptError', entry);
  }

  resourceState(name: string): string {
    const resource = this.resources.get(name);
    if (resource) return resource.state;
    return this.findResourceDir(name) ? 'stopped' : 'missing';
  }

  findResourceDir(name: string): string | undefined {
    const named = this.options.namedResources[name];
    if (named) return path.resolve(named);
    const search = (dir: string): string | undefined => {
      if (!existsSync(dir)) return undefined;
      const direct = path.join(dir, name);
      if (statSync(path.join(direct, 'fxmanifest.lua'), { throwIfNoEntry: false })?.isFile()) return direct;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory() && /^\[.*\]$/.test(entry.name)) {
          const found = search(path.join(dir, entry.name));
          if (found) return found;
        }
      }
      return undefined;
    };
    for (const dir of this.options.resourceDirs) {
      const found = search(dir);
      if (found) return found;
    }
    return undefined;
  }

  /** Starts a resource (and its dependencies) unless it is running. */
  async ensure(name: string): Promise<void> {
    if (this.resources.get(name)?.state === 'started') return;
    const inFlight = this.starting.get(name);
    if (inFlight) return inFlight;
    const start = this.start(name).finally(() => this.starting.delete(name));
    this.starting.set(name, start);
    return start;
  }

  async restart(name: string): Promise<void> {
    await this.stop(name);
    await this.ensure(name);
  }

  private async start(name: string): Promise<void> {
    const dir = this.findResourceDir(name);
    if (!dir) {
      throw new SimulatorError(`resource ${name} was not found in ${this.options.resourceDirs.join(', ') || '(no folders)'}`);
    }
    const manifest = await loadManifest(dir);
    const manifestFile = path.join(dir, 'fxmanifest.lua');
    if (!manifest.fxVersion) throw new SimulatorError(`${manifestFile}: fx_version is missing`);
    for (const dependency of manifest.dependencies) {
      if (dependency.startsWith('/')) continue; // `/server:1234`, `/onesync`: constraints, not resources
      if (!this.findResourceDir(dependency)) {
        throw new SimulatorError(`${manifestFile}: dependency ${dependency} was not found`);
      }
      await this.ensure(dependency);
    }
    const resource = new Resource(name, dir, manifest);
    this.resources.set(name, resource);
    resource.state = 'starting';
    await this.startScripts(resource, this.server, [...manifest.sharedScripts, ...manifest.serverScripts]);
    resource.state = 'started';
    this.startOrder.push(name);
    this.internal.trigger('onResourceStart', [name]);
    this.internal.trigger('onServerResourceStart', [name]);
    for (const player of this.players.values()) await this.startOnClient(resource, player);
    this.log(name, 'server', `Started resource ${name}`);
  }

  private async startOnClient(resource: Resource, player: Player): Promise<void> {
    if (resource.manifest.uiPage) player.nui.openPage(resource.name, resource.manifest.uiPage);
    const { sharedScripts, clientScripts } = resource.manifest;
    await this.startScripts(resource, player.client, [...sharedScripts, ...clientScripts]);
    player.internal.trigger('onClientResourceStart', [resource.name]);
    player.internal.trigger('onResourceStart', [resource.name]);
  }

  /** Loads a resource's scripts for one side: the JS files into one runtime, the Lua files into another. */
  private async startScripts(resource: Resource, host: Host, entries: string[]): Promise<void> {
    const byLanguage = new Map<'js' | 'lua', { path: string; code: string }[]>();
    const { files, unmatched } = await resolveManifestEntries(resource.dir, entries);
    for (const entry of unmatched) {
      this.reportScriptError(resource.name, host.side, `loading ${entry}`, new Error(`no file in ${resource.dir} matches ${entry}`));
    }
    for (const relative of files) {
      const file = path.join(resource.dir, relative);
      const language = relative.endsWith('.lua') ? 'lua' : relative.endsWith('.js') ? 'js' : undefined;
      if (!language) {
        this.reportScriptError(resource.name, host.side, `loading ${relative}`, new Error('not a .js or .lua script'));
        continue;
      }
      const code = await readFile(file, 'utf8');
      const list = byLanguage.get(language) ?? [];
      list.push({ path: file, code });
      byLanguage.set(language, list);
    }
    for (const [language, files] of byLanguage) {
      const runtime: ScriptRuntime =
        language === 'js' ? new JsRuntime(host, resource) : new (await import('./lua-runtime.js')).LuaRuntime(host, resource);
      host.add(runtime);
      await runtime.load(files);
    }
  }

  /** Stops a resource, and first whatever depends on it, as FXServer does. */
  async stop(name: string): Promise<void> {
    const resource = this.resources.get(name);
    if (!resource || resource.state !== 'started') return;
    for (const other of this.resources.values()) {
      if (other.state === 'started' && other.manifest.dependencies.includes(name)) await this.stop(other.name);
    }
    resource.state = 'stopping';
    this.internal.trigger('onResourceStop', [name]);
    this.internal.trigger('onServerResourceStop', [name]);
    for (const player of this.players.values()) {
      player.internal.trigger('onClientResourceStop', [name]);
      player.internal.trigger('onResourceStop', [name]);
      for (const runtime of player.client.remove(name)) runtime.dispose();
      player.commands.removeResource(name);
      player.nui.closePage(name);
    }
    for (const runtime of this.server.remove(name)) runtime.dispose();
    this.http.remove(name);
    this.commands.removeResource(name);
    this.convars.removeResource(name);
    this.startOrder.splice(this.startOrder.indexOf(name), 1);
    resource.state = 'stopped';
    this.log(name, 'server', `Stopping resource ${name}`);
  }

  /**
   * Connects a player as FXServer does: `playerConnecting` (with deferrals), then `playerJoining`, then
   * every started resource's client scripts on their new client.
   */
  async connectPlayer(options: ConnectOptions = {}): Promise<Player> {
    const id = this.nextPlayerId++;
    const name = options.name ?? `Player ${id}`;
    const identifiers = options.identifiers ?? [`license:${id.toString(16).padStart(40, '0')}`, `ip:127.0.0.1`];
    let refusal: string | undefined;
    let deferred = false;
    let release: () => void = () => {};
    const done = new Promise<void>((resolve) => (release = resolve));
    const deferrals = {
      defer: () => void (deferred = true),
      update: () => undefined,
      presentCard: () => undefined,
      handover: () => undefined,
      done: (reason?: unknown) => {
        if (typeof reason === 'string' && reason) refusal = reason;
        release();
      },
    };
    const setKickReason = (reason: unknown) => void (refusal = String(reason));
    // FXServer raises player lifecycle events from an `internal-net:<id>` source: `source` is the player, no net-safety check.
    this.internal.trigger('playerConnecting', [name, setKickReason, deferrals], `internal-net:${id}`);
    if (deferred) await done;
    if (refusal !== undefined) throw new Error(`${name} was refused: ${refusal}`);
    const player = new Player(this, id, name, identifiers);
    this.players.set(id, player);
    this.internal.trigger('playerJoining', [String(id)], `internal-net:${id}`);
    for (const resourceName of this.startOrder) await this.startOnClient(this.resources.get(resourceName)!, player);
    this.emit('playerConnected', player);
    return player;
  }

  async dropPlayer(id: number, reason = 'Disconnected.'): Promise<void> {
    const player = this.players.get(id);
    if (!player) return;
    this.internal.trigger('playerDropped', [reason], `internal-net:${id}`);
    for (const name of [...this.startOrder].reverse()) {
      for (const runtime of player.client.remove(name)) runtime.dispose();
      player.nui.closePage(name);
    }
    this.players.delete(id);
    this.network.forget(id);
    this.log('_cfx_internal', 'server', `Dropped ${player.name} (${id}): ${reason}`);
    this.emit('playerDropped', { id, reason });
  }

  /** Runs a console or script command; `source` is 0 for the server console, else the player id. */
  executeCommand(line: string, source: number): void {
    this.runCommand(line, source).catch((error: unknown) => this.log('_cfx_internal', 'server', errorMessage(error)));
  }

  /** Runs a server.cfg-style file; any problem is reported as `file:line: what`. */
  async exec(file: string): Promise<void> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new SimulatorError(`${file}: cannot read this config file`);
    }
    const lines = text.split(/\r?\n/);
    for (const [index, raw] of lines.entries()) {
      const line = raw.replace(/(^|\s)(#|\/\/).*$/, '').trim();
      if (!line) continue;
      try {
        await this.runCommand(line, 0, path.dirname(file));
      } catch (error) {
        throw new SimulatorError(`${file}:${index + 1}: ${errorMessage(error).replace(/^.*?: (?=.*:\d+: )/, '')}`);
      }
    }
  }

  private async runCommand(line: string, source: number, cfgDir = process.cwd()): Promise<void> {
    const [name = '', ...args] = splitCommandLine(line);
    const need = (count: number, usage: string) => {
      if (args.length < count) throw new Error(`usage: ${usage}`);
    };
    const fromConsole = source === 0;
    const builtin = async (): Promise<void> => {
      switch (name) {
        case 'ensure':
        case 'start':
          need(1, `${name} <resource>`);
          await this.ensure(args[0]!);
          return;
        case 'stop':
          need(1, 'stop <resource>');
          await this.stop(args[0]!);
          return;
        case 'restart':
          need(1, 'restart <resource>');
          await this.restart(args[0]!);
          return;
        case 'set':
        case 'sets':
        case 'setr':
          need(2, `${name} <convar> <value>`);
          this.convars.set(args[0]!, args.slice(1).join(' '), name === 'setr');
          return;
        case 'add_ace':
          need(3, 'add_ace <principal> <object> <allow|deny>');
          if (args[2] !== 'allow' && args[2] !== 'deny') throw new Error(`add_ace takes allow or deny, not "${args[2]}"`);
          this.aces.addAce(args[0]!, args[1]!, args[2]);
          return;
        case 'remove_ace':
          need(2, 'remove_ace <principal> <object>');
          this.aces.removeAce(args[0]!, args[1]!);
          return;
        case 'add_principal':
          need(2, 'add_principal <child> <parent>');
          this.aces.addPrincipal(args[0]!, args[1]!);
          return;
        case 'remove_principal':
          need(2, 'remove_principal <child> <parent>');
          this.aces.removePrincipal(args[0]!, args[1]!);
          return;
        case 'exec':
          need(1, 'exec <file>');
          await this.exec(path.resolve(cfgDir, args[0]!));
          return;
        case 'quit':
          this.emit('quit', args.join(' '));
          return;
        default:
          // FXServer settings such as sv_hostname: kept as convars.
          if (args.length) this.convars.set(name, args.join(' '));
      }
    };
    const command = this.commands.get(name);
    if (command) {
      if (command.restricted && !fromConsole && !this.aces.isAllowed(this.players.get(source)?.principals() ?? [], `command.${name}`)) {
        throw new Error(`access denied for command ${name}`);
      }
      this.runHandler(command, source, args, line);
      return;
    }
    if (!builtinCommands.has(name) && !configCommands.has(name)) throw new Error(`unknown command "${name}"`);
    // Every built-in console command is privileged: a player needs the `command.<name>` ACE, as in FXServer.
    if (!fromConsole && !this.aces.isAllowed(this.players.get(source)?.principals() ?? [], `command.${name}`)) {
      throw new Error(`access denied for command ${name}`);
    }
    await builtin();
  }

  /** Calls a command handler as the owning resource would see it. */
  runHandler(command: Command, source: number, args: string[], raw: string, playerId?: number): void {
    const host = playerId === undefined ? this.server : this.players.get(playerId)?.client;
    const runtime = host?.runtimesOf(command.resource)[0];
    const call = () => command.handler(source, args, raw);
    if (runtime) runtime.guard(`command ${raw}`, () => runtime.withInvoking(null, call));
    else call();
  }

  /** Stops every resource (last started first) and drops every player. */
  async shutdown(): Promise<void> {
    for (const id of [...this.players.keys()]) await this.dropPlayer(id, 'Server shutting down.');
    for (const name of [...this.startOrder].reverse()) await this.stop(name);
  }
}
