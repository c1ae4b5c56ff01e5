import { z } from 'zod';
import type { PluginContext, PluginExport } from '@handset/sdk/server/plugin';
import { dialedNumberSchema } from '../contract';
import type { CallsService } from './calls.service';
import type { CallState } from './calls.views';

/** A call as 17mov_Phone's exports return it; numbers in the server's display format. */
export interface PhoneCall {
  callId: string;
  /** The caller's server id; 0 for a line with no player behind it. */
  fromId: number;
  fromNumber: string;
  toId: number;
  toNumber: string;
  /** When the call started, in epoch seconds. */
  callTime: number;
  /** Whether the call has been answered. */
  inCall: boolean;
  type: 'phone' | 'video';
  isNumberHidden: boolean;
  isCompanyCall: boolean;
}

/** Each started phone plugin's calls service, by the context Handset started it with. */
const services = new WeakMap<PluginContext, CallsService>();

export function setCallsService(context: PluginContext, service: CallsService): void {
  services.set(context, service);
}

function serviceOf(context: PluginContext): CallsService {
  const service = services.get(context);
  if (!service) throw new Error('UNAVAILABLE: the phone app is not running');
  return service;
}

const sourceSchema = z.number().int().positive();
const callIdSchema = z.string().min(1).max(64);
const typeSchema = z.enum(['phone', 'video']).nullish();

/** A number from another resource, a string or a (Lua) number, as its digits; undefined when malformed. */
const digitsOf = (value: unknown): string | undefined =>
  dialedNumberSchema.safeParse(typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : value).data;

const toPhoneCall = (context: PluginContext, call: CallState): PhoneCall => ({
  callId: call.callId,
  fromId: call.caller.source ?? 0,
  fromNumber: context.phones.format(call.caller.number),
  toId: call.callee.source ?? 0,
  toNumber: context.phones.format(call.callee.number),
  callTime: Math.floor(call.startedAt / 1000),
  inCall: call.status === 'active',
  type: call.video ? 'video' : 'phone',
  isNumberHidden: call.hidden,
  isCompanyCall: call.company,
});

const compat = (name: string) => [{ resource: '17mov_Phone', name }];

/**
 * The call exports, under Handset's names and (with `set handset:compat "17mov_Phone"`) 17mov_Phone's.
 * Bad arguments answer as "nothing": false.
 */
export const callsExports: Record<string, PluginExport> = {
  startCall: {
    compat: compat('PhoneApp_StartCall'),
    call: async (context, _caller, from, to, type) => {
      const [fromDigits, toDigits, callType] = [digitsOf(from), digitsOf(to), typeSchema.safeParse(type)];
      if (fromDigits === undefined || toDigits === undefined || !callType.success) return false;
      const call = await serviceOf(context).startBetween(fromDigits, toDigits, callType.data === 'video');
      return call ? toPhoneCall(context, call) : false;
    },
  },
  /** For resources behind service and NPC lines: answers a ringing call to a number with no player behind it. */
  answerCall: {
    compat: [],
    call: (context, _caller, callId) => {
      const id = callIdSchema.safeParse(callId);
      const call = id.success ? serviceOf(context).answerLine(id.data) : null;
      return call ? toPhoneCall(context, call) : false;
    },
  },
  endCallBySource: {
    compat: compat('PhoneApp_EndCallBySrc'),
    call: (context, _caller, source) => {
      const player = sourceSchema.safeParse(source);
      return player.success ? serviceOf(context).endBySource(player.data) : false;
    },
  },
  endCallByNumber: {
    compat: compat('PhoneApp_EndCallByNumber'),
    call: (context, _caller, number) => {
      const digits = digitsOf(number);
      return digits === undefined ? false : serviceOf(context).endByNumber(digits);
    },
  },
  isInCallBySource: {
    compat: compat('PhoneApp_IsInCallBySrc'),
    call: (context, _caller, source) => {
      const player = sourceSchema.safeParse(source);
      return player.success && serviceOf(context).isInCallBySource(player.data);
    },
  },
  isInCallByNumber: {
    compat: compat('PhoneApp_IsInCallByNumber'),
    call: (context, _caller, number) => {
      const digits = digitsOf(number);
      return digits !== undefined && serviceOf(context).isInCallByNumber(digits);
    },
  },
};
