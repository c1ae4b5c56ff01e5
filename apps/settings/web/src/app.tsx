import { useEffect, useState } from 'preact/hooks';
import type { HandsetApp } from '@handset/sdk/app';
import { BackIcon, ErrorNotice, ListRow, ListSection, NavBar, Switch, useSettings, useTranslator } from '@handset/sdk/ui';
import { LANGUAGE_NAMES, LANGUAGES } from '@handset/sdk/i18n';
import { BUILT_IN_WALLPAPERS, RINGTONES, TEXT_TONES } from '@handset/sdk/protocol/phone-options';
import type { DeviceSettings, PhoneSettings } from '@handset/sdk/protocol/phone-settings';
import type { StoreApp } from '@handset/sdk/protocol/catalogue';
import { messages } from './messages';

type Screen = 'main' | 'display' | 'wallpaper' | 'sounds' | 'notifications' | 'passcode' | 'language';

const TITLES = {
  main: 'settings',
  display: 'displayText',
  wallpaper: 'wallpaper',
  sounds: 'sounds',
  notifications: 'notifications',
  passcode: 'passcode',
  language: 'language',
} as const;
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A row that is one choice of several: a check mark on the one chosen. */
function Choice({ title, chosen, onChoose }: { title: string; chosen: boolean; onChoose: () => void }) {
  const t = useTranslator(messages);
  return <ListRow title={title} label={chosen ? t('chosen', { name: title }) : title} trailing={chosen ? <span class="check">✓</span> : undefined} onClick={onChoose} />;
}

