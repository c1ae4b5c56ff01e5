import { shellText } from '../text';
import { useEffect, useRef, useState } from 'preact/hooks';
import { startApp, type AppInstance, type AppInstanceState } from './app-host';
import type { ShellServices, VisibleApp } from './shell-services';

export interface AppFrameProps {
  app: VisibleApp;
  /** The deep link the app was opened with, handed over at its handshake. */
  link: string | null;
  /** Shown, or kept running behind the home screen / another app. */
  active: boolean;
  shell: ShellServices;
}

/** One open app: its sandboxed iframe, its port, and an error screen with a retry when it fails to start. */
export function AppFrame({ app, link, active, shell }: AppFrameProps) {
  const t = shellText();
  const viewport = useRef<HTMLDivElement>(null);
  const instance = useRef<AppInstance | null>(null);
  const startLink = useRef(link);
  const [state, setState] = useState<{ state: AppInstanceState; reason?: string | undefined }>({ state: 'connecting' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const started = startApp(viewport.current!, {
      app,
      link: startLink.current,
      shell,
      onState: (next, reason) => setState({ state: next, reason }),
    });
    instance.current = started;
    return () => started.destroy();
  }, [app.id, app.resource, app.ui, attempt]);

  // Opened again with a new deep link while running: the app hears it as an event.
  useEffect(() => {
    if (link === null || link === startLink.current) return;
    startLink.current = link;
    instance.current?.emit('link', { link });
  }, [link]);

  return (
    <div class="app-frame" data-app={app.id} data-state={state.state} hidden={!active}>
      <div class="app-frame-viewport" ref={viewport} />
      {state.state === 'failed' && (
        <div class="app-error" role="alert">
          <div class="app-error-icon" style={{ background: app.color }} aria-hidden="true">
            {app.label.slice(0, 1)}
          </div>
          <p class="app-error-title">{t('notResponding', { app: app.label })}</p>
          <p class="app-error-reason">{state.reason}</p>
          <div class="app-error-actions">
            <button type="button" onClick={() => setAttempt((count) => count + 1)}>
              {t('retry')}
            </button>
            <button type="button" onClick={() => shell.closeApp(app.id)}>
              {t('close')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
