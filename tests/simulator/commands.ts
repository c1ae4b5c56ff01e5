export interface Command {
  resource: string;
  handler: (source: number, args: string[], raw: string) => unknown;
  restricted: boolean;
}

/** Splits a console line the way FXServer does: whitespace-separated, double quotes group. */
export function splitCommandLine(line: string): string[] {
  const parts: string[] = [];
  const pattern = /"([^"]*)"|(\S+)/g;
  for (const match of line.matchAll(pattern)) parts.push(match[1] ?? match[2] ?? '');
  return parts;
}

export class CommandTable {
  private readonly commands = new Map<string, Command>();

  register(name: string, command: Command): void {
    this.commands.set(name.toLowerCase(), command);
  }

  get(name: string): Command | undefined {
    return this.commands.get(name.toLowerCase());
  }

  removeResource(resource: string): void {
    for (const [name, command] of this.commands) if (command.resource === resource) this.commands.delete(name);
  }
}
