import { useEffect, useState } from 'preact/hooks';
import type { HandsetApp } from '@handset/sdk/app';
import { BackIcon, ErrorNotice, ListRow, ListSection, NavBar, Switch, useSettings } from '@handset/sdk/ui';
import { BUILT_IN_WALLPAPERS, RINGTONES, TEXT_TONES } from '@handset/sdk/protocol/phone-options';
import type { DeviceSettings, PhoneSettings } from '@handset/sdk/protocol/phone-settings';
import type { StoreApp } from '@handset/sdk/protocol/catalogue';

type Screen = 'main' | 'display' | 'wallpaper' | 'sounds' | 'notifications' | 'passcode';

const TITLES: Record<Screen, string> = {
  main: 'Settings',
  display: 'Display & Text',
  wallpaper: 'Wallpaper',
  sounds: 'Sounds',
  notifications: 'Notifications',
  passcode: 'Passcode',
};

const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A row that is one choice of several: a check mark on the one chosen. */
function Choice({ title, chosen, onChoose }: { title: string; chosen: boolean; onChoose: () => void }) {
  return <ListRow title={title} label={`${title}${chosen ? ', chosen' : ''}`} trailing={chosen ? <span class="check">✓</span> : undefined} onClick={onChoose} />;
}

export function App({ app }: { app: HandsetApp }) {
  const { phoneNumber } = useSettings();
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
  const askCode = (title: string) => app.prompt({ title, message: '4 to 6 digits', maxLength: 6, secret: true });

  const changePasscode = async (turnOff: boolean) => {
    setNotice(null);
    try {
      const current = device?.passcodeSet ? await askCode('Enter your current passcode') : null;
      if (device?.passcodeSet && current === null) return;
      let next: string | null = null;
      if (!turnOff) {
        next = await askCode('Enter a new passcode');
        if (next === null) return;
        if ((await askCode('Enter the new passcode again')) !== next) return setNotice('The passcodes did not match. Nothing was changed.');
      }
      const result = await app.host.passcode.set({ current, next });
      if (!result.unlocked) {
        return setNotice(result.lockedForMs > 0 ? `Wrong passcode. Try again in ${Math.ceil(result.lockedForMs / 1000)} seconds.` : `Wrong passcode: ${result.attemptsLeft} tries left.`);
      }
      setDevice(await app.host.settings.get({}));
      setNotice(turnOff ? 'Passcode turned off.' : 'Passcode set.');
    } catch (failure) {
      setNotice(errorText(failure));
    }
  };

  const chooseImage = async () => {
    const url = await app.prompt({ title: 'Wallpaper image', message: 'An https link to an image on an allowed host', placeholder: 'https://i.imgur.com/…', maxLength: 500 });
    if (url) await update({ wallpaper: url.trim() });
  };

  if (error) return <ErrorNotice message={`Settings could not be loaded: ${error}`} onRetry={load} />;
  if (!device) return <p class="placeholder">Loading…</p>;
  const { settings } = device;
  const go = (next: Screen) => {
    setNotice(null);
    setScreen(next);
  };

  return (
    <main class="app">
      <section class="screen" aria-label={TITLES[screen]}>
        {screen === 'main' ? (
          <header class="list-header">
            <h1>Settings</h1>
          </header>
        ) : (
          <NavBar
            leading={
              <button type="button" class="back" onClick={() => go('main')}>
                <BackIcon />
                Settings
              </button>
            }
            title={<h1 class="nav-title">{TITLES[screen]}</h1>}
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
                <ListRow title="My Number" trailing={<span class="private">{phoneNumber ?? '—'}</span>} />
              </ListSection>
              <ListSection>
                <ListRow
                  title="Airplane Mode"
                  trailing={<Switch label="Airplane Mode" on={device.airplaneMode} onChange={(on) => void update({ airplaneMode: on })} />}
                />
                <ListRow
                  title="Do Not Disturb"
                  subtitle="Calls and banners are silenced while the phone is away"
                  trailing={<Switch label="Do Not Disturb" on={settings.doNotDisturb} onChange={(on) => void update({ doNotDisturb: on })} />}
                />
                <ListRow
                  title="Streamer Mode"
                  subtitle="Hides other people's numbers and pictures"
                  trailing={<Switch label="Streamer Mode" on={settings.streamerMode} onChange={(on) => void update({ streamerMode: on })} />}
                />
              </ListSection>
              <ListSection>
                <ListRow title="Display & Text" trailing={capitalized(settings.theme)} onClick={() => go('display')} />
                <ListRow title="Wallpaper" trailing={settings.wallpaper.startsWith('https://') ? 'Image' : capitalized(settings.wallpaper)} onClick={() => go('wallpaper')} />
                <ListRow title="Sounds" trailing={capitalized(settings.ringtone)} onClick={() => go('sounds')} />
                <ListRow title="Notifications" onClick={() => go('notifications')} />
                <ListRow title="Passcode" trailing={device.passcodeSet ? 'On' : 'Off'} onClick={() => go('passcode')} />
              </ListSection>
            </>
          )}
          {screen === 'display' && (
            <>
              <ListSection title="Appearance">
                {(['light', 'dark', 'automatic'] as const).map((theme) => (
                  <Choice key={theme} title={capitalized(theme)} chosen={settings.theme === theme} onChoose={() => void update({ theme })} />
                ))}
              </ListSection>
              <ListSection title="Time">
                <ListRow
                  title="24-Hour Time"
                  trailing={<Switch label="24-Hour Time" on={settings.clockFormat === '24h'} onChange={(on) => void update({ clockFormat: on ? '24h' : '12h' })} />}
                />
              </ListSection>
              <ListSection title="Text Size">
                {(['small', 'medium', 'large'] as const).map((textSize) => (
                  <Choice key={textSize} title={capitalized(textSize)} chosen={settings.textSize === textSize} onChoose={() => void update({ textSize })} />
                ))}
              </ListSection>
            </>
          )}
          {screen === 'wallpaper' && (
            <>
              <ListSection>
                {BUILT_IN_WALLPAPERS.map((wallpaper) => (
                  <Choice key={wallpaper} title={capitalized(wallpaper)} chosen={settings.wallpaper === wallpaper} onChoose={() => void update({ wallpaper })} />
                ))}
              </ListSection>
              <ListSection>
                <ListRow title="Image from a link…" trailing={settings.wallpaper.startsWith('https://') ? '✓' : undefined} onClick={() => void chooseImage()} />
              </ListSection>
            </>
          )}
          {screen === 'sounds' && (
            <>
              <ListSection title="Volume">
                <li class="list-row volume-row">
                  <input
                    type="range"
                    min={0}
                    max={100}
                    step={5}
                    aria-label="Volume"
                    value={settings.volume}
                    onChange={(event) => void update({ volume: Number(event.currentTarget.value) })}
                  />
                  <span>{settings.volume}%</span>
                </li>
              </ListSection>
              <ListSection title="Ringtone">
                {RINGTONES.map((ringtone) => (
                  <Choice key={ringtone} title={capitalized(ringtone)} chosen={settings.ringtone === ringtone} onChoose={() => void update({ ringtone })} />
                ))}
              </ListSection>
              <ListSection title="Text Tone">
                {TEXT_TONES.map((textTone) => (
                  <Choice key={textTone} title={capitalized(textTone)} chosen={settings.textTone === textTone} onChoose={() => void update({ textTone })} />
                ))}
              </ListSection>
            </>
          )}
          {screen === 'notifications' && (
            <ListSection title="Banners and sounds">
              {apps === null ? (
                <li class="list-row placeholder">Loading…</li>
              ) : (
                apps.map((entry) => {
                  const silenced = settings.silencedApps.includes(entry.id);
                  const silencedApps = silenced ? settings.silencedApps.filter((id) => id !== entry.id) : [...settings.silencedApps, entry.id];
                  return (
                    <ListRow
                      key={entry.id}
                      title={entry.label}
                      trailing={<Switch label={`${entry.label} banners`} on={!silenced} onChange={() => void update({ silencedApps })} />}
                    />
                  );
                })
              )}
            </ListSection>
          )}
          {screen === 'passcode' &&
            (device.passcodeSet ? (
              <ListSection>
                <ListRow title="Change Passcode" onClick={() => void changePasscode(false)} />
                <ListRow title="Turn Passcode Off" onClick={() => void changePasscode(true)} />
              </ListSection>
            ) : (
              <ListSection>
                <ListRow title="Turn Passcode On" onClick={() => void changePasscode(false)} />
              </ListSection>
            ))}
        </div>
      </section>
    </main>
  );
}
