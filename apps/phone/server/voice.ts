import { randomInt } from 'node:crypto';

// The CitizenFX globals used here, declared in this module so that tests outside the game type-check it.
declare const exports: Record<string, Record<string, (...args: unknown[]) => unknown> | undefined>;
declare function GetResourceState(resourceName: string): string;

/**
 * What the phone needs from a voice system: put players in one private call channel, and take them out.
 * Another voice system is one more implementation of this.
 */
export interface VoiceAdapter {
  join(sources: readonly number[], channel: number): void;
  leave(sources: readonly number[]): void;
}

/**
 * Voice through pma-voice's server export `setPlayerCall(source, callChannel)` (channel 0 leaves the call).
 * Does nothing while pma-voice is not started, so calls still ring and record without voice; a failure is logged
 * and the call goes on.
 */
export function pmaVoice(log: (message: string) => void): VoiceAdapter {
  const resource = 'pma-voice';
  const setPlayerCall = (source: number, channel: number) => {
    if (GetResourceState(resource) !== 'started') return;
    try {
      exports[resource]!.setPlayerCall!(source, channel);
    } catch (error) {
      log(`${resource} could not set player ${source}'s call channel: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return {
    join: (sources, channel) => sources.forEach((source) => setPlayerCall(source, channel)),
    leave: (sources) => sources.forEach((source) => setPlayerCall(source, 0)),
  };
}

/**
 * Call channels that are hard to guess: pma-voice lets any client join a channel by number, so a channel is a
 * random 31-bit integer, never one that is live.
 */
export class VoiceChannels {
  private readonly live = new Set<number>();

  take(): number {
    for (;;) {
      const channel = randomInt(1, 2 ** 31);
      if (!this.live.has(channel)) {
        this.live.add(channel);
        return channel;
      }
    }
  }

  release(channel: number): void {
    this.live.delete(channel);
  }
}
