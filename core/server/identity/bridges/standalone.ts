import type { Character, FrameworkBridge } from '../bridge';

/** With no framework, a player is one character: their Rockstar license, with no job. */
const character = (source: number): Character | null => {
  const license = GetPlayerIdentifierByType(String(source), 'license');
  return license ? { identifier: license, job: null, grade: 0 } : null;
};

export const standaloneBridge = (): FrameworkBridge => ({
  name: 'standalone',
  current: async (source) => character(source),
  listen(events) {
    on('playerJoining', () => {
      const player = source;
      const joined = character(player);
      if (joined) events.loaded(player, joined);
    });
  },
});
