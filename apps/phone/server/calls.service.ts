import { randomUUID } from 'node:crypto';
import { HandsetError } from '@handset/sdk/protocol/errors';
import { RateLimiter } from '@handset/sdk/server';
import { DatabaseError } from '@handset/sdk/server/database';
import type { OnlinePhoneRef, PhoneRef, PluginPhones } from '@handset/sdk/server/plugin';
import type { CallDirection, CallRecordInput, CallsRepository, EndedStatus, LiveCallRow } from './calls.repository';
import { callView, durationOf, hiddenFrom, recordView, type CallRecordView, type CallState, type CallView, type Party } from './calls.views';
import { NO_NAMES, type ContactNames } from './contact-names';
import { VoiceChannels, type VoiceAdapter } from './voice';

export type CallPush = 'call.incoming' | 'call.updated' | 'call.ended';

/** What the calls service says to players' phones, through the phone app. */
export interface CallSignals {
  /** Pushes to the phone app's page on `source`; nothing happens when the app is not open. */
  push(source: number, type: CallPush, call: CallView): void;
  /** Brings the phone app up at `link` on `source`, even when the phone is closed; false when refused. */
  present(source: number, link: string): Promise<boolean>;
  /** Tells the callee of a call they missed. */
  missed(source: number, call: CallView): void;
  /** The player saw their missed calls in Recents. */
  missedSeen(source: number): void;
}

export interface CallsServiceOptions {
  repository: CallsRepository;
  phones: PluginPhones;
  voice: VoiceAdapter;
  signals: CallSignals;
  /** Whether the character with `ownerNumber` blocked `number` (the Contacts app decides). */
  isBlocked(ownerNumber: string, number: string): Promise<boolean>;
  /** Blocks `number` for the character with `ownerNumber` without showing it to them; false when it could not. */
  block(ownerNumber: string, number: string): Promise<boolean>;
  /** The names the character with `ownerNumber` gave these numbers (the Contacts app); a failure leaves calls unnamed. */
  contactNames(ownerNumber: string, numbers: readonly string[]): Promise<ContactNames>;
  /** How long a call rings before it is missed. */
  ringMs: number;
  /** Calls a phone may place with its number hidden, per minute (all at once at most). */
  hiddenCallsPerMinute: number;
  /** Calls a phone may place to one number, per minute (all at once at most), hidden or not. */
  callsPerCalleePerMinute: number;
  log(message: string): void;
  now?: () => number;
}

export interface StartInput {
  requestId: string;
  /** Digits. */
  number: string;
  video: boolean;
  hideNumber: boolean;
}

interface LiveCall extends CallState {
  /** The callee's phone was reached and shows the call (set once blocking and presenting passed). */
  offered: boolean;
  channel: number | null;
  ringTimer: ReturnType<typeof setTimeout> | null;
  /** Each side's pushes so far: the next goes out after them, however long its names took. */
  outbox: Record<Side, Promise<void>>;
  /** The writes that keep the call across a restart, in order; its end is written after them. Never rejects. */
  kept: Promise<void>;
}

type Side = 'caller' | 'callee';

/** A finished call's records are tried again this long after the database refused them, then twice as long, up to the most. */
const SAVE_RETRY_MS = 1000;
const SAVE_RETRY_MAX_MS = 60_000;

/** A requested call is remembered this long, so a retried `calls.start` answers with the same call. */
const REQUEST_MEMORY_MS = 10 * 60_000;

const directionOf = (side: Side): CallDirection => (side === 'caller' ? 'outgoing' : 'incoming');
const isPlayer = (party: Party): party is Party & { source: number; phoneId: number } => party.source !== null;
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
const liveRowOf = (call: CallState): LiveCallRow => ({
  callId: call.callId,
  callerNumber: call.caller.number,
  callerPhoneId: call.caller.phoneId,
  calleeNumber: call.callee.number,
  calleePhoneId: call.callee.phoneId,
  hidden: call.hidden,
  video: call.video,
  company: call.company,
  startedAt: call.startedAt,
  answeredAt: call.answeredAt,
});
const notFound = (callId: string) => new HandsetError('NOT_FOUND', `no call ${callId} of yours`);

/**
 * The live calls, in memory: a player is in at most one call; a call goes `dialing` → `active` → `completed`, or
 * ends `missed` / `declined` / `busy` / `unavailable`. Voice joins when a call is answered and leaves when it
 * ends. When a call ends, every party's record is written, and only then are the phones told.
 */
