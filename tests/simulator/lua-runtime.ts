import path from 'node:path';
import type { LuaEngine } from 'wasmoon';
import { luaFactory } from './manifest.js';
import { createNatives } from './natives.js';
import { errorMessage, refCallable, ScriptRuntime } from './runtime.js';

/**
 * CfxLua's scheduler, events, exports, function references and msgpack, written in Lua and run first in
 * every Lua state. Values leave the VM only as msgpack, hex-encoded because wasmoon decodes Lua strings as
 * UTF-8. Every host function answers `r<result>` or `e<error message>`.
 */
const scheduler = String.raw`
local host = ...
local isServer = host.side == 'server'
local REF, ASYNC = '__cfx_functionReference', '__cfx_async_retval'

local toHex, fromHex = {}, {}
for i = 0, 255 do
  local c, h = string.char(i), ('%02x'):format(i)
  toHex[c], fromHex[h] = h, c
end

-- Raises a host function's error at the script line that called the global, or returns its result.
local function answer(reply)
  if reply:byte(1) == 101 then error(reply:sub(2), 3) end
  return reply:sub(2)
end

-- msgpack, as CfxLua configures it: arrays without holes (an empty table is an array), ext 10 = funcref
local refs, refIds, nextRefId = {}, {}, 0
local funcref_mt

local function refName(fn)
  local id = refIds[fn]
  if not id then
    nextRefId = nextRefId + 1
    id = nextRefId
    refs[id], refIds[fn] = fn, id
  end
  -- Lua-owned references take negative indices so the runtime can route their calls into this VM.
  return host.refPrefix .. -id
end

local function header(buf, n, fix, fixLimit, c8, c16, c32)
  if fix and n < fixLimit then buf[#buf + 1] = string.char(fix + n)
  elseif c8 and n < 0x100 then buf[#buf + 1] = string.pack('>BB', c8, n)
  elseif n < 0x10000 then buf[#buf + 1] = string.pack('>BI2', c16, n)
  else buf[#buf + 1] = string.pack('>BI4', c32, n) end
end

local function packInteger(buf, n)
  if n >= 0 then
    if n < 0x80 then buf[#buf + 1] = string.char(n)
    elseif n < 0x100 then buf[#buf + 1] = string.pack('>BI1', 0xcc, n)
    elseif n < 0x10000 then buf[#buf + 1] = string.pack('>BI2', 0xcd, n)
    elseif n < 0x100000000 then buf[#buf + 1] = string.pack('>BI4', 0xce, n)
    else buf[#buf + 1] = string.pack('>Bi8', 0xcf, n) end
  elseif n >= -32 then buf[#buf + 1] = string.pack('>b', n)
  elseif n >= -0x80 then buf[#buf + 1] = string.pack('>Bi1', 0xd0, n)
  elseif n >= -0x8000 then buf[#buf + 1] = string.pack('>Bi2', 0xd1, n)
  elseif n >= -0x80000000 then buf[#buf + 1] = string.pack('>Bi4', 0xd2, n)
  else buf[#buf + 1] = string.pack('>Bi8', 0xd3, n) end
end

local function arrayLength(t)
  local count, max = 0, 0
  for k in next, t do
    if math.type(k) ~= 'integer' or k < 1 then return nil end
    count = count + 1
    if k > max then max = k end
  end
  if count == max then return max end
end

local function pack(buf, v, depth)
  local kind = type(v)
  if depth > 64 then error('value nested too deeply to serialize (circular reference?)', 0) end
  if v == nil then buf[#buf + 1] = '\xc0'
  elseif kind == 'boolean' then buf[#buf + 1] = v and '\xc3' or '\xc2'
  elseif math.type(v) == 'integer' then packInteger(buf, v)
  elseif kind == 'number' then buf[#buf + 1] = string.pack('>Bd', 0xcb, v)
  elseif kind == 'string' then
    header(buf, #v, 0xa0, 32, 0xd9, 0xda, 0xdb)
    buf[#buf + 1] = v
  elseif kind == 'function' or (kind == 'table' and rawget(v, REF)) then
    local name = kind == 'function' and refName(v) or rawget(v, REF)
    header(buf, #name, nil, 0, 0xc7, 0xc8, 0xc9)
    buf[#buf + 1] = '\x0a' .. name
  elseif kind == 'table' then
    local n = arrayLength(v)
    if n then
      header(buf, n, 0x90, 16, nil, 0xdc, 0xdd)
      for i = 1, n do pack(buf, v[i], depth + 1) end
    else
      local count = 0
      for _ in next, v do count = count + 1 end
      header(buf, count, 0x80, 16, nil, 0xde, 0xdf)
      for k, item in next, v do
        pack(buf, k, depth + 1)
        pack(buf, item, depth + 1)
      end
    end
  else
    buf[#buf + 1] = '\xc0'
  end
end

local function packHex(v)
  local buf = {}
  pack(buf, v, 0)
  return (table.concat(buf):gsub('.', toHex))
end

-- Packs an argument list as an array, keeping nils (also trailing ones).
local function packArgs(...)
  local args, buf = table.pack(...), {}
  header(buf, args.n, 0x90, 16, nil, 0xdc, 0xdd)
  for i = 1, args.n do pack(buf, args[i], 1) end
  return (table.concat(buf):gsub('.', toHex))
end

local unpack
local function readArray(s, pos, n)
  local t = {}
  for i = 1, n do t[i], pos = unpack(s, pos) end
  return t, pos, n
end

local function readMap(s, pos, n)
  local t = {}
  for _ = 1, n do
    local k, v
    k, pos = unpack(s, pos)
    v, pos = unpack(s, pos)
    if k ~= nil then t[k] = v end
  end
  return t, pos
end

local function readBytes(s, pos, n)
  return s:sub(pos, pos + n - 1), pos + n
end

local function readExt(s, pos, n)
  local kind = s:byte(pos)
  if kind ~= 10 then error(('msgpack: unsupported extension type %d'):format(kind), 0) end
  local name, after = readBytes(s, pos + 1, n)
  host.hold(name)
  return setmetatable({ [REF] = name }, funcref_mt), after
end

local decoders = {}
local function scalar(format) return function(s, pos) return string.unpack(format, s, pos) end end
local function sized(format, read)
  return function(s, pos)
    local n, after = string.unpack(format, s, pos)
    return read(s, after, n)
  end
end
for i, size in ipairs({ '>I1', '>I2', '>I4' }) do
  decoders[0xc3 + i] = sized(size, readBytes)
  decoders[0xc6 + i] = sized(size, readExt)
  decoders[0xd8 + i] = sized(size, readBytes)
end
for i, format in ipairs({ '>f', '>d', '>I1', '>I2', '>I4', '>I8', '>i1', '>i2', '>i4', '>i8' }) do
  decoders[0xc9 + i] = scalar(format)
end
for i, size in ipairs({ 1, 2, 4, 8, 16 }) do
  decoders[0xd3 + i] = function(s, pos) return readExt(s, pos, size) end
end
decoders[0xdc], decoders[0xdd] = sized('>I2', readArray), sized('>I4', readArray)
decoders[0xde], decoders[0xdf] = sized('>I2', readMap), sized('>I4', readMap)

-- Returns the value, the position after it and, for arrays, their length (which counts nils).
function unpack(s, pos)
  local b = s:byte(pos)
  if not b then error('msgpack: truncated data', 0) end
  pos = pos + 1
  if b < 0x80 then return b, pos
  elseif b >= 0xe0 then return b - 0x100, pos
  elseif b < 0x90 then return readMap(s, pos, b - 0x80)
  elseif b < 0xa0 then return readArray(s, pos, b - 0x90)
  elseif b < 0xc0 then return readBytes(s, pos, b - 0xa0)
  elseif b == 0xc0 then return nil, pos
  elseif b == 0xc2 then return false, pos
  elseif b == 0xc3 then return true, pos
  end
  local decode = decoders[b]
  if not decode then error(('msgpack: unsupported type 0x%02x'):format(b), 0) end
  return decode(s, pos)
end

local function unpackHex(h)
  local value, _, n = unpack((h:gsub('..', fromHex)), 1)
  return value, n
end

-- natives and JSON, through the host
for name in host.natives:gmatch('%S+') do
  _G[name] = function(...)
    return (unpackHex(answer(host.call(name, packArgs(...)))))
  end
end

json = {
  encode = function(value) return (unpackHex(answer(host.call('json.encode', packArgs(value))))) end,
  decode = function(text) return (unpackHex(answer(host.call('json.decode', packArgs(text))))) end,
}

function print(...)
  local parts = table.pack(...)
  for i = 1, parts.n do parts[i] = tostring(parts[i]) end
  host.print(table.concat(parts, '\t', 1, parts.n))
end

-- promises, as CfxLua's promise library: state 0 pending, 1 resolved, 2 rejected
local PENDING, RESOLVED, REJECTED = 0, 1, 2
promise = {}
promise.__index = promise

local function settle(p, state, value)
  if p.state ~= PENDING then return end
  p.state, p.value = state, value
  local queue = p.queue
  p.queue = {}
  for _, run in ipairs(queue) do run() end
end

function promise.new(executor)
  local p = setmetatable({ state = PENDING, queue = {} }, promise)
  if executor then executor(function(v) p:resolve(v) end, function(e) p:reject(e) end) end
  return p
end

function promise:resolve(value)
  if getmetatable(value) == promise then
    value:next(function(v) self:resolve(v) end, function(e) self:reject(e) end)
  else
    settle(self, RESOLVED, value)
  end
end

function promise:reject(reason)
  settle(self, REJECTED, reason)
end

function promise:next(onResolved, onRejected)
  local chained = promise.new()
  local function run()
    local handler = onRejected
    if self.state == RESOLVED then handler = onResolved end
    if handler == nil then
      settle(chained, self.state, self.value)
      return
    end
    local ok, value = pcall(handler, self.value)
    if ok then chained:resolve(value) else chained:reject(value) end
  end
  if self.state == PENDING then table.insert(self.queue, run) else run() end
  return chained
end

-- the scheduler: every handler, thread and reference call runs in its own coroutine
local threads = setmetatable({}, { __mode = 'k' })
local sleeping, nextSleep = {}, 0
local notInThread = 'Current execution context is not in the scheduler, you should use CreateThread / SetTimeout or Event system (AddEventHandler) to be able to %s'

local function report(what)
  return function(ok, err, trace)
    if not ok then host.error(what, tostring(err), trace) end
  end
end

local function newThread(what, fn, done)
  local thread = { co = coroutine.create(function(...) return fn(...) end), done = done or report(what) }
  threads[thread.co] = thread
  return thread
end

local function sleep(thread, ms)
  nextSleep = nextSleep + 1
  sleeping[nextSleep] = thread
  host.wait(ms, nextSleep)
end

local function resume(thread, ...)
  local co = thread.co
  local ok, result = coroutine.resume(co, ...)
  if coroutine.status(co) ~= 'dead' then
    -- Wait yields its delay; Await yields nothing and is woken by its promise.
    if math.type(result) then sleep(thread, result) end
  elseif ok then
    thread.done(true)
  else
    thread.done(false, result, debug.traceback(co, tostring(result)))
  end
end

local function inThread()
  return threads[coroutine.running()]
end

Citizen = {}

function Citizen.CreateThread(fn) sleep(newThread('thread', fn), 0) end
function Citizen.CreateThreadNow(fn) resume(newThread('thread', fn)) end
function Citizen.SetTimeout(ms, fn) sleep(newThread('timeout', fn), ms) end
function Citizen.Trace(text) host.print((tostring(text):gsub('\n$', ''))) end

function Citizen.Wait(ms)
  if not inThread() then error(notInThread:format('Wait'), 2) end
  coroutine.yield(tonumber(ms) or 0)
end

function Citizen.Await(p)
  local thread = inThread()
  if not thread then error(notInThread:format('Await'), 2) end
  if p.state == PENDING then
    -- Resume on a later tick, as CfxLua's scheduler does, so the settling call's source and invoking resource stay out.
    local function wake() sleep(thread, 0) end
    p:next(wake, wake)
    coroutine.yield()
  end
  if p.state == REJECTED then error(p.value, 2) end
  return p.value
end

CreateThread, Wait, SetTimeout = Citizen.CreateThread, Citizen.Wait, Citizen.SetTimeout

-- function references from other runtimes are callable tables, as in CfxLua
funcref_mt = {
  __gc = function(t) host.release(rawget(t, REF)) end,
  __index = function() error('Cannot index a funcref', 2) end,
  __newindex = function() error('Cannot set indexes on a funcref', 2) end,
  __call = function(t, ...)
    local rvs, n = unpackHex(answer(host.invoke(rawget(t, REF), packArgs(...))))
    if type(rvs) == 'table' and type(rvs[1]) == 'table' and rawget(rvs[1], ASYNC) and inThread() then
      local p = promise.new()
      rvs[1][ASYNC](function(r, e)
        if r then p:resolve(r) elseif e then p:reject(e) end
      end)
      local ok, r = pcall(Citizen.Await, p)
      if not ok then error(r, 2) end
      return table.unpack(r)
    end
    if rvs == nil then error('the function reference failed (see the script error above)', 2) end
    return table.unpack(rvs, 1, n)
  end,
}

-- events
local handlers, nextHandlerKey = {}, 10
local netSafe = { playerConnecting = true, playerJoining = true, playerDropped = true }

function AddEventHandler(name, fn)
  host.registered(name, false)
  local list = handlers[name] or {}
  handlers[name] = list
  nextHandlerKey = nextHandlerKey + 1
  list[#list + 1] = { key = nextHandlerKey, fn = fn }
  return { key = nextHandlerKey, name = name }
end

function RemoveEventHandler(data)
  if type(data) ~= 'table' or not data.key or not data.name then
    error('Invalid event data passed to RemoveEventHandler()', 2)
  end
  for i, entry in ipairs(handlers[data.name] or {}) do
    if entry.key == data.key then
      table.remove(handlers[data.name], i)
      return
    end
  end
end

function RegisterNetEvent(name, fn)
  host.registered(name, true)
  netSafe[name] = true
  if fn then return AddEventHandler(name, fn) end
end

function TriggerEvent(name, ...)
  answer(host.emit(name, packArgs(...)))
end

if isServer then
  RegisterServerEvent = RegisterNetEvent
  function TriggerClientEvent(name, target, ...)
    answer(host.emitNet(name, tonumber(target) or -1, packArgs(...)))
  end
else
  function TriggerServerEvent(name, ...)
    answer(host.emitNet(name, 0, packArgs(...)))
  end

  function RegisterNUICallback(name, callback)
    RegisterNuiCallbackType(name)
    AddEventHandler('__cfx_nui:' .. name, function(body, cb)
      local ok, err = pcall(callback, body, cb)
      if not ok then host.print(('error during NUI callback %s: %s'):format(name, tostring(err))) end
    end)
  end
  RegisterNuiCallback = RegisterNUICallback
end

-- exports, as CfxLua's proxy: the returned function drops its first argument (the self of a colon call)
local exportCache = {}
local function exportEvent(resource, name) return ('__cfx_export_%s_%s'):format(resource, name) end

local function exportResult(resource, name, ok, ...)
  if not ok then
    error(('An error happened while calling export %s of resource %s (%s), see above for details'):format(name, resource, tostring((...))), 2)
  end
  return ...
end

exports = setmetatable({}, {
  __index = function(_, resource)
    return setmetatable({}, {
      __index = function(_, name)
        local cache = exportCache[resource] or {}
        exportCache[resource] = cache
        if not cache[name] then
          TriggerEvent(exportEvent(resource, name), function(fn) cache[name] = fn end)
          if not cache[name] then error(('No such export %s in resource %s'):format(name, resource), 2) end
        end
        return function(_, ...)
          return exportResult(resource, name, pcall(cache[name], ...))
        end
      end,
      __newindex = function() error('cannot set values on an export resource', 2) end,
    })
  end,
  __newindex = function() error('cannot set values on exports', 2) end,
  __call = function(_, name, fn)
    AddEventHandler(exportEvent(GetCurrentResourceName(), name), function(setCB) setCB(fn) end)
  end,
})

AddEventHandler(isServer and 'onServerResourceStop' or 'onClientResourceStop', function(resource)
  exportCache[resource] = nil
end)

do
  local key, resource = isServer and 'server_export' or 'export', GetCurrentResourceName()
  for i = 0, GetNumResourceMetadata(resource, key) - 1 do
    local name = GetResourceMetadata(resource, key, i)
    AddEventHandler(exportEvent(resource, name), function(setCB)
      if _G[name] then setCB(_G[name]) end
    end)
  end
end

source = nil

-- entry points for the runtime
local function loadScript(what, file, code)
  local chunk, err = load(code, '@' .. file, 't')
  if not chunk then return host.error(what, err, err) end
  local ok, failure = xpcall(chunk, function(e) return { e, debug.traceback(tostring(e), 2) } end)
  if not ok then host.error(what, tostring(failure[1]), failure[2]) end
end

local function dispatch(name, payload, eventSource)
  local list = handlers[name]
  if not list or #list == 0 then return end
  local fromNet = eventSource:sub(1, 4) == 'net:'
  if fromNet and not netSafe[name] then
    host.print(('Event %s was not safe for net'):format(name))
    return
  end
  local args, n = unpackHex(payload)
  local lastSource = source
  local playerId = eventSource:match('^net:(%d+)$') or eventSource:match('^internal%-net:(%d+)$')
  source = playerId and tonumber(playerId) or eventSource
  for _, entry in ipairs({ table.unpack(list) }) do
    resume(newThread('event ' .. name, entry.fn), table.unpack(args, 1, n))
  end
  source = lastSource
end

local function callRef(id, payload)
  local fn = refs[id]
  if not fn then
    host.print('Invalid ref call attempt: ' .. id)
    return packHex(nil)
  end
  local args, n = unpackHex(payload)
  -- As CfxLua: results are collected with { fn(...) }, a sync error answers nil, a yield answers the async table.
  local retvals, err, callback = false, nil, nil
  local thread = newThread('ref call', function() retvals = { fn(table.unpack(args, 1, n)) } end, function(ok, message, trace)
    if not ok then err = message end
    if callback then callback(retvals, err)
    elseif not ok then host.error('ref call', tostring(message), trace) end
  end)
  resume(thread)
  if coroutine.status(thread.co) ~= 'dead' then
    return packHex({ { [ASYNC] = function(cb) callback = cb end } })
  end
  return packHex(err == nil and retvals or nil)
end

local function wake(id)
  local thread = sleeping[id]
  sleeping[id] = nil
  if thread then resume(thread) end
end

-- References no callable holds any more (the runtime counts holders, as CfxLua's refcounts do).
local function freeRefs(ids)
  for id in ids:gmatch('%d+') do
    local fn = refs[tonumber(id)]
    refs[tonumber(id)] = nil
    if fn ~= nil then refIds[fn] = nil end
  end
end

return loadScript, dispatch, callRef, wake, freeRefs
`;

