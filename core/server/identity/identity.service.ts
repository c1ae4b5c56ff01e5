import type { Database } from '../../../sdk/server/database';
import type { Character, FrameworkBridge } from './bridge';
import type { Identity, IdentityListener, OnlinePhone } from './identity';
import { canonicalNumber } from './phone-numbers';
import { createPhonesRepository } from './phones.repository';

// The CitizenFX globals used here, declared in this module so that unit tests outside the game type-check it.
declare function on(eventName: string, callback: () => void): void;
declare function removeEventListener(eventName: string, callback: () => void): void;
declare function GetNumPlayerIndices(): number;
declare function GetPlayerFromIndex(index: number): string;
declare const source: number;

export interface IdentityService extends Identity {
  /** Stops listening and forgets every online phone (the resource is stopping). */
  stop(): void;
}

export interface IdentityOptions {
  db: Database;
  bridge: FrameworkBridge;
  /** `handset:number_format`, for numbers of new phones. */
  numberFormat: string;
}

/** Phones checked against the framework's character table in one query. */
const SWEEP_PAGE = 500;

/** A character whose phone is being looked up; replaced or removed when the player's character changes meanwhile. */
interface Loading {
  /** A job change heard while loading, newer than the character's job. */
  job?: { name: string | null; grade: number };
}

/**
 * Starts answering who is on which phone: listens to the bridge and to drops, then rebuilds the map of the
 * players already online (a restart), and resolves once that is done.
 */
