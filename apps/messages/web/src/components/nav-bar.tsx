import type { ComponentChildren } from 'preact';

/** A screen's top bar: a leading and a trailing control around a centered title. */
export function NavBar({ leading, title, trailing }: { leading: ComponentChildren; title?: ComponentChildren; trailing?: ComponentChildren }) {
  return (
    <header class="nav-bar">
      <div class="nav-side">{leading}</div>
      <div class="nav-title">{title}</div>
      <div class="nav-side end">{trailing}</div>
    </header>
  );
}
