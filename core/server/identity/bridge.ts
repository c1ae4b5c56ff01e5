/** The character a player is playing now, as the framework names it. */
export interface Character {
  /** The framework's stable character id (citizenid, ESX identifier, ox charId, or the license). */
  identifier: string;
  /** The character's job name, for apps the server owner restricts to jobs; null when none. */
  job: string | null;
  /** The character's grade in that job (0 when the framework has none, or there is no job). */
  grade: number;
}

export interface CharacterEvents {
  /** A player has a character loaded (first load, or the new one after a switch). */
  loaded(source: number, character: Character): void;
  /** A player's character was unloaded (logout, switch) — not called for a drop, which the core sees itself. */
  unloaded(source: number): void;
  /** A loaded character's job or grade changed. */
  jobChanged(source: number, job: string | null, grade: number): void;
  /** A character was deleted (ox_core says so; other frameworks delete the phone row by their own table rules). */
  deleted(identifier: string): void;
  /**
   * Characters may have been deleted, as far as a framework without a deletion event lets one tell (QBCore's log
   * line); the phones of those missing from the bridge's `characterTable` are deleted. No identifiers: check them all.
   */
  maybeDeleted(identifiers: string[]): void;
}

/** One framework's view of characters: how to read the current one and hear when it changes. */
export interface FrameworkBridge {
  readonly name: FrameworkName;
  /** The character `source` has loaded now, or null; used at start and restart to rebuild the online map. */
  current(source: number): Promise<Character | null>;
  /** Subscribes to the framework's load, logout and job events; called once. */
  listen(events: CharacterEvents): void;
  /** What the server owner must change in the framework's setup for Handset to work fully; null when nothing. */
  setupProblem?(): string | null;
  /**
   * Where a framework that deletes characters without an event keeps them: phones whose character is missing there
   * are deleted at start (characters deleted while Handset was down) and when the bridge hears `maybeDeleted`.
   */
  characterTable?: { table: string; column: string };
}

export const FRAMEWORKS = ['standalone', 'qbox', 'qbcore', 'esx', 'ox_core'] as const;
export type FrameworkName = (typeof FRAMEWORKS)[number];