export class CallsService {
  private readonly calls = new Map<string, LiveCall>();
  private readonly bySource = new Map<number, LiveCall>();
  /** Numbers in a live call; a service line may be in several. */
  private readonly byNumber = new Map<string, Set<LiveCall>>();
  private readonly requests = new Map<string, { call: LiveCall; at: number }>();
  /** Saves of finished calls waiting for the database to come back. */
  private readonly retries = new Set<ReturnType<typeof setTimeout>>();
  private readonly channels = new VoiceChannels();
  private readonly now: () => number;
  private readonly stopWatchingPhones: () => void;
  private readonly hiddenCalls: RateLimiter;
  private readonly callsToCallee: RateLimiter;

  constructor(private readonly options: CallsServiceOptions) {
    this.now = options.now ?? Date.now;
    this.hiddenCalls = new RateLimiter(options.hiddenCallsPerMinute / 60, options.hiddenCallsPerMinute, this.now);
    this.callsToCallee = new RateLimiter(options.callsPerCalleePerMinute / 60, options.callsPerCalleePerMinute, this.now);
    // A player who stops playing the character who took a call (switch, logout, leaving) leaves that call.
    this.stopWatchingPhones = options.phones.onUnloaded((phone, left) => {
      const call = this.bySource.get(phone.source);
      const party = call && [call.caller, call.callee].find((side) => side.source === phone.source);
      if (call && party?.phoneId === phone.phoneId) this.finishInBackground(call, this.lostStatus(call), left ? phone.source : undefined);
    });
  }

  /**
   * A player dials `number`: the call rings (`dialing`), or has ended at once — `busy` when the callee is in a
   * call, `unavailable` when nobody online has the number, the callee blocked the caller, or their phone
   * refused to show the call (airplane mode). The same request id answers with the same call. `RATE_LIMITED`,
   * with nothing rung or recorded, past the phone's hidden calls a minute or its calls a minute to one number.
   */
  async start(phone: OnlinePhoneRef, input: StartInput): Promise<CallView> {
    this.forgetOldRequests();
    const key = `${phone.phoneId}:${input.requestId}`;
    const seen = this.requests.get(key);
    if (seen) return this.named(seen.call, 'caller');
    if (input.number === phone.number) throw new HandsetError('INVALID_INPUT', 'you cannot call your own number');
    if (this.bySource.has(phone.source)) throw new HandsetError('UNAVAILABLE', 'you are already in a call');
    if (input.hideNumber && !this.hiddenCalls.take(String(phone.phoneId))) {
      throw new HandsetError('RATE_LIMITED', `too many calls with a hidden number: at most ${this.options.hiddenCallsPerMinute} a minute`);
    }
    if (!this.callsToCallee.take(`${phone.phoneId}>${input.number}`)) {
      throw new HandsetError('RATE_LIMITED', `too many calls to this number: at most ${this.options.callsPerCalleePerMinute} a minute`);
    }

    const online = this.options.phones.byNumber(input.number);
    const callee: Party = online ? { number: online.number, phoneId: online.phoneId, source: online.source } : { number: input.number, phoneId: null, source: null };
    const busy = online !== null && this.bySource.has(online.source);
    const call = this.open({ number: phone.number, phoneId: phone.phoneId, source: phone.source }, callee, {
      hidden: input.hideNumber,
      video: input.video,
      company: false,
      holdCallee: online !== null && !busy,
    });
    this.requests.set(key, { call, at: this.now() });
    if (!online) await this.finish(call, 'unavailable');
    else if (busy) await this.finish(call, 'busy');
    else await this.ring(call);
    return this.named(call, 'caller');
  }

  /** The ringing callee picks up: the call is `active` and both players share a voice channel. */
  async answer(phone: OnlinePhoneRef, callId: string): Promise<CallView> {
    return this.activate(this.ringing(phone, callId));
  }

  /** The ringing callee refuses: the call ends `declined`. */
  async decline(phone: OnlinePhoneRef, callId: string): Promise<void> {
    await this.finish(this.ringing(phone, callId), 'declined');
  }

  /** Either party hangs up: `completed` when it was answered; unanswered, `missed` (caller) or `declined` (callee). */
  async end(phone: OnlinePhoneRef, callId: string): Promise<void> {
    const call = this.calls.get(callId);
    const side = call && this.sideOf(phone, call);
    if (!call || !side) throw notFound(callId);
    await this.finish(call, this.hangUpStatus(call, side));
  }

