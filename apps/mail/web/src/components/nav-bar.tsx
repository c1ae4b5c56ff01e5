import type { ComponentChildren } from 'preact';

/** A screen's top bar: a leading and a trailing control around a centered title. */
export function NavBar({ leading, title, trailing }: { leading: ComponentChildren; title?: string; trailing?: ComponentChildren }) {
  return (
    <header class="nav-bar">
      <div class="nav-side">{leading}</div>
      {title && <h1 class="nav-title">{title}</h1>}
      <div class="nav-side end">{trailing}</div>
    </header>
  );
}
