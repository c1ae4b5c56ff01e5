import type { Character, FrameworkBridge } from '../bridge';

/** What a phone reads of an ESX xPlayer; with multicharacter the identifier is `char<n>:<license>`. */
interface XPlayer {
  identifier: string;
  job?: EsxJob;
}

/** A job as ESX keeps it: its name and grade. */
interface EsxJob {
  name: string;
  grade?: number;
}

interface Esx {
  /** A Lua function answers JS with a promise when it waits. */
  GetPlayerFromId(playerId: number): XPlayer | null | Promise<XPlayer | null>;
}

const jobOf = (job: EsxJob | undefined) => ({ job: job?.name ?? null, grade: Number(job?.grade ?? 0) });

const esxCharacter = (xPlayer: XPlayer | null | undefined): Character | null => (xPlayer ? { identifier: xPlayer.identifier, ...jobOf(xPlayer.job) } : null);

/** ESX (es_extended): players through `getSharedObject().GetPlayerFromId`, and its server events. */
export function esxBridge(): FrameworkBridge {
  // Fetched once: it crosses as a copy of the whole shared object, and the bridge reads players only at start.
  let shared: Esx | undefined;
  const ESX = () => (shared ??= (exports.es_extended as unknown as { getSharedObject(): Esx }).getSharedObject());
  return {
    name: 'esx',
    current: async (source) => esxCharacter(await ESX().GetPlayerFromId(source)),
    listen(events) {
      on('esx:playerLoaded', (playerId: number, xPlayer: XPlayer) => {
        const character = esxCharacter(xPlayer);
        if (character) events.loaded(Number(playerId), character);
      });
      // Multicharacter's relog; ESX then also fires esx:playerDropped, which a real drop fires too.
      on('esx:playerLogout', (playerId: number) => events.unloaded(Number(playerId)));
      on('esx:setJob', (playerId: number, job?: EsxJob) => {
        const { job: name, grade } = jobOf(job);
        events.jobChanged(Number(playerId), name, grade);
      });
    },
  };
}