  /** The player's live call, or null. */
  async current(phone: OnlinePhoneRef): Promise<CallView | null> {
    const call = this.bySource.get(phone.source);
    const side = call && this.sideOf(phone, call);
    return call && side ? this.named(call, side) : null;
  }

  /** The player's call records, newest first (before `beforeId` when given), named from their contacts in one look-up of the page's numbers. */
  async recents(phone: OnlinePhoneRef, beforeId: number | null, limit: number): Promise<CallRecordView[]> {
    const records = await this.options.repository.recents(phone.phoneId, beforeId, limit);
    const shown = new Set(records.filter((record) => !hiddenFrom(record.direction, record.hidden)).map((record) => record.otherNumber));
    const names = await this.namesOf(phone, [...shown]);
    return records.map((record) => recordView(record, this.options.phones.format, names));
  }

  /**
   * Blocks the hidden caller of the player's record `recordId`, by the number behind it, which the player is
   * never shown: their calls then end `unavailable` before they ring. `NOT_FOUND` for a record not theirs,
   * `INVALID_INPUT` for one whose caller was not hidden (a visible number is blocked from Contacts).
   */
  async blockCaller(phone: OnlinePhoneRef, recordId: number): Promise<void> {
    const record = await this.options.repository.find(phone.phoneId, recordId);
    if (!record) throw new HandsetError('NOT_FOUND', `no call record ${recordId} of yours`);
    if (!hiddenFrom(record.direction, record.hidden)) throw new HandsetError('INVALID_INPUT', 'only a hidden caller is blocked here; block a number you can see from Contacts');
    if (!(await this.options.block(phone.number, record.otherNumber))) throw new HandsetError('UNAVAILABLE', 'blocking needs the Contacts app');
  }

  /** Missed calls the player has not yet seen in Recents: the Phone badge. */
  unseenMissed(phone: PhoneRef): Promise<number> {
    return this.options.repository.unseenMissed(phone.phoneId);
  }

  /** The player looked at Recents: every missed call so far is seen. */
  async markRecentsSeen(phone: OnlinePhoneRef): Promise<void> {
    await this.options.repository.markSeen(phone.phoneId);
    this.options.signals.missedSeen(phone.source);
  }

  /**
   * A call placed by another resource between two numbers, either of which may be a line with no player
   * behind it (a service or NPC number; a number of an offline character is not one). Resolves to the ringing
   * call, or null when it could not be placed: both numbers the same or without players, a player busy or
   * offline, or the callee's phone refused it.
   */
  async startBetween(from: string, to: string, video: boolean): Promise<CallState | null> {
    if (from === to) return null;
    const [caller, callee] = await Promise.all([this.partyOf(from), this.partyOf(to)]);
    if (!caller || !callee || (!isPlayer(caller) && !isPlayer(callee))) return null;
    if ([caller, callee].some((party) => isPlayer(party) && this.bySource.has(party.source))) return null;
    const call = this.open(caller, callee, { hidden: false, video, company: !isPlayer(caller) || !isPlayer(callee), holdCallee: true });
    if (isPlayer(caller)) void this.options.signals.present(caller.source, `call/${call.callId}`);
    await this.ring(call);
    return call.status === 'dialing' ? call : null;
  }

  /** Another resource answers a ringing call to a line with no player behind it; null when there is none. */
  answerLine(callId: string): CallState | null {
    const call = this.calls.get(callId);
    if (!call || call.status !== 'dialing' || isPlayer(call.callee)) return null;
    void this.activate(call);
    return call;
  }

  /** Ends the live call of player `source` as if they hung up; false when they are in none. */
  async endBySource(source: number): Promise<boolean> {
    const call = this.bySource.get(source);
    if (!call) return false;
    await this.finish(call, this.hangUpStatus(call, call.caller.source === source ? 'caller' : 'callee'));
    return true;
  }

  /** Ends every live call of `number` (a player's, or a service line's) as if it hung up; false when none. */
  async endByNumber(number: string): Promise<boolean> {
    const calls = [...(this.byNumber.get(number) ?? [])];
    await Promise.all(calls.map((call) => this.finish(call, this.hangUpStatus(call, call.caller.number === number ? 'caller' : 'callee'))));
    return calls.length > 0;
  }

  isInCallBySource(source: number): boolean {
    return this.bySource.has(source);
  }

  isInCallByNumber(number: string): boolean {
    return (this.byNumber.get(number)?.size ?? 0) > 0;
  }

