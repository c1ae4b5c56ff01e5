// As ox_core: OxPlayer instances exported through GetPlayer / CallPlayer, character selection with
// setActiveCharacter (a charId, or the data of a new character), logout, groups with one active group, and the
// ox:* events. Users, characters and their groups live in memory instead of ox_core's tables.

interface NewCharacter {
  firstName: string;
  lastName: string;
  gender?: string;
  date?: number;
}

interface Character {
  charId: number;
  stateId: string;
  firstName: string;
  lastName: string;
  isNew?: boolean;
}

/** What ox_core keeps of a character between sessions: its groups and active group. */
interface SavedCharacter extends Character {
  groups: Record<string, number>;
  activeGroup?: string;
}

/** A few groups; grades count from 1 (0 means "not in the group"). */
const GROUPS: Record<string, { label: string; grades: Record<number, string> }> = {
  police: { label: 'Los Santos Police Department', grades: { 1: 'Cadet', 2: 'Officer', 3: 'Sergeant' } },
  ambulance: { label: 'Pillbox Hill Medical Center', grades: { 1: 'Paramedic', 2: 'Doctor' } },
};

const userIds = new Map<string, number>();
const charactersOf = new Map<number, SavedCharacter[]>();
let lastUserId = 0;
let lastCharId = 0;

const randomChar = () => String.fromCharCode(65 + Math.floor(Math.random() * 26));
const randomDigit = () => String(Math.floor(Math.random() * 10));

/** ox_core's stateId: two letters and four digits, unique. */
function newStateId(): string {
  const taken = new Set([...charactersOf.values()].flat().map((character) => character.stateId));
  for (;;) {
    const stateId = randomChar() + randomChar() + randomDigit() + randomDigit() + randomDigit() + randomDigit();
    if (!taken.has(stateId)) return stateId;
  }
}

class OxPlayer {
  static readonly #members = new Map<number, OxPlayer>();
  source: number;
  userId: number;
  charId?: number;
  stateId?: string;
  username: string;
  identifier: string;
  #character?: SavedCharacter;
  #groups: Record<string, number> = {};
  #metadata: Record<string, unknown> = {};

  static get(id: number | string): OxPlayer | undefined {
    return OxPlayer.#members.get(Number(id));
  }

  static all(): OxPlayer[] {
    return [...OxPlayer.#members.values()];
  }

  static add(player: OxPlayer): void {
    OxPlayer.#members.set(player.source, player);
  }

  static remove(id: number): void {
    OxPlayer.#members.delete(id);
  }

  constructor(source: number, identifier: string) {
    this.source = source;
    this.identifier = identifier;
    this.username = GetPlayerName(String(source)) ?? '';
    this.userId = userIds.get(identifier) ?? ++lastUserId;
    userIds.set(identifier, this.userId);
  }

  /** Triggers an event on the player's client. */
  emit(eventName: string, ...args: unknown[]): void {
    emitNet(eventName, this.source, ...args);
  }

  set(key: string, value: unknown, replicated?: boolean): void {
    this.#metadata[key] = value;
    if (replicated) this.emit('ox:setPlayerData', key, value);
  }

  get(key: string): unknown {
    return this.#metadata[key];
  }

  getGroups(): Record<string, number> {
    return this.#groups;
  }

  getGroup(name: string): number | undefined {
    return this.#groups[name];
  }

  /** The user's characters as ox_core stores them. */
  #saved(): SavedCharacter[] {
    let saved = charactersOf.get(this.userId);
    if (!saved) charactersOf.set(this.userId, (saved = []));
    return saved;
  }

