import type { Character, CharacterEvents } from '../bridge';

/** What a phone reads of a QBCore Player object, which Qbox hands out in the same shape. */
export interface QbPlayer {
  PlayerData: { source: number; citizenid: string; job?: QbJob };
}

/** A job as QBCore (and Qbox) keep it: its name, and its grade's level. */
interface QbJob {
  name: string;
  grade?: { level?: number };
}

const gradeOf = (job: QbJob | undefined) => Number(job?.grade?.level ?? 0);

export const qbCharacter = (player: QbPlayer | null | undefined): Character | null =>
  player?.PlayerData ? { identifier: player.PlayerData.citizenid, job: player.PlayerData.job?.name ?? null, grade: gradeOf(player.PlayerData.job) } : null;

/** QBCore's server events, which Qbox fires as well: loaded with the Player, unload and job update with the source. */
export function listenQbEvents(events: CharacterEvents): void {
  on('QBCore:Server:PlayerLoaded', (player: QbPlayer) => {
    const character = qbCharacter(player);
    if (character) events.loaded(Number(player.PlayerData.source), character);
  });
  on('QBCore:Server:OnPlayerUnload', (source: number) => events.unloaded(Number(source)));
  on('QBCore:Server:OnJobUpdate', (source: number, job?: QbJob) => events.jobChanged(Number(source), job?.name ?? null, gradeOf(job)));
}