/** The scheduler's entry points, as wasmoon hands them to JS. */
interface Vm {
  load(what: string, file: string, code: string): void;
  dispatch(name: string, payload: string, source: string): void;
  call(id: number, payload: string): string;
  wake(id: number): void;
  free(ids: string): void;
}

type HostFunction = (...args: never[]) => unknown;

const toHex = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
const fromHex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));

/** Host functions answer Lua with `r<result>` or `e<message>`: a JS exception must not cross into wasm. */
function attempt(run: () => string | void): string {
  try {
    return `r${run() ?? ''}`;
  } catch (error) {
    return `e${errorMessage(error)}`;
  }
}

/** A resource's Lua scripts on one side: one Lua 5.4 state (wasmoon) with the CfxLua globals. */
export class LuaRuntime extends ScriptRuntime {
  private engine: LuaEngine | undefined;
  private vm: Vm | undefined;
  /** Calls into the VM now on the JS stack: the engine may only close when there are none. */
  private depth = 0;
  private files: string[] = [];
  private readonly vmHolders = new Map<number, number>();
  private readonly unheld = new Set<number>();

  async load(files: { path: string; code: string }[]): Promise<void> {
    const engine = await luaFactory().createEngine({ injectObjects: false, enableProxy: false });
    if (this.disposed) return engine.global.close();
    this.engine = engine;
    this.files = files.map((file) => file.path);
    engine.global.loadString(scheduler, '@citizen:/scripting/lua/scheduler.lua');
    engine.global.pushValue(this.bridge());
    const [load, dispatch, call, wake, free] = engine.global.runSync(1) as unknown as [Vm['load'], Vm['dispatch'], Vm['call'], Vm['wake'], Vm['free']];
    engine.global.setTop(0);
    this.vm = { load, dispatch, call, wake, free };
    for (const file of files) {
      const what = `loading ${path.relative(this.resource.dir, file.path)}`;
      // A script may stop its own resource while loading; the rest then never runs.
      if (this.vm) this.guard(what, () => this.enter(null, (vm) => vm.load(what, file.path, file.code)));
    }
  }

