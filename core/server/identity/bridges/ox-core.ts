import type { FrameworkBridge } from '../bridge';

interface OxCore {
  /** The OxPlayer's public fields (its methods stay in ox_core, reached through `CallPlayer`). */
  GetPlayer(source: number): { charId?: number } | undefined;
  CallPlayer(source: number, method: string, ...args: unknown[]): unknown;
}

const ox = () => exports.ox_core as unknown as OxCore;

/** ox_core has groups rather than jobs; the active group plays the part of the job, its grade the job's grade. */
function activeGroup(source: number): { job: string | null; grade: number } {
  const job = (ox().CallPlayer(source, 'get', 'activeGroup') as string | undefined) ?? null;
  return { job, grade: job === null ? 0 : Number(ox().CallPlayer(source, 'getGroup', job) ?? 0) };
}

/** ox_core: the character is its numeric charId; events carry the player id first. */
export const oxCoreBridge = (): FrameworkBridge => ({
  name: 'ox_core',
  async current(source) {
    const charId = ox().GetPlayer(source)?.charId;
    return charId ? { identifier: String(charId), ...activeGroup(source) } : null;
  },
  listen(events) {
    on('ox:playerLoaded', (playerId: number, _userId: number, charId: number) =>
      events.loaded(Number(playerId), { identifier: String(charId), ...activeGroup(Number(playerId)) }),
    );
    // Fired on logout and, before the player is removed, on a drop.
    on('ox:playerLogout', (playerId: number) => events.unloaded(Number(playerId)));
    // deleteCharacter soft-deletes the character, then says so: its phone goes with it.
    on('ox:deletedCharacter', (_playerId: number, _userId: number, charId: number) => events.deleted(String(charId)));
    const changed = (playerId: number) => {
      const { job, grade } = activeGroup(playerId);
      events.jobChanged(playerId, job, grade);
    };
    on('ox:setActiveGroup', (playerId: number) => changed(Number(playerId)));
    // A new grade in a group, or leaving the active group (which clears it without an ox:setActiveGroup).
    on('ox:setGroup', (playerId: number) => changed(Number(playerId)));
  },
});
