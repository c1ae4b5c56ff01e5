import { useEffect, useState } from 'preact/hooks';
import { appIconUrl, type HandsetApp } from '@handset/sdk/app';
import type { StoreApp } from '@handset/sdk/protocol/catalogue';
import { EmptyState, ErrorNotice, ListRow, ListSection, SearchField, useSettings, useTranslator } from '@handset/sdk/ui';
import { messages } from './messages';

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The app's icon; the app's color with its first letter when it has no image, or it does not load. */
function Tile({ entry }: { entry: StoreApp }) {
  const [broken, setBroken] = useState(false);
  const url = appIconUrl(entry);
  if (url && !broken) return <img class="tile" src={url} alt="" draggable={false} referrerpolicy="no-referrer" onError={() => setBroken(true)} />;
  return (
    <span class="tile" style={{ background: entry.color }} aria-hidden="true">
      {entry.label.charAt(0).toUpperCase()}
    </span>
  );
}

export function App({ app }: { app: HandsetApp }) {
  const t = useTranslator(messages);
  const { locale } = useSettings();
  const [apps, setApps] = useState<StoreApp[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [busy, setBusy] = useState<string | null>(null);

  const load = () => {
    setError(null);
    app.host.apps.catalogue({}).then(setApps, (failure: unknown) => setError(errorText(failure)));
  };
  // Apps are named in the player's language: a new language lists them again.
  useEffect(load, [app, locale]);

  const change = async (entry: StoreApp, install: boolean) => {
    if (!install && !(await app.confirm({ title: t('removeTitle', { app: entry.label }), message: t('removeMessage'), confirmLabel: t('remove'), destructive: true }))) return;
    setNotice(null);
    setBusy(entry.id);
    try {
      await (install ? app.host.apps.install({ appId: entry.id }) : app.host.apps.uninstall({ appId: entry.id }));
      setApps((listed) => listed && listed.map((one) => (one.id === entry.id ? { ...one, installed: install } : one)));
    } catch (failure) {
      setNotice(errorText(failure));
    } finally {
      setBusy(null);
    }
  };

  if (error) return <ErrorNotice message={t('notLoaded', { reason: error })} onRetry={load} />;
  const needle = query.trim().toLowerCase();
  const shown = (apps ?? []).filter((entry) => !needle || `${entry.label} ${entry.developer ?? ''} ${entry.description ?? ''}`.toLowerCase().includes(needle));
  const section = (title: string, entries: StoreApp[]) =>
    entries.length > 0 && (
      <ListSection title={title}>
        {entries.map((entry) => [
          <ListRow
            key={entry.id}
            leading={<Tile entry={entry} />}
            title={entry.label}
            subtitle={[entry.description, [entry.developer, entry.version && `v${entry.version}`].filter(Boolean).join(' · ')].filter(Boolean).join(' — ')}
            trailing={
              entry.installed ? (
                entry.removable ? (
                  <span class="actions">
                    <button type="button" class="pill" onClick={() => void app.openApp(entry.id)}>
                      {t('open')}
                    </button>
                    <button type="button" class="pill danger" aria-label={t('removeNamed', { app: entry.label })} disabled={busy !== null} onClick={() => void change(entry, false)}>
                      {t('remove')}
                    </button>
                  </span>
                ) : (
                  <span class="built-in">{t('builtIn')}</span>
                )
              ) : (
                <button type="button" class="pill" aria-label={t('getNamed', { app: entry.label })} disabled={busy !== null} onClick={() => void change(entry, true)}>
                  {busy === entry.id ? '…' : t('get')}
                </button>
              )
            }
          />,
          entry.screenshots.length > 0 && (
            <li key={`${entry.id}-screenshots`} class="screenshots" aria-label={t('screenshotsOf', { app: entry.label })}>
              {entry.screenshots.map((url, index) => (
                <img key={url} src={url} alt={t('screenshot', { number: index + 1 })} loading="lazy" referrerpolicy="no-referrer" draggable={false} />
              ))}
            </li>
          ),
        ])}
      </ListSection>
    );

  return (
    <main class="app">
      <section class="screen" aria-label={t('appStore')}>
        <header class="list-header">
          <h1>{t('appStore')}</h1>
          <SearchField value={query} onChange={setQuery} label={t('searchApps')} />
        </header>
        <div class="scroll grouped">
          {notice && (
            <p class="notice" role="alert">
              {notice}
            </p>
          )}
          {apps === null ? (
            <p class="placeholder">{t('loading')}</p>
          ) : shown.length === 0 ? (
            <EmptyState title={needle ? t('noResults') : t('noApps')} message={needle ? t('nothingMatches', { query: query.trim() }) : t('noAppsHint')} />
          ) : (
            <>
              {section(t('available'), shown.filter((entry) => !entry.installed))}
              {section(t('onThisPhone'), shown.filter((entry) => entry.installed))}
            </>
          )}
        </div>
      </section>
    </main>
  );
}
