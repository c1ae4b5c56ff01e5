import { AppFrame } from '../host/app-frame';
import type { RunningApp } from '../state/phone-store';
import { shellServices } from '../services';

interface AppStackProps {
  running: RunningApp[];
  foreground: string | null;
}

/** Every running app's frame, stacked; only the foreground one shows, the others stay mounted and keep running. */
export function AppStack({ running, foreground }: AppStackProps) {
  return (
    <div class="app-stack">
      {running.map(({ app, link }) => (
        <div key={app.id} class={`app-layer${app.id === foreground ? ' foreground' : ''}`}>
          <AppFrame app={app} link={link} active={app.id === foreground} shell={shellServices} />
        </div>
      ))}
    </div>
  );
}
