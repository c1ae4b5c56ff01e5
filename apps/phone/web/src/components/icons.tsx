/** Inline glyphs, drawn in the text's color: the page loads nothing from outside its resource. */

const glyph = (size: number) => ({ class: 'glyph', width: size, height: size, viewBox: '0 0 24 24', 'aria-hidden': 'true' as const });

const HANDSET =
  'M7.4 2.6c.6-.2 1.3.1 1.6.7l1.6 3.3c.3.6.1 1.3-.3 1.7L8.7 9.7c-.3.3-.4.7-.2 1.1 1 2 2.6 3.6 4.6 4.6.4.2.8.1 1.1-.2l1.4-1.6c.4-.5 1.2-.6 1.8-.3l3.2 1.7c.6.3.9 1 .7 1.7l-.6 2.1c-.3 1.1-1.3 1.8-2.4 1.8C9.9 20.3 3 13.2 2.6 5.1c0-1.1.6-2.1 1.7-2.4z';

export function HandsetIcon({ size = 28 }: { size?: number }) {
  return (
    <svg {...glyph(size)}>
      <path d={HANDSET} fill="currentColor" />
    </svg>
  );
}

/** The handset turned down, as on a red Hang up or Decline button. */
export function HangUpIcon() {
  return (
    <svg {...glyph(32)}>
      <path d={HANDSET} fill="currentColor" transform="rotate(135 12 12)" />
    </svg>
  );
}

export function VideoIcon({ size = 26 }: { size?: number }) {
  return (
    <svg {...glyph(size)}>
      <rect x="2.5" y="6" width="13" height="12" rx="3" fill="currentColor" />
      <path d="m17 10.2 4.5-2.8v9.2L17 13.8z" fill="currentColor" />
    </svg>
  );
}

export function DeleteIcon() {
  return (
    <svg {...glyph(30)}>
      <path d="M8.6 5h10.9A2.5 2.5 0 0 1 22 7.5v9a2.5 2.5 0 0 1-2.5 2.5H8.6a2 2 0 0 1-1.5-.7L2 12l5.1-6.3A2 2 0 0 1 8.6 5z" fill="currentColor" />
      <path d="m11.5 9 6 6m0-6-6 6" stroke="var(--bg)" stroke-width="1.8" stroke-linecap="round" />
    </svg>
  );
}

export function StarIcon({ filled = false }: { filled?: boolean }) {
  return (
    <svg {...glyph(24)}>
      <path
        d="m12 3.2 2.7 5.6 6.1.8-4.5 4.2 1.1 6.1L12 17l-5.4 2.9 1.1-6.1-4.5-4.2 6.1-.8z"
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        stroke-width="1.8"
        stroke-linejoin="round"
      />
    </svg>
  );
}

export function ClockIcon() {
  return (
    <svg {...glyph(24)}>
      <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="1.9" />
      <path d="M12 7v5.3l3.4 2" fill="none" stroke="currentColor" stroke-width="1.9" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}

export function KeypadIcon() {
  return (
    <svg {...glyph(24)}>
      {[5, 12, 19].flatMap((y) => [5, 12, 19].map((x) => <circle key={`${x}-${y}`} cx={x} cy={y - 1} r="2.1" fill="currentColor" />))}
      <circle cx="12" cy="22.2" r="1.8" fill="currentColor" />
    </svg>
  );
}

export function PersonIcon({ size = 24 }: { size?: number }) {
  return (
    <svg {...glyph(size)}>
      <circle cx="12" cy="8.5" r="4.3" fill="currentColor" />
      <path d="M3.8 21.5c0-4.6 3.7-7.8 8.2-7.8s8.2 3.2 8.2 7.8z" fill="currentColor" />
    </svg>
  );
}

/** Recents' direction mark: an arrow leaving (outgoing) or arriving (incoming). */
export function DirectionIcon({ direction }: { direction: 'outgoing' | 'incoming' }) {
  return (
    <svg {...glyph(14)}>
      <path
        d={direction === 'outgoing' ? 'M7 17 17 7m-7.5 0H17v7.5' : 'M17 7 7 17m0-7.5V17h7.5'}
        fill="none"
        stroke="currentColor"
        stroke-width="2.2"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  );
}

export function MuteIcon() {
  return (
    <svg {...glyph(28)}>
      <rect x="9" y="2.5" width="6" height="11.5" rx="3" fill="currentColor" />
      <path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21" fill="none" stroke="currentColor" stroke-width="1.9" stroke-linecap="round" />
      <path d="m4 3 16 18" stroke="currentColor" stroke-width="1.9" stroke-linecap="round" />
    </svg>
  );
}

export function SpeakerIcon() {
  return (
    <svg {...glyph(28)}>
      <path d="M3.5 9.5h3.3L12 5v14l-5.2-4.5H3.5z" fill="currentColor" />
      <path d="M15.5 9a4 4 0 0 1 0 6m2.5-8.6a7.5 7.5 0 0 1 0 11.2" fill="none" stroke="currentColor" stroke-width="1.9" stroke-linecap="round" />
    </svg>
  );
}

export function PlusIcon() {
  return (
    <svg {...glyph(22)}>
      <path d="M12 4.5v15M4.5 12h15" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
    </svg>
  );
}

export function MinusIcon() {
  return (
    <svg {...glyph(22)}>
      <circle cx="12" cy="12" r="10" fill="currentColor" />
      <path d="M7.5 12h9" stroke="#fff" stroke-width="2.2" stroke-linecap="round" />
    </svg>
  );
}