export async function startIdentity({ db, bridge, numberFormat }: IdentityOptions): Promise<IdentityService> {
  const phones = createPhonesRepository(db, { numberFormat });
  const bySource = new Map<number, OnlinePhone>();
  const byNumber = new Map<string, OnlinePhone>();
  const byId = new Map<number, OnlinePhone>();
  const loading = new Map<number, Loading>();
  const listeners = new Set<IdentityListener>();
  let stopped = false;

  const notify = (event: keyof IdentityListener, phone: OnlinePhone, left = false) => {
    for (const listener of [...listeners]) {
      try {
        listener[event]?.(phone, left);
      } catch (error) {
        console.error(`an identity listener failed on ${event} of player ${phone.source}:`, error);
      }
    }
  };

  const put = (phone: OnlinePhone) => {
    bySource.set(phone.source, phone);
    byNumber.set(phone.number, phone);
    byId.set(phone.id, phone);
  };

  /** Forgets the character `source` plays and cancels the lookup of one still loading. */
  const unload = (source: number, left = false) => {
    loading.delete(source);
    const phone = bySource.get(source);
    if (!phone) return;
    bySource.delete(source);
    if (byNumber.get(phone.number) === phone) byNumber.delete(phone.number);
    if (byId.get(phone.id) === phone) byId.delete(phone.id);
    notify('unloaded', phone, left);
  };

  const load = async (source: number, read: () => Promise<Character | null>) => {
    // A load with no logout before it is a switch: the previous character goes first.
    unload(source);
    const ticket: Loading = {};
    loading.set(source, ticket);
    const current = () => !stopped && loading.get(source) === ticket;
    try {
      const character = await read();
      if (!character || !current()) return;
      const phone = await phones.findOrCreate(character.identifier);
      if (!current()) return;
      loading.delete(source);
      const { name: job, grade } = ticket.job ?? { name: character.job, grade: character.grade };
      // Frozen: every caller gets the very object the maps hold.
      const online: OnlinePhone = Object.freeze({ ...phone, source, job, grade });
      put(online);
      notify('loaded', online);
    } catch (error) {
      if (loading.get(source) === ticket) loading.delete(source);
      console.error(`could not load the phone of player ${source}:`, error);
    }
  };

  /** Deletes the character's phone, and with it every row of every app that cascades from it. */
  const forget = async (identifier: string) => {
    const phone = await phones.findByIdentifier(identifier);
    if (!phone) return null;
    const player = [...bySource.values()].find((online) => online.id === phone.id)?.source;
    if (player !== undefined) unload(player);
    await phones.remove(phone.id);
    return { phone, player };
  };

  /** Deletes the phones of those of `identifiers` that the framework's character table no longer has. */
  const forgetMissing = async ({ table, column }: NonNullable<FrameworkBridge['characterTable']>, identifiers: string[]) => {
    // Other frameworks' identifiers (license:…, char1:…) are not this table's; a phone from before a switch stays.
    const candidates = identifiers.filter((identifier) => !identifier.includes(':'));
    if (candidates.length === 0) return;
    const found = await db.select<{ identifier: string }>(
      `SELECT ${column} AS identifier FROM ${table} WHERE ${column} IN (${candidates.map(() => '?').join(', ')})`,
      candidates,
    );
    const present = new Set(found.map((row) => String(row.identifier)));
    for (const identifier of candidates) {
      if (present.has(identifier) || stopped) continue;
      if (await forget(identifier)) console.log(`deleted the phone of character ${identifier}: ${table} no longer has it`);
    }
  };

  /** Walks every phone a page at a time, so a large server's check never holds one long query. */
  const sweep = async (characters: NonNullable<FrameworkBridge['characterTable']>) => {
    for (let after = 0; !stopped; ) {
      const page = await phones.page(after, SWEEP_PAGE);
      if (page.length === 0) return;
      after = page.at(-1)!.id;
      await forgetMissing(characters, page.map((phone) => phone.identifier));
    }
  };

  const checkDeleted = (identifiers: string[]) => {
    const characters = bridge.characterTable;
    if (!characters || stopped) return;
    const check = identifiers.length > 0 ? forgetMissing(characters, identifiers) : sweep(characters);
    void check.catch((error: unknown) => console.error(`could not check ${characters.table} for deleted characters:`, error));
  };

  bridge.listen({
    loaded(source, character) {
      if (!stopped) void load(source, () => Promise.resolve(character));
    },
    unloaded(source) {
      if (!stopped) unload(source);
    },
    deleted(identifier) {
      if (!stopped) void forget(identifier).catch((error: unknown) => console.error(`could not delete the phone of character ${identifier}:`, error));
    },
    maybeDeleted: checkDeleted,
    jobChanged(source, job, grade) {
      if (stopped) return;
      const ticket = loading.get(source);
      if (ticket) ticket.job = { name: job, grade };
      const phone = bySource.get(source);
      if (!phone || (phone.job === job && phone.grade === grade)) return;
      const changed = Object.freeze({ ...phone, job, grade });
      put(changed);
      notify('jobChanged', changed);
    },
  });
  const onDropped = () => unload(source, true);
  on('playerDropped', onDropped);

  const online = Array.from({ length: GetNumPlayerIndices() }, (_, index) => Number(GetPlayerFromIndex(index)));
  await Promise.all(online.map((player) => load(player, () => bridge.current(player))));
  // Characters deleted while Handset was not running.
  checkDeleted([]);

  return {
    phoneOf: (source) => bySource.get(source),
    byNumber: (number) => byNumber.get(canonicalNumber(number)),
    byId: (id) => byId.get(id),
    online: () => [...bySource.values()],
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async findByNumber(number) {
      const digits = canonicalNumber(number);
      return digits ? phones.findByNumber(digits) : undefined;
    },
    findByIdentifier: (identifier) => phones.findByIdentifier(identifier),
    findById: (id) => phones.findById(id),
    async reset(identifier) {
      const forgotten = await forget(identifier);
      if (!forgotten) return null;
      const { phone: old, player } = forgotten;
      const phone = await phones.findOrCreate(identifier);
      if (player !== undefined) await load(player, () => bridge.current(player));
      return { old, phone };
    },
    stop() {
      stopped = true;
      removeEventListener('playerDropped', onDropped);
      bySource.clear();
      byNumber.clear();
      byId.clear();
      loading.clear();
      listeners.clear();
    },
  };
}
