import type { Identity } from './identity/identity';
import type { Services } from './services';
import { identifierSchema } from './validation';

// The CitizenFX globals used here, declared in this module so that unit tests outside the game type-check it.
declare function RegisterCommand(name: string, handler: (source: number, args: string[]) => void, restricted: boolean): void;
declare function IsPlayerAceAllowed(source: string, ace: string): boolean;
declare function emit(eventName: string, ...args: unknown[]): void;
declare function emitNet(eventName: string, target: number, ...args: unknown[]): void;

/**
 * 919PHONE's `resetPhoneData`: every app's data of the character goes with their phone row (each `handset_*` table
 * cascades from it), they get a new number, and an online player's phone reloads. Resources that keep a
 * character's rows in tables of their own wipe them on the `handset:phoneReset` event (identifier, old number,
 * new number). Answers whether the character had a phone.
 */
export async function resetPhoneData(identity: Identity, identifier: string): Promise<boolean> {
  const reset = await identity.reset(identifier);
  if (!reset) return false;
  emit('handset:phoneReset', identifier, reset.old.number, reset.phone.number);
  return true;
}

/**
 * 919PHONE's `resetPasscode`: the character's passcode and lockout are cleared, and an online lock screen lets the
 * player in at once. Answers whether the character had a phone.
 */
export async function resetPasscode({ identity, device }: Pick<Services, 'identity' | 'device'>, identifier: string): Promise<boolean> {
  const phone = await identity.findByIdentifier(identifier);
  if (!phone) return false;
  const online = identity.byId(phone.id) ?? null;
  await device.resetPasscode(phone, online);
  return true;
}

/** One admin command on a character: `/<name> <citizenid>`, for the console and players with the admin ACE. */
function registerCharacterCommand(name: string, ace: () => string, log: (message: string) => void, run: (identifier: string) => Promise<string>): void {
  RegisterCommand(
    name,
    (source, args) => {
      const reply = (text: string) => (source === 0 ? log(text) : emitNet('chat:addMessage', source, { args: ['Handset', text] }));
      if (source !== 0 && !IsPlayerAceAllowed(String(source), ace())) return reply(`/${name} needs the ${ace()} permission`);
      const identifier = identifierSchema.safeParse(args.join(' '));
      if (args.length !== 1 || !identifier.success) return reply(`usage: /${name} <citizenid>`);
      void run(identifier.data).then(reply, (error: unknown) => reply(`/${name} ${identifier.data} failed: ${String(error)}`));
    },
    false,
  );
}

/** `/resetphonedata` and `/resetphonepasscode`, behind the server owner's admin ACE. */
export function registerAdminCommands(services: () => Promise<Services>, ace: () => string, log: (message: string) => void): void {
  registerCharacterCommand('resetphonedata', ace, log, async (identifier) =>
    (await resetPhoneData((await services()).identity, identifier))
      ? `the phone of ${identifier} was reset: its data is gone and it has a new number`
      : `no phone belongs to ${identifier}`,
  );
  registerCharacterCommand('resetphonepasscode', ace, log, async (identifier) =>
    (await resetPasscode(await services(), identifier)) ? `the passcode of ${identifier} was removed` : `no phone belongs to ${identifier}`,
  );
}
