import { blockNumber, isNumberBlocked } from '@handset/sdk/server';
import { defineServerPlugin, type PluginContext } from '@handset/sdk/server/plugin';
import { registerCallRequests } from './calls.controller';
import { callsExports, setCallsService } from './calls.exports';
import { callsMigrations } from './calls.migrations';
import { createCallsRepository } from './calls.repository';
import { keepCallRecords } from './calls.retention';
import { CallsService } from './calls.service';
import { namesOfAnswer, NO_NAMES, type ContactNames } from './contact-names';
import { pmaVoice } from './voice';
import { bannerWords } from './words';

// The CitizenFX globals used here, declared in this module so that tests outside the game type-check it.
declare const exports: Record<string, Record<string, (...args: unknown[]) => unknown> | undefined>;
declare function on(eventName: string, callback: (...args: never[]) => void): void;
declare function GetCurrentResourceName(): string;

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The server owner's whole-number setting `handset:phone:<name>` within [min, max]; the default otherwise, with a warning. */
function wholeSetting({ setting }: PluginContext, name: string, fallback: number, min: number, max: number): number {
  const text = setting(name, String(fallback)).trim();
  const value = Number(text);
  if (/^\d+$/.test(text) && value >= min && value <= max) return value;
  console.warn(`handset:phone:${name} must be a whole number from ${min} to ${max}; using ${fallback}`);
  return fallback;
}

/** The names the phone `ownerNumber` gave these numbers, as the Contacts app says (one indexed read); none without it. */
async function contactNames(ownerNumber: string, numbers: readonly string[]): Promise<ContactNames> {
  try {
    return namesOfAnswer(await exports['handset']!.contactNames!(ownerNumber, [...new Set(numbers)]), numbers);
  } catch (error) {
    if (/No such export/.test(errorText(error))) return NO_NAMES;
    throw error;
  }
}

function start(context: PluginContext): void {
  const { app, db, phones } = context;
  const log = (message: string) => console.error(`[phone] ${message}`);
  const repository = createCallsRepository(db);
  const service = new CallsService({
    repository,
    phones,
    voice: pmaVoice(log),
    signals: {
      // A page that is not open learns of the call from `calls.current` when it opens.
      push: (player, type, call) => void app.sendAppMessage(player, type, call),
      present: (player, link) => app.present(player, link).then((outcome) => outcome.ok, () => false),
      missed: (player, call) => {
        app.refreshBadge(player);
        app.notify(player, { title: bannerWords.translator(phones.language(player))('missedCall'), body: call.contactName ?? call.displayNumber }).catch((error: unknown) => log(`missed-call notice failed: ${errorText(error)}`));
      },
      missedSeen: (player) => app.refreshBadge(player),
    },
    isBlocked: isNumberBlocked,
    block: blockNumber,
    contactNames,
    ringMs: wholeSetting(context, 'ring_seconds', 30, 1, 300) * 1000,
    hiddenCallsPerMinute: wholeSetting(context, 'hidden_calls_per_minute', 5, 1, 600),
    callsPerCalleePerMinute: wholeSetting(context, 'calls_per_callee_per_minute', 10, 1, 600),
    log,
  });
  app.onBadge(async (player) => {
    const phone = phones.bySource(player);
    return phone ? service.unseenMissed(phone) : 0;
  });
  setCallsService(context, service);
  void service.recover().catch((error: unknown) => log(`the calls live before Handset restarted were not picked up: ${errorText(error)}`));
  registerCallRequests(context, service);
  const stopRetention = keepCallRecords(repository, wholeSetting(context, 'retention_days', 30, 1, 3650), log);

  const self = GetCurrentResourceName();
  on('onResourceStop', (resource: string) => {
    if (resource !== self) return;
    service.stop();
    stopRetention();
  });
}

/** The phone app's server side: call records, live calls with voice, and the call exports (17mov_Phone's too). */
export const phonePlugin = defineServerPlugin({
  manifest: {
    id: 'phone',
    label: 'Phone',
    translations: { es: { label: 'Teléfono' }, de: { label: 'Telefon' } },
    icon: 'dist/apps/phone/icon.svg',
    color: '#30d158',
    category: 'default',
    ui: 'dist/apps/phone/index.html',
    permissions: ['contacts:read', 'storage'],
  },
  migrations: callsMigrations,
  start,
  exports: callsExports,
});