  protected resolveRef(ref: string): unknown {
    return refCallable(this.host, ref, (...args: unknown[]) => this.invokeRef(ref, args)[0]);
  }

  /** Negative indices are the VM's own references: their holders are counted here, and freed in the VM later. */
  override holdRef(index: number): void {
    if (index >= 0) return super.holdRef(index);
    this.vmHolders.set(-index, (this.vmHolders.get(-index) ?? 0) + 1);
  }

  override releaseRef(index: number): void {
    if (index >= 0) return super.releaseRef(index);
    const holders = (this.vmHolders.get(-index) ?? 0) - 1;
    this.vmHolders.set(-index, holders);
    if (holders > 0) return;
    // A release may come from Lua's own collector, inside the VM: it is freed once the VM is idle.
    if (this.unheld.size === 0) setImmediate(() => this.freeUnheld());
    this.unheld.add(-index);
  }

  private freeUnheld(): void {
    // Held again meanwhile (the VM passed the same function out again), a reference stays.
    const ids = [...this.unheld].filter((id) => (this.vmHolders.get(id) ?? 0) <= 0);
    this.unheld.clear();
    for (const id of ids) this.vmHolders.delete(id);
    if (ids.length > 0 && this.vm) this.enter(null, (vm) => vm.free(ids.join(' ')));
  }

