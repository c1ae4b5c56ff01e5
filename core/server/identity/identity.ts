/** A character's phone: the row every piece of its phone data hangs from. */
export interface Phone {
  /** Stable internal id of the phone row. */
  id: number;
  /** The framework's character identifier. */
  identifier: string;
  /** Canonical phone number: digits only. */
  number: string;
}

/** A phone whose character is being played right now. */
export interface OnlinePhone extends Phone {
  source: number;
  job: string | null;
  /** The grade in that job: an app restricted to `jobs=police:2` opens from grade 2. */
  grade: number;
}

export interface IdentityListener {
  /** `source` now plays the character owning `phone` (join, load, switch, or a restart rebuilding the map). */
  loaded(phone: OnlinePhone): void;
  /** The character owning `phone` is no longer played (logout, switch, drop); `left`: the player left the server. */
  unloaded(phone: OnlinePhone, left: boolean): void;
  /** The character's job or grade changed (`phone` is the new one). */
  jobChanged?(phone: OnlinePhone): void;
}

/** Who is on which phone; answered from memory, kept right across load, switch, drop and restart. */
export interface Identity {
  phoneOf(source: number): OnlinePhone | undefined;
  /** The online phone with `number` (any non-digits are ignored). */
  byNumber(number: string): OnlinePhone | undefined;
  /** The online phone with this row id. */
  byId(id: number): OnlinePhone | undefined;
  online(): OnlinePhone[];
  /** Subscribes; returns the unsubscribe function. */
  subscribe(listener: IdentityListener): () => void;
  /** Looks a number up in the database, online or not (digits only compared). */
  findByNumber(number: string): Promise<Phone | undefined>;
  /** The phone of the character `identifier`, online or not; never creates one. */
  findByIdentifier(identifier: string): Promise<Phone | undefined>;
  /** Looks a phone up by its row id in the database, online or not. */
  findById(id: number): Promise<Phone | undefined>;
  /**
   * Deletes the phone of the character `identifier` with everything of it (every `handset_*` row cascades from the
   * phone row) and gives the character a new phone with a new number; a player on that character has it reloaded,
   * as on a character switch. Null when the character has no phone.
   */
  reset(identifier: string): Promise<{ old: Phone; phone: Phone } | null>;
}
