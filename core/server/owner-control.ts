import type { AppSettings } from './apps/app-settings';
import type { AppRegistry } from './apps/registry';
import { CONVARS, rereadConfig, type Config } from './config';
import type { Services } from './services';
import { closeForbiddenApps } from './apps/forbidden-apps';

// The CitizenFX globals used here, declared in this module so that unit tests outside the game type-check it.
declare function RegisterCommand(name: string, handler: (source: number, args: string[]) => void, restricted: boolean): void;
declare function IsPlayerAceAllowed(source: string, ace: string): boolean;
declare function GetConvar(name: string, fallback: string): string;
declare function emitNet(eventName: string, target: number, ...args: unknown[]): void;
declare const AddConvarChangeListener: ((filter: string, handler: (name: string) => void) => number) | undefined;

interface OwnerControl {
  config: Config;
  registry: AppRegistry;
  appSettings: { refresh(appId: string): { settings: AppSettings; changed: boolean } };
  services: () => Services | undefined;
  /** Tells every client the apps changed: open phones ask for their list again. */
  appsChanged: () => void;
  log: (message: string) => void;
}

/**
 * The server owner's convars, changed at run time: FXServer's change listener hears a `set` of a convar that already
 * existed, and `/handset reload` (console, or a player with the admin ACE) reads them all again, which also catches
 * a convar set for the first time. An app disabled or restricted leaves open home screens and running phones at once.
 */
export function startOwnerControl(control: OwnerControl): { reload(): Promise<string> } {
  const reload = async (): Promise<string> => {
    const applied: string[] = rereadConfig(control.config, GetConvar, control.log).map((key) => CONVARS[key].name);
    const changedApps = control.registry
      .all()
      .map((app) => app.manifest.id)
      .filter((appId) => control.appSettings.refresh(appId).changed);
    const services = control.services();
    if (changedApps.length > 0) {
      control.appsChanged();
      for (const appId of changedApps) {
        for (const source of services?.device.sourcesWithApp(appId) ?? []) await closeForbiddenApps(services!, source, [appId]);
        for (const phone of services?.identity.online() ?? []) services!.badges.accessChanged(phone.source, appId);
      }
      applied.push(...changedApps.map((appId) => `handset:app:${appId}`));
    }
    return applied.length > 0 ? `applied ${applied.join(', ')}` : 'nothing changed';
  };

  let scheduled = false;
  // Several `set` lines in a row are read once.
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      void reload().then(control.log, (error: unknown) => control.log(`reading the convars again failed: ${String(error)}`));
    }, 0);
  };
  if (typeof AddConvarChangeListener === 'function') AddConvarChangeListener('handset:*', schedule);

  RegisterCommand(
    'handset',
    (source, args) => {
      const reply = (text: string) => (source === 0 ? control.log(text) : emitNet('chat:addMessage', source, { args: ['Handset', text] }));
      if (source !== 0 && !IsPlayerAceAllowed(String(source), control.config.adminAce)) return reply(`/handset needs the ${control.config.adminAce} permission`);
      if (args.length !== 1 || args[0] !== 'reload') return reply('usage: /handset reload');
      void reload().then(reply, (error: unknown) => reply(`/handset reload failed: ${String(error)}`));
    },
    false,
  );
  return { reload };
}
