import { useState } from 'preact/hooks';
import type { VisibleApp } from '../host/shell-services';
import { appIconUrl } from '../../../sdk/app/app-icon';

/** A colored tile with a letter: apps without an image icon, and notifications from no app. */
export function LetterTile({ label, color, size }: { label: string; color: string; size: number }) {
  return (
    <span class="app-icon letter" style={{ '--tile': color, '--size': `${size}px` }} aria-hidden="true">
      {label.trim().charAt(0).toUpperCase()}
    </span>
  );
}

export function AppIcon({ app, size }: { app: VisibleApp; size: number }) {
  const [broken, setBroken] = useState(false);
  const source = appIconUrl(app);
  if (!source || broken) return <LetterTile label={app.label} color={app.color} size={size} />;
  return (
    <img
      class="app-icon"
      style={{ '--size': `${size}px`, '--tile': app.color }}
      src={source}
      alt=""
      draggable={false}
      onError={() => setBroken(true)}
    />
  );
}