  /**
   * Picks up the calls that were live when Handset last stopped (they are kept in the database from the moment
   * they ring). An answered call whose players still play the same characters goes on in a new voice channel;
   * any other ends now as if its players had left it, with every party's record.
   */
  async recover(): Promise<void> {
    for (const kept of await this.options.repository.liveCalls()) {
      const caller = this.partyNow(kept.callerNumber, kept.callerPhoneId);
      const callee = this.partyNow(kept.calleeNumber, kept.calleePhoneId);
      const players = [caller, callee].filter((party) => party.phoneId !== null);
      const goesOn = kept.answeredAt !== null && players.every((party) => isPlayer(party) && !this.bySource.has(party.source));
      const call = this.open(caller, callee, { hidden: kept.hidden, video: kept.video, company: kept.company, holdCallee: true }, kept);
      call.offered = true;
      call.answeredAt = kept.answeredAt;
      if (kept.answeredAt !== null) call.status = 'active';
      if (goesOn) {
        this.joinVoice(call);
        await Promise.all([this.tell(call, 'caller', 'call.updated'), this.tell(call, 'callee', 'call.updated')]);
        continue;
      }
      try {
        await this.finish(call, this.lostStatus(call));
      } catch (error) {
        // A record that cannot be written (its character was deleted) must not bring the call back at every start.
        this.options.log(`call ${kept.callId} ended with the restart but its records were not saved: ${errorText(error)}`);
        await this.options.repository.insert([], kept.callId);
      }
    }
  }

  /** Handset is stopping: nobody stays in a voice channel, no timer stays behind; live calls stay kept for `recover`. */
  stop(): void {
    for (const retry of this.retries) clearTimeout(retry);
    for (const call of this.calls.values()) this.forget(call);
    this.stopWatchingPhones();
  }

  private open(
    caller: Party,
    callee: Party,
    flags: { hidden: boolean; video: boolean; company: boolean; holdCallee: boolean },
    kept?: Pick<LiveCallRow, 'callId' | 'startedAt'>,
  ): LiveCall {
    const call: LiveCall = {
      callId: kept?.callId ?? randomUUID(),
      caller,
      callee,
      hidden: flags.hidden,
      video: flags.video,
      company: flags.company,
      status: 'dialing',
      startedAt: kept?.startedAt ?? this.now(),
      answeredAt: null,
      endedAt: null,
      offered: false,
      channel: null,
      ringTimer: null,
      outbox: { caller: Promise.resolve(), callee: Promise.resolve() },
      kept: Promise.resolve(),
    };
    this.calls.set(call.callId, call);
    // Held as soon as the call exists, so a second call to either player meanwhile finds them busy.
    for (const party of flags.holdCallee ? [caller, callee] : [caller]) {
      if (isPlayer(party)) this.bySource.set(party.source, call);
      const onNumber = this.byNumber.get(party.number) ?? new Set();
      this.byNumber.set(party.number, onNumber.add(call));
    }
    return call;
  }

  /** Offers the call to the callee: refused when they blocked the caller or their phone cannot show it. */
  private async ring(call: LiveCall): Promise<void> {
    const { caller, callee } = call;
    if (isPlayer(callee)) {
      let refused: boolean;
      try {
        refused =
          (await this.options.isBlocked(callee.number, caller.number)) ||
          (this.calls.has(call.callId) && !(await this.options.signals.present(callee.source, `call/${call.callId}`)));
      } catch (error) {
        // A call that cannot be checked is not put through.
        this.options.log(`call ${call.callId} was not put through: ${errorText(error)}`);
        refused = true;
      }
      // The caller may have hung up or left while the callee's side was asked.
      if (!this.calls.has(call.callId)) return;
      if (refused) return this.finish(call, 'unavailable');
    }
    call.offered = true;
    this.keep(call, (repository) => repository.saveLive(liveRowOf(call)));
    call.ringTimer = setTimeout(() => this.finishInBackground(call, 'missed'), this.options.ringMs);
    await this.tell(call, 'callee', 'call.incoming');
  }

  /** Answers the call, and tells both players; resolves to what the callee was told. */
  private async activate(call: LiveCall): Promise<CallView> {
    call.status = 'active';
    const answeredAt = (call.answeredAt = this.now());
    if (call.ringTimer) clearTimeout(call.ringTimer);
    call.ringTimer = null;
    this.keep(call, (repository) => repository.answerLive(call.callId, answeredAt));
    this.joinVoice(call);
    const [, callee] = await Promise.all([this.tell(call, 'caller', 'call.updated'), this.tell(call, 'callee', 'call.updated')]);
    return callee;
  }