export function App({ app }: { app: HandsetApp }) {
  const t = useTranslator(messages);
  const { phoneNumber, locale } = useSettings();
  const [device, setDevice] = useState<DeviceSettings | null>(null);
  const [screen, setScreen] = useState<Screen>('main');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [apps, setApps] = useState<StoreApp[] | null>(null);

  const load = () => {
    setError(null);
    app.host.settings.get({}).then(setDevice, (failure: unknown) => setError(errorText(failure)));
  };
  useEffect(load, [app]);

  useEffect(() => {
    if (screen !== 'notifications' || apps) return;
    app.host.apps.catalogue({}).then(
      (listed) => setApps(listed.filter((entry) => entry.installed)),
      (failure: unknown) => setNotice(errorText(failure)),
    );
  }, [screen]);

  const update = async (patch: Partial<PhoneSettings> & { airplaneMode?: boolean }) => {
    setNotice(null);
    try {
      setDevice(await app.host.settings.update(patch));
    } catch (failure) {
      setNotice(errorText(failure));
    }
  };

  /** Asks for a passcode in a prompt; null when the player cancels. */
  const askCode = (title: string) => app.prompt({ title, message: t('passcodeHint'), maxLength: 6, secret: true });

  const changePasscode = async (turnOff: boolean) => {
    setNotice(null);
    try {
      const current = device?.passcodeSet ? await askCode(t('enterCurrentPasscode')) : null;
      if (device?.passcodeSet && current === null) return;
      let next: string | null = null;
      if (!turnOff) {
        next = await askCode(t('enterNewPasscode'));
        if (next === null) return;
        if ((await askCode(t('enterNewPasscodeAgain'))) !== next) return setNotice(t('passcodesDidNotMatch'));
      }
      const result = await app.host.passcode.set({ current, next });
      if (!result.unlocked) {
        return setNotice(result.lockedForMs > 0 ? t('wrongPasscodeLocked', { count: Math.ceil(result.lockedForMs / 1000) }) : t('wrongPasscodeLeft', { count: result.attemptsLeft }));
      }
      setDevice(await app.host.settings.get({}));
      setNotice(turnOff ? t('passcodeTurnedOff') : t('passcodeSet'));
    } catch (failure) {
      setNotice(errorText(failure));
    }
  };

  const chooseImage = async () => {
    const url = await app.prompt({ title: t('wallpaperImage'), message: t('wallpaperImageHint'), placeholder: 'https://i.imgur.com/…', maxLength: 500 });
    if (url) await update({ wallpaper: url.trim() });
  };

  if (error) return <ErrorNotice message={t('notLoaded', { reason: error })} onRetry={load} />;
  if (!device) return <p class="placeholder">{t('loading')}</p>;
  const { settings } = device;
  const go = (next: Screen) => {
    setNotice(null);
    setScreen(next);
  };

  return (
    <main class="app">
      <section class="screen" aria-label={t(TITLES[screen])}>
        {screen === 'main' ? (
          <header class="list-header">
            <h1>{t('settings')}</h1>
          </header>
        ) : (
          <NavBar
            leading={
              <button type="button" class="back" onClick={() => go('main')}>
                <BackIcon />
                {t('settings')}
              </button>
            }
            title={<h1 class="nav-title">{t(TITLES[screen])}</h1>}
          />
        )}
        <div class="scroll grouped">
          {notice && (
            <p class="notice" role="alert">
              {notice}
            </p>
          )}
          {screen === 'main' && (
            <>
              <ListSection>
                <ListRow title={t('myNumber')} trailing={<span class="private">{phoneNumber ?? '—'}</span>} />
              </ListSection>
              <ListSection>
                <ListRow
                  title={t('airplaneMode')}
                  trailing={<Switch label={t('airplaneMode')} on={device.airplaneMode} onChange={(on) => void update({ airplaneMode: on })} />}
                />
                <ListRow
                  title={t('doNotDisturb')}
                  subtitle={t('doNotDisturbHint')}
                  trailing={<Switch label={t('doNotDisturb')} on={settings.doNotDisturb} onChange={(on) => void update({ doNotDisturb: on })} />}
                />
                <ListRow
                  title={t('streamerMode')}
                  subtitle={t('streamerModeHint')}
                  trailing={<Switch label={t('streamerMode')} on={settings.streamerMode} onChange={(on) => void update({ streamerMode: on })} />}
                />
              </ListSection>
              <ListSection>
                <ListRow title={t('language')} trailing={LANGUAGE_NAMES[settings.language]} onClick={() => go('language')} />
                <ListRow title={t('displayText')} trailing={t(settings.theme)} onClick={() => go('display')} />
                <ListRow title={t('wallpaper')} trailing={settings.wallpaper.startsWith('https://') ? t('image') : t(settings.wallpaper as (typeof BUILT_IN_WALLPAPERS)[number])} onClick={() => go('wallpaper')} />
                <ListRow title={t('sounds')} trailing={t(settings.ringtone)} onClick={() => go('sounds')} />
                <ListRow title={t('notifications')} onClick={() => go('notifications')} />
                <ListRow title={t('passcode')} trailing={device.passcodeSet ? t('on') : t('off')} onClick={() => go('passcode')} />
              </ListSection>
            </>
          )}
          {screen === 'language' && (
            <ListSection>
              {LANGUAGES.map((language) => (
                <Choice key={language} title={LANGUAGE_NAMES[language]} chosen={settings.language === language} onChoose={() => void update({ language })} />
              ))}
            </ListSection>
          )}
          {screen === 'display' && (
            <>
              <ListSection title={t('appearance')}>
                {(['light', 'dark', 'automatic'] as const).map((theme) => (
                  <Choice key={theme} title={t(theme)} chosen={settings.theme === theme} onChoose={() => void update({ theme })} />
                ))}
              </ListSection>
              <ListSection title={t('time')}>
                <ListRow
                  title={t('hour24')}
                  trailing={<Switch label={t('hour24')} on={settings.clockFormat === '24h'} onChange={(on) => void update({ clockFormat: on ? '24h' : '12h' })} />}
                />
              </ListSection>
              <ListSection title={t('textSize')}>
                {(['small', 'medium', 'large'] as const).map((textSize) => (
                  <Choice key={textSize} title={t(textSize)} chosen={settings.textSize === textSize} onChoose={() => void update({ textSize })} />
                ))}
              </ListSection>
            </>
          )}
          {screen === 'wallpaper' && (
            <>
              <ListSection>
                {BUILT_IN_WALLPAPERS.map((wallpaper) => (
                  <Choice key={wallpaper} title={t(wallpaper)} chosen={settings.wallpaper === wallpaper} onChoose={() => void update({ wallpaper })} />
                ))}
              </ListSection>
              <ListSection>
                <ListRow title={t('imageFromLink')} trailing={settings.wallpaper.startsWith('https://') ? '✓' : undefined} onClick={() => void chooseImage()} />
              </ListSection>
            </>
          )}
          {screen === 'sounds' && (
            <>
              <ListSection title={t('volume')}>
                <li class="list-row volume-row">
                  <input
                    type="range"
                    min={0}
                    max={100}
                    step={5}
                    aria-label={t('volume')}
                    value={settings.volume}
                    onChange={(event) => void update({ volume: Number(event.currentTarget.value) })}
                  />
                  <span>{new Intl.NumberFormat(locale, { style: 'percent' }).format(settings.volume / 100)}</span>
                </li>
              </ListSection>
              <ListSection title={t('ringtone')}>
                {RINGTONES.map((ringtone) => (
                  <Choice key={ringtone} title={t(ringtone)} chosen={settings.ringtone === ringtone} onChoose={() => void update({ ringtone })} />
                ))}
              </ListSection>
              <ListSection title={t('textTone')}>
                {TEXT_TONES.map((textTone) => (
                  <Choice key={textTone} title={t(textTone)} chosen={settings.textTone === textTone} onChoose={() => void update({ textTone })} />
                ))}
              </ListSection>
            </>
          )}
          {screen === 'notifications' && (
            <ListSection title={t('bannersAndSounds')}>
              {apps === null ? (
                <li class="list-row placeholder">{t('loading')}</li>
              ) : (
                apps.map((entry) => {
                  const silenced = settings.silencedApps.includes(entry.id);
                  const silencedApps = silenced ? settings.silencedApps.filter((id) => id !== entry.id) : [...settings.silencedApps, entry.id];
                  return (
                    <ListRow
                      key={entry.id}
                      title={entry.label}
                      trailing={<Switch label={t('appBanners', { app: entry.label })} on={!silenced} onChange={() => void update({ silencedApps })} />}
                    />
                  );
                })
              )}
            </ListSection>
          )}
          {screen === 'passcode' &&
            (device.passcodeSet ? (
              <ListSection>
                <ListRow title={t('changePasscode')} onClick={() => void changePasscode(false)} />
                <ListRow title={t('turnPasscodeOff')} onClick={() => void changePasscode(true)} />
              </ListSection>
            ) : (
              <ListSection>
                <ListRow title={t('turnPasscodeOn')} onClick={() => void changePasscode(false)} />
              </ListSection>
            ))}
        </div>
      </section>
    </main>
  );
}
