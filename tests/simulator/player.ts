import { CommandTable, splitCommandLine } from './commands.js';
import { InternalRuntime } from './internal-runtime.js';
import { NuiLayer } from './nui.js';
import { Host } from './runtime.js';
import type { Simulator } from './simulator.js';
import { PLACES } from './world.js';

export interface KeyMapping {
  command: string;
  description: string;
  mapper: string;
  key: string;
  resource: string;
}

class KeyMappings {
  private readonly byCommand = new Map<string, KeyMapping>();

  register(mapping: KeyMapping): void {
    // The player's own rebinding survives; the first registration only sets the default.
    if (!this.byCommand.has(mapping.command)) this.byCommand.set(mapping.command, { ...mapping, key: mapping.key.toUpperCase() });
  }

  rebind(command: string, key: string): void {
    const mapping = this.byCommand.get(command);
    if (!mapping) throw new Error(`no key mapping for command ${command}`);
    mapping.key = key.toUpperCase();
  }

  commandFor(key: string): string | undefined {
    return [...this.byCommand.values()].find((m) => m.key === key.toUpperCase())?.command;
  }

  all(): KeyMapping[] {
    return [...this.byCommand.values()];
  }
}

/** A connected player: their server id, identifiers, their own client side, NUI layer, commands and key mappings. */
export class Player {
  readonly client: Host;
  readonly internal: InternalRuntime;
  readonly nui: NuiLayer;
  readonly commands = new CommandTable();
  readonly keyMappings = new KeyMappings();
  /** Where the player's character stands; each player spawns at one of the world's places. */
  position: { x: number; y: number; z: number };
  /** The character's ped handle, as `PlayerPedId` answers it. */
  readonly ped: number;
  /** The game's phone in the character's hand and its camera (`CreateMobilePhone`, `CellCamActivate`, selfie mode). */
  readonly phoneProp = { inHand: false, camera: false, selfie: false };

  constructor(
    readonly sim: Simulator,
    readonly id: number,
    readonly name: string,
    readonly identifiers: string[],
  ) {
    this.client = new Host(sim, 'client', id);
    this.internal = new InternalRuntime(this.client);
    this.client.add(this.internal);
    this.nui = new NuiLayer(this);
    const { x, y, z } = PLACES[(id - 1) % PLACES.length]!;
    this.position = { x, y, z };
    this.ped = 1000 + id;
  }

  /** The ACE principals FXServer gives a player: `player.<id>` and `identifier.<each identifier>`. */
  principals(): string[] {
    return [`player.${this.id}`, ...this.identifiers.map((id) => `identifier.${id}`)];
  }

  /** A command typed in the client console: client commands first, then the server's with this player as source. */
  executeCommand(line: string): void {
    const [name = '', ...args] = splitCommandLine(line);
    const command = this.commands.get(name);
    if (!command) {
      this.sim.executeCommand(line, this.id);
      return;
    }
    this.sim.runHandler(command, this.id, args, line, this.id);
  }

  /** Presses a key: runs the command mapped to it with RegisterKeyMapping, if any. */
  pressKey(key: string): boolean {
    const command = this.keyMappings.commandFor(key);
    if (command) this.executeCommand(command);
    return command !== undefined;
  }

  print(resource: string, text: string): void {
    this.sim.log(resource, 'client', text, this.id);
  }
}
