import { contractClient, SdkError, type HandsetApp } from '@handset/sdk/app';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useTranslator } from '@handset/sdk/ui';
import type { templateContract } from '../../contract';
import { messages } from './messages';

/** An SdkError as the player reads it: its code (one closed set, see the SDK's README) and message. */
function describe(error: unknown): string {
  return error instanceof SdkError ? `${error.code}: ${error.message}` : String(error);
}

export function App({ app }: { app: HandsetApp }) {
  const t = useTranslator(messages);
  const api = useMemo(() => contractClient<typeof templateContract>(app), [app]);
  const [theme, setTheme] = useState(app.info.theme);
  const [name, setName] = useState('');
  const [greeting, setGreeting] = useState('');
  const [pongs, setPongs] = useState(0);
  const [error, setError] = useState<string | null>(null);

  // Both return their unsubscribe, which is what an effect's cleanup wants.
  useEffect(() => app.on('settings', (settings) => setTheme(settings.theme)), [app]);
  useEffect(() => app.onMessage('pong', () => setPongs((count) => count + 1)), [app]);

  /** Runs one call to the phone, showing its error, if any, instead of the last one. */
  const run = async (call: () => Promise<unknown>) => {
    setError(null);
    try {
      await call();
    } catch (failure) {
      setError(describe(failure));
    }
  };

  const greet = () => void run(async () => setGreeting((await api.request('greet', { name })).text));
  const ping = () => void run(() => api.request('ping', {}));
  const notify = () => void run(() => app.notify({ title: t('title'), body: t('hello', { app: app.info.appId }) }));

  return (
    <main data-theme={theme}>
      <h1>{t('title')}</h1>

      {/* No <form>: the phone runs apps with scripts only, so a form's submit never fires; Enter is handled here. */}
      <section class="card">
        <label for="name">{t('yourName')}</label>
        <div class="row">
          <input
            id="name"
            value={name}
            maxLength={32}
            autoComplete="off"
            onInput={(event) => setName(event.currentTarget.value)}
            onKeyDown={(event) => event.key === 'Enter' && greet()}
          />
          <button type="button" onClick={greet}>
            {t('greet')}
          </button>
        </div>
        <p role="status">{greeting}</p>
      </section>

      <section class="card">
        <div class="row">
          <button type="button" onClick={ping}>
            {t('ping')}
          </button>
          <button type="button" onClick={notify}>
            {t('notifyMe')}
          </button>
        </div>
        <p role="log">{pongs === 0 ? '' : t('pushed', { count: pongs })}</p>
      </section>

      {error && <p role="alert">{error}</p>}
    </main>
  );
}