  /**
   * Ends a live call with `status`: frees its players and voice channel at once, writes every reached party's
   * record, then tells their phones. `gone` is a player who left the server and is told nothing.
   */
  private async finish(call: LiveCall, status: EndedStatus, gone?: number): Promise<void> {
    if (!this.calls.has(call.callId)) return;
    this.forget(call, gone);
    call.status = status;
    call.endedAt = this.now();
    const reached = (['caller', 'callee'] as const).filter((side) => side === 'caller' || call.offered);
    try {
      await call.kept;
      await this.save(call.callId, reached.flatMap((side) => this.record(call, side)), call.offered);
    } finally {
      const told = reached.map(async (side) => {
        const party = call[side];
        // A player who left, or now plays another character, hears nothing of this call.
        if (!isPlayer(party) || party.source === gone || this.options.phones.bySource(party.source)?.phoneId !== party.phoneId) return;
        const view = await this.tell(call, side, 'call.ended');
        if (side === 'callee' && status === 'missed') this.options.signals.missed(party.source, view);
      });
      await Promise.all(told);
    }
  }

  /** For endings nobody waits on (ring timeout, drop, character switch): a failed write is logged. */
  private finishInBackground(call: LiveCall, status: EndedStatus, gone?: number): void {
    this.finish(call, status, gone).catch((error: unknown) =>
      this.options.log(`the records of call ${call.callId} were not saved: ${errorText(error)}`),
    );
  }

  /** Takes a call out of the live maps, stops its ring and voice; `gone` has already left voice with the server. */
  private forget(call: LiveCall, gone?: number): void {
    this.calls.delete(call.callId);
    for (const party of [call.caller, call.callee]) {
      if (isPlayer(party) && this.bySource.get(party.source) === call) this.bySource.delete(party.source);
      const onNumber = this.byNumber.get(party.number);
      onNumber?.delete(call);
      if (onNumber?.size === 0) this.byNumber.delete(party.number);
    }
    if (call.ringTimer) clearTimeout(call.ringTimer);
    call.ringTimer = null;
    if (call.channel !== null) {
      const inVoice = [call.caller, call.callee].filter(isPlayer).map((party) => party.source);
      this.options.voice.leave(inVoice.filter((source) => source !== gone));
      this.channels.release(call.channel);
      call.channel = null;
    }
  }

  /**
   * Writes a finished call's records, and forgets it as kept. While the database is unreachable it tries again,
   * at growing intervals: the call has ended for its players either way, and its records come once it is back.
   */
  private async save(callId: string, records: CallRecordInput[], kept: boolean, attempt = 0): Promise<void> {
    try {
      await this.options.repository.insert(records, kept ? callId : undefined);
    } catch (error) {
      // A retry after a write that committed unseen finds its records there: only the kept call is left to forget.
      if (attempt > 0 && error instanceof DatabaseError && error.kind === 'unique_violation') return this.options.repository.insert([], kept ? callId : undefined);
      if (!(error instanceof DatabaseError && error.kind === 'unavailable')) throw error;
      if (attempt === 0) this.options.log(`the records of call ${callId} wait for the database: ${errorText(error)}`);
      const retry = setTimeout(() => {
        this.retries.delete(retry);
        this.save(callId, records, kept, attempt + 1).catch((failure: unknown) => this.options.log(`the records of call ${callId} were not saved: ${errorText(failure)}`));
      }, Math.min(SAVE_RETRY_MAX_MS, SAVE_RETRY_MS * 2 ** attempt));
      this.retries.add(retry);
    }
  }

  /** Runs a write that keeps `call` across a restart after the ones before it; a failure only costs that. */
  private keep(call: LiveCall, write: (repository: CallsRepository) => Promise<void>): void {
    call.kept = call.kept
      .then(() => write(this.options.repository))
      .catch((error: unknown) => this.options.log(`call ${call.callId} is not kept across a restart: ${errorText(error)}`));
  }

  /** Both players of an answered call share a new voice channel. */
  private joinVoice(call: LiveCall): void {
    if (!isPlayer(call.caller) || !isPlayer(call.callee)) return;
    call.channel = this.channels.take();
    this.options.voice.join([call.caller.source, call.callee.source], call.channel);
  }

