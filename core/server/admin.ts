import type { Identity } from './identity/identity';
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

/** `/resetphonedata <citizenid>`, for the console and for players with the server owner's admin ACE. */
export function registerAdminCommands(identity: () => Promise<Identity>, ace: string, log: (message: string) => void): void {
  RegisterCommand(
    'resetphonedata',
    (source, args) => {
      const reply = (text: string) => (source === 0 ? log(text) : emitNet('chat:addMessage', source, { args: ['Handset', text] }));
      if (source !== 0 && !IsPlayerAceAllowed(String(source), ace)) return reply(`/resetphonedata needs the ${ace} permission`);
      const identifier = identifierSchema.safeParse(args.join(' '));
      if (args.length !== 1 || !identifier.success) return reply('usage: /resetphonedata <citizenid>');
      void identity()
        .then((ready) => resetPhoneData(ready, identifier.data))
        .then(
          (done) => reply(done ? `the phone of ${identifier.data} was reset: its data is gone and it has a new number` : `no phone belongs to ${identifier.data}`),
          (error: unknown) => reply(`the phone of ${identifier.data} could not be reset: ${String(error)}`),
        );
    },
    false,
  );
}