  #characters(): Character[] {
    return this.#saved().map(({ charId, stateId, firstName, lastName }) => ({ charId, stateId, firstName, lastName }));
  }

  /** Adds the player to the registry and starts character selection. */
  setAsJoined(): void {
    if (!OxPlayer.get(this.source)) OxPlayer.add(this);
    this.emit('ox:startCharacterSelect', this.userId, this.#characters());
  }

  createCharacter(data: NewCharacter): number | undefined {
    if (this.charId) return;
    const characters = this.#saved();
    const character: SavedCharacter = {
      charId: ++lastCharId,
      stateId: newStateId(),
      firstName: data.firstName,
      lastName: data.lastName,
      isNew: true,
      groups: {},
    };
    characters.push(character);
    emit('ox:createdCharacter', this.source, this.userId, character.charId);
    return characters.length - 1;
  }

  /** Loads the character with this charId, or creates one from `data`, and makes it active. */
  async setActiveCharacter(data: number | NewCharacter): Promise<Character | undefined> {
    if (this.charId) return;
    const slot = typeof data === 'object' ? this.createCharacter(data) : this.#saved().findIndex((c) => c.charId === data);
    const saved = slot === undefined ? undefined : this.#saved()[slot];
    if (!saved) return;
    this.#character = saved;
    this.charId = saved.charId;
    this.stateId = saved.stateId;
    this.#groups = { ...saved.groups };
    const { groups: _groups, activeGroup, ...character } = saved;
    delete saved.isNew;
    this.emit('ox:setActiveCharacter', character, this.#groups);
    this.set('name', `${character.firstName} ${character.lastName}`, true);
    this.set('firstName', character.firstName, true);
    this.set('lastName', character.lastName, true);
    this.set('activeGroup', activeGroup, true);
    emit('ox:playerLoaded', this.source, this.userId, character.charId);
    return character;
  }

  /** Clears the active character; a player still connected goes back to character selection. */
  async logout(save = true, dropped = false): Promise<void> {
    if (!this.charId) return;
    emit('ox:playerLogout', this.source, this.userId, this.charId);
    if (save) this.save();
    if (dropped) return;
    delete this.charId;
    this.#character = undefined;
    this.#groups = {};
    this.emit('ox:startCharacterSelect', this.userId, this.#characters());
  }

  save(): void {
    if (this.#character) this.#character.groups = { ...this.#groups };
  }

  /** Makes one of the character's groups the active one, or none. */
  setActiveGroup(groupName?: string, temp?: boolean): boolean {
    if (!this.charId || (groupName && !(groupName in this.#groups))) return false;
    const previous = this.get('activeGroup');
    if (!temp && this.#character) this.#character.activeGroup = groupName;
    this.set('activeGroup', groupName, true);
    emit('ox:setActiveGroup', this.source, groupName, previous);
    return true;
  }

  /** Sets the character's grade in a group; grade 0 removes them from it. */
  async setGroup(groupName: string, grade = 0): Promise<boolean | undefined> {
    if (!this.charId) return false;
    const group = GROUPS[groupName];
    if (!group) return void console.warn(`Failed to set OxPlayer<${this.userId}> ${groupName}:${grade} (invalid group)`);
    const currentGrade = this.#groups[groupName];
    if (currentGrade === grade) return;
    if (!grade) {
      if (!currentGrade) return;
      delete this.#groups[groupName];
      if (this.get('activeGroup') === groupName) {
        this.set('activeGroup', undefined, true);
        if (this.#character) this.#character.activeGroup = undefined;
      }
    } else {
      if (!group.grades[grade]) return void console.warn(`Failed to set OxPlayer<${this.userId}> ${groupName}:${grade} (invalid grade)`);
      this.#groups[groupName] = grade;
    }
    this.save();
    emit('ox:setGroup', this.source, groupName, grade ? grade : null);
    this.emit('ox:setGroup', groupName, grade ? grade : null);
    return true;
  }
}

// Every public method, as ox_core's ClassInterface exports them.
const callableMethods = Object.fromEntries(
  Object.getOwnPropertyNames(OxPlayer.prototype)
    .filter((method) => method !== 'constructor')
    .map((method) => [method, true]),
);

exports('GetPlayer', (id: number | string) => OxPlayer.get(id));
exports('GetPlayers', () => OxPlayer.all());
exports('GetPlayerCalls', () => callableMethods);
exports('CallPlayer', (id: number | string, method: string, ...args: never[]) => {
  const player = OxPlayer.get(id);
  if (!player) return void console.error(`cannot call method ${method} on Player<${id}> (invalid id)`);
  if (!callableMethods[method]) return void console.error(`cannot call method ${method} on Player<${id}> (method is not exported)`);
  return (player[method as keyof OxPlayer] as (...args: never[]) => unknown)(...args);
});

onNet('ox:playerJoined', () => {
  const playerSrc = source;
  const license = GetPlayerIdentifierByType(String(playerSrc), 'license');
  if (!license) return;
  (OxPlayer.get(playerSrc) ?? new OxPlayer(playerSrc, license.substring(license.indexOf(':') + 1))).setAsJoined();
});

on('playerDropped', () => {
  const player = OxPlayer.get(source);
  if (!player) return;
  void player.logout(true, true);
  OxPlayer.remove(player.source);
});