  /** A kept party as it is now: a player only while their character is online on the same phone. */
  private partyNow(number: string, phoneId: number | null): Party {
    const online = phoneId === null ? null : this.options.phones.byNumber(number);
    return { number, phoneId, source: online?.phoneId === phoneId ? online.source : null };
  }

  private record(call: LiveCall, side: Side): CallRecordInput[] {
    const party = call[side];
    if (party.phoneId === null) return [];
    const other = side === 'caller' ? call.callee : call.caller;
    const endedAt = call.endedAt ?? this.now();
    return [
      {
        phoneId: party.phoneId,
        callId: call.callId,
        direction: directionOf(side),
        otherNumber: other.number,
        hidden: call.hidden,
        video: call.video,
        company: call.company,
        status: call.status as EndedStatus,
        startedAt: call.startedAt,
        answeredAt: call.answeredAt,
        endedAt,
        duration: durationOf(call.answeredAt, endedAt),
      },
    ];
  }

  private hangUpStatus(call: LiveCall, side: Side): EndedStatus {
    if (call.status === 'active') return 'completed';
    return side === 'callee' ? 'declined' : 'missed';
  }

  private lostStatus(call: LiveCall): EndedStatus {
    return call.status === 'active' ? 'completed' : 'missed';
  }

  /** The call `callId` ringing on this phone; NOT_FOUND for anyone else, the caller included. */
  private ringing(phone: OnlinePhoneRef, callId: string): LiveCall {
    const call = this.calls.get(callId);
    if (!call || call.status !== 'dialing' || !call.offered || !this.plays(phone, call.callee)) throw notFound(callId);
    return call;
  }

  /** Which side of the call this phone is: the caller, or the callee once the call reached them. */
  private sideOf(phone: OnlinePhoneRef, call: LiveCall): Side | null {
    if (this.plays(phone, call.caller)) return 'caller';
    if (call.offered && this.plays(phone, call.callee)) return 'callee';
    return null;
  }

  private plays(phone: OnlinePhoneRef, party: Party): boolean {
    return party.source === phone.source && party.phoneId === phone.phoneId;
  }

  /** A number as a party: its player's phone, a line with no phone at all, or null for an offline character's phone. */
  private async partyOf(number: string): Promise<Party | null> {
    const online = this.options.phones.byNumber(number);
    if (online) return { number: online.number, phoneId: online.phoneId, source: online.source };
    return (await this.options.phones.find(number)) ? null : { number, phoneId: null, source: null };
  }

  /**
   * Pushes `type` with the call as it is now to the party on `side` when a player; resolves to that side's view.
   * A side's pushes go out in the order the call changed, however long each one's names take.
   */
  private tell(call: LiveCall, side: Side, type: CallPush): Promise<CallView> {
    const party = call[side];
    const view = this.named(call, side);
    const told = call.outbox[side]
      .then(() => view)
      .then((named) => {
        try {
          if (isPlayer(party)) this.options.signals.push(party.source, type, named);
        } catch (error) {
          this.options.log(`${type} of call ${call.callId} did not reach ${party.number}: ${errorText(error)}`);
        }
        return named;
      });
    call.outbox[side] = told.then(() => undefined);
    return told;
  }

  /** The call from one side as it is now, with that side's name for the other party (one look-up). */
  private async named(call: CallState, side: Side): Promise<CallView> {
    const direction = directionOf(side);
    // Taken before the look-up: the call may move on meanwhile, and this view is of the moment it was asked for.
    const state: CallState = { ...call };
    const at = this.now();
    const other = side === 'caller' ? call.callee : call.caller;
    const names = hiddenFrom(direction, call.hidden) ? NO_NAMES : await this.namesOf(call[side], [other.number]);
    return callView(state, direction, this.options.phones.format, at, names);
  }

  /** The names a phone gave these numbers; none for a line with no phone, or when the Contacts app cannot say. */
  private async namesOf(party: Pick<Party, 'number' | 'phoneId'>, numbers: readonly string[]): Promise<ContactNames> {
    if (party.phoneId === null || numbers.length === 0) return NO_NAMES;
    try {
      return await this.options.contactNames(party.number, numbers);
    } catch (error) {
      this.options.log(`the contacts of ${party.number} could not be read: ${errorText(error)}`);
      return NO_NAMES;
    }
  }

  private forgetOldRequests(): void {
    const oldest = this.now() - REQUEST_MEMORY_MS;
    for (const [key, { at }] of this.requests) {
      if (at >= oldest) break;
      this.requests.delete(key);
    }
  }
}
