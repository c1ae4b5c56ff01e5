import type { FrameworkBridge } from '../bridge';
import { listenQbEvents, qbCharacter, type QbPlayer } from './qb-player';

interface QbCore {
  /** A Lua function answers JS with a promise when it waits. */
  Functions: { GetPlayer(source: number): QbPlayer | null | Promise<QbPlayer | null> };
}

/** What qb-core's log line says after a character's rows are deleted: `… deleted **ABC12345**..`. */
const DELETION_LOGS = new Set(['Character Deleted', 'Character Force Deleted']);
const citizenIdsIn = (message: string) => [...message.matchAll(/deleted \*\*([^*]+)\*\*/g)].map((match) => match[1]!);

/**
 * qb-core: players through `GetCoreObject().Functions.GetPlayer`, and its server events. It deletes a character
 * (qb-multicharacter's button, /deletechar) with no event but a log line, sent once the rows are gone: on it, the
 * players table is asked whether the character named there still exists.
 */
export function qbcoreBridge(): FrameworkBridge {
  // Fetched once: it crosses as a copy of the whole core object, and the bridge reads players only at start.
  let core: QbCore | undefined;
  const QBCore = () => (core ??= (exports['qb-core'] as unknown as { GetCoreObject(): QbCore }).GetCoreObject());
  return {
    name: 'qbcore',
    current: async (source) => qbCharacter(await QBCore().Functions.GetPlayer(source)),
    listen(events) {
      listenQbEvents(events);
      on('qb-log:server:CreateLog', (_name: string, title: string, _color: string, message: unknown) => {
        if (DELETION_LOGS.has(title)) events.maybeDeleted(typeof message === 'string' ? citizenIdsIn(message) : []);
      });
    },
    characterTable: { table: 'players', column: 'citizenid' },
  };
}
