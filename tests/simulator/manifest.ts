import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LuaFactory } from 'wasmoon';
import { SimulatorError } from './errors.js';

export interface ResourceManifest {
  /** Absolute path of the resource folder. */
  path: string;
  fxVersion: string | undefined;
  games: string[];
  serverScripts: string[];
  clientScripts: string[];
  sharedScripts: string[];
  files: string[];
  uiPage: string | undefined;
  dependencies: string[];
  /** Every entry by its singular key, in the order written (raw, globs unresolved). */
  metadata: Map<string, string[]>;
}

let factory: LuaFactory | undefined;
/** One wasm module serves every Lua VM the simulator creates. */
export function luaFactory(): LuaFactory {
  factory ??= new LuaFactory();
  return factory;
}

const pluralKeys: Record<string, string> = { dependencies: 'dependency', files: 'file' };

function singular(key: string): string {
  if (pluralKeys[key]) return pluralKeys[key];
  return key.endsWith('s') ? key.slice(0, -1) : key;
}

// FXServer runs the manifest with an environment where every unknown global is an entry-recording function.
const manifestPrelude = `
local record = ...
setmetatable(_ENV, { __index = function(_, key)
  local function entry(value)
    if type(value) == 'table' then
      for _, item in ipairs(value) do record(key, true, tostring(item)) end
    elseif value ~= nil then
      record(key, false, tostring(value))
    end
    return entry
  end
  return entry
end })
`;

/** Runs `fxmanifest.lua` in a real Lua 5.4 VM, as FXServer does, and returns its entries. */
export async function loadManifest(resourceDir: string): Promise<ResourceManifest> {
  const file = path.join(resourceDir, 'fxmanifest.lua');
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch {
    throw new SimulatorError(`${file}: no fxmanifest.lua in this resource folder`);
  }
  const metadata = new Map<string, string[]>();
  const lua = await luaFactory().createEngine({ injectObjects: false });
  try {
    lua.global.loadString(manifestPrelude, '=prelude');
    lua.global.pushValue((key: string, plural: boolean, value: string) => {
      const name = plural ? singular(key) : key;
      const list = metadata.get(name) ?? [];
      list.push(value);
      metadata.set(name, list);
    });
    lua.global.runSync(1);
    lua.global.setTop(0);
    try {
      lua.global.loadString(source, `@${file}`);
      lua.global.runSync();
    } catch (error) {
      throw new SimulatorError(luaErrorLine(error, file));
    }
  } finally {
    lua.global.close();
  }
  const all = (key: string) => metadata.get(key) ?? [];
  return {
    path: resourceDir,
    fxVersion: all('fx_version')[0],
    games: all('game'),
    serverScripts: all('server_script'),
    clientScripts: all('client_script'),
    sharedScripts: all('shared_script'),
    files: all('file'),
    uiPage: all('ui_page')[0],
    dependencies: all('dependency'),
    metadata,
  };
}

/** Lua errors carry `file:line: message`; keep that, on one line. */
export function luaErrorLine(error: unknown, file: string): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  return message.includes(file) ? message : `${file}: ${message}`;
}
