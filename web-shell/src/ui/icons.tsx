/** Inline glyphs: the shell loads nothing from outside its own page. */

export function SignalIcon({ bars }: { bars: number }) {
  return (
    <svg class="glyph" viewBox="0 0 18 12" width="18" height="12" aria-hidden="true">
      {[0, 1, 2, 3].map((bar) => (
        <rect key={bar} x={bar * 5} y={9 - bar * 3} width="3" height={3 + bar * 3} rx="1" opacity={bar < bars ? 1 : 0.3} />
      ))}
    </svg>
  );
}

export function AirplaneIcon() {
  return (
    <svg class="glyph" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
      <path d="M21 16v-2l-8-5V3.5a1.5 1.5 0 0 0-3 0V9l-8 5v2l8-2.5V19l-2 1.5V22l3.5-1 3.5 1v-1.5L13 19v-5.5z" />
    </svg>
  );
}

export function BatteryIcon() {
  return (
    <svg class="glyph" viewBox="0 0 27 13" width="25" height="12" aria-hidden="true">
      <rect x="0.5" y="0.5" width="23" height="12" rx="3.5" fill="none" stroke="currentColor" opacity="0.4" />
      <rect x="2" y="2" width="20" height="9" rx="2" />
      <path d="M25 4.5v4a2 2 0 0 0 0-4z" opacity="0.4" />
    </svg>
  );
}

export function LockIcon() {
  return (
    <svg class="glyph" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
      <path d="M7 10V7a5 5 0 0 1 10 0v3h1a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2zm2 0h6V7a3 3 0 0 0-6 0z" />
    </svg>
  );
}

export function MoonIcon() {
  return (
    <svg class="glyph" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
      <path d="M20.5 14.6A8.5 8.5 0 0 1 9.4 3.5a8.5 8.5 0 1 0 11.1 11.1z" />
    </svg>
  );
}

/** A circle half filled: light and dark. */
export function ContrastIcon() {
  return (
    <svg class="glyph" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
      <path d="M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm0 2v14a7 7 0 0 1 0-14z" />
    </svg>
  );
}

export function ClockIcon() {
  return (
    <svg class="glyph" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
      <path d="M12 2.5a9.5 9.5 0 1 1 0 19 9.5 9.5 0 0 1 0-19zm0 2a7.5 7.5 0 1 0 0 15 7.5 7.5 0 0 0 0-15zM13 7v4.6l3.2 1.9-1 1.7L11 12.7V7z" />
    </svg>
  );
}

export function CloseIcon() {
  return (
    <svg class="glyph" viewBox="0 0 24 24" width="12" height="12" aria-hidden="true">
      <path d="M5 5l14 14M19 5L5 19" stroke="currentColor" stroke-width="3" stroke-linecap="round" fill="none" />
    </svg>
  );
}

export function RecentAppsIcon() {
  return (
    <svg class="glyph" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
      <rect x="7" y="3" width="14" height="14" rx="3.5" fill="none" stroke="currentColor" stroke-width="2" />
      <path d="M3 8v9.5A3.5 3.5 0 0 0 6.5 21H16" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
    </svg>
  );
}

export function AlertIcon() {
  return (
    <svg class="glyph" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
      <path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm-1 5h2v7h-2zm0 9h2v2h-2z" />
    </svg>
  );
}

export function ChevronUpIcon() {
  return (
    <svg class="glyph" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
      <path d="M6 15l6-6 6 6" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