  dispatchEvent(name: string, payload: Uint8Array, source: string, invoking: string | null): void {
    if (!this.vm) return;
    this.guard(`event ${name}`, () => this.enter(invoking, (vm) => vm.dispatch(name, toHex(payload), source)));
  }

  /** Negative indices are the VM's own function references (see `refName` in the scheduler). */
  override callRef(index: number, args: Uint8Array, caller: string): Uint8Array {
    if (index >= 0) return super.callRef(index, args, caller);
    return fromHex(this.enter(caller, (vm) => vm.call(-index, toHex(args))));
  }

  override dispose(): void {
    super.dispose();
    this.vm = undefined;
    if (this.depth === 0) this.close();
  }

  private close(): void {
    this.engine?.global.close();
    this.engine = undefined;
  }

  private enter<T>(invoking: string | null, run: (vm: Vm) => T): T {
    const vm = this.vm;
    if (!vm) throw new Error(`resource ${this.resource.name} has stopped: its Lua state is closed`);
    this.depth++;
    try {
      return this.withInvoking(invoking, () => run(vm));
    } finally {
      // Closing the state while Lua is still on the stack would corrupt the shared wasm heap.
      if (--this.depth === 0 && this.disposed) this.close();
    }
  }

  private bridge(): Record<string, unknown> {
    const natives = createNatives(this);
    const functions: Record<string, HostFunction> = {
      ...natives,
      'json.encode': (value: unknown) => JSON.stringify(value ?? null),
      'json.decode': (text: string) => JSON.parse(text),
    };
    return {
      side: this.side,
      refPrefix: `${this.resource.name}:${this.id}:`,
      natives: Object.keys(natives).join(' '),
      print: (text: string) => this.print(text),
      registered: (name: string, net: boolean) => void this.registered[net ? 'netEvents' : 'events'].add(name),
      error: (what: string, message: string, trace: string) => this.scriptError(what, this.luaError(message, trace)),
      call: (name: string, args: string) =>
        attempt(() => {
          const fn = functions[name] as (...args: unknown[]) => unknown;
          return toHex(this.codec.pack(fn(...(this.codec.unpack(fromHex(args)) as unknown[]))));
        }),
      hold: (ref: string) => this.host.holdRef(ref),
      release: (ref: string) => this.host.releaseRef(ref),
      invoke: (ref: string, args: string) =>
        attempt(() => toHex(this.host.invokeRef(ref, fromHex(args), this.resource.name))),
      emit: (name: string, args: string) =>
        attempt(() => this.host.triggerEvent(name, fromHex(args), '', this.resource.name)),
      emitNet: (name: string, target: number, args: string) =>
        attempt(() => this.sim.network.send(this, name, target, fromHex(args))),
      wait: (ms: number, id: number) => {
        if (this.vm) this.setTimer(() => this.enter(null, (vm) => vm.wake(id)), ms, false);
      },
    };
  }

  /** Lua shortens long chunk names to `...<tail>`; give the error its scripts' full paths back. */
  private luaError(message: string, trace: string): Error {
    const expand = (text: string) =>
      text.replace(/\.\.\.([^\s:]+):(\d+):/g, (match, tail: string, line: string) => {
        const file = this.files.find((candidate) => candidate.endsWith(tail));
        return file ? `${file}:${line}:` : match;
      });
    const error = new Error(expand(message));
    error.stack = expand(trace);
    return error;
  }
}
