import { Decoder, Encoder, ExtensionCodec } from '@msgpack/msgpack';

/** The msgpack extension type CitizenFX uses for function references. */
export const EXT_FUNCREF = 10;

export interface RefHooks {
  /** Registers a local function and returns its reference name (`resource:runtime:index`). */
  makeRef(fn: (...args: unknown[]) => unknown): string;
  /** Turns a reference name back into something callable in this runtime. */
  resolveRef(ref: string): unknown;
}

export interface Codec {
  pack(value: unknown): Uint8Array;
  unpack(bytes: Uint8Array): unknown;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();
const maxDepth = 64;

/**
 * What CitizenFX's msgpack (msgpack-lite with `preset: false`) keeps of a JS value: own enumerable
 * properties only, so class instances lose their methods and Date, Map and Set arrive as `{}`.
 */
function toWire(value: unknown, depth: number): unknown {
  if (depth > maxDepth) throw new Error('value nested too deeply to serialize (circular reference?)');
  if (value === undefined || value === null || typeof value === 'symbol') return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => toWire(item, depth + 1));
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  const plain: Record<string, unknown> = {};
  for (const key of Object.keys(value)) plain[key] = toWire((value as Record<string, unknown>)[key], depth + 1);
  return plain;
}

export function createCodec(hooks: RefHooks): Codec {
  const extensionCodec = new ExtensionCodec();
  extensionCodec.register({
    type: EXT_FUNCREF,
    encode: (value) =>
      typeof value === 'function' ? utf8.encode(hooks.makeRef(value as (...args: unknown[]) => unknown)) : null,
    decode: (data) => hooks.resolveRef(fromUtf8.decode(data)),
  });
  // One encoder and decoder per codec: msgpack's `encode()` builds a new Encoder (and its buffer) every call.
  const encoder = new Encoder({ extensionCodec });
  const decoder = new Decoder({ extensionCodec });
  return {
    pack: (value) => encoder.encode(toWire(value, 0)),
    unpack: (bytes) => decoder.decode(bytes),
  };
}
