/** Inline glyphs, drawn in the text's color: the page loads nothing from outside its resource. */

const glyph = (size: number) => ({ class: 'glyph', width: size, height: size, viewBox: '0 0 24 24', 'aria-hidden': 'true' as const });
const line = { fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' } as const;

export function ComposeIcon() {
  return (
    <svg {...glyph(22)}>
      <path d="M19 13.5V19a1.5 1.5 0 0 1-1.5 1.5h-12A1.5 1.5 0 0 1 4 19V7a1.5 1.5 0 0 1 1.5-1.5H11" {...line} />
      <path d="m17.6 3.6 2.8 2.8-8.6 8.6-3.6.8.8-3.6z" {...line} />
    </svg>
  );
}

export function NewGroupIcon() {
  return (
    <svg {...glyph(22)}>
      <circle cx="9" cy="8.5" r="3.5" {...line} />
      <path d="M2.5 19.5c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6" {...line} />
      <path d="M19 8v6M16 11h6" {...line} />
    </svg>
  );
}

export function BackIcon() {
  return (
    <svg {...glyph(22)}>
      <path d="M15 4.5 7.5 12l7.5 7.5" {...line} stroke-width="2.4" />
    </svg>
  );
}

export function InfoIcon() {
  return (
    <svg {...glyph(22)}>
      <circle cx="12" cy="12" r="9" {...line} stroke-width="1.8" />
      <path d="M12 11v5.5" {...line} stroke-width="2" />
      <circle cx="12" cy="7.6" r="1.2" fill="currentColor" />
    </svg>
  );
}

export function SendIcon() {
  return (
    <svg {...glyph(18)}>
      <path d="M12 19V5.5M6 11l6-6 6 6" {...line} stroke-width="2.6" />
    </svg>
  );
}

export function PhotoIcon() {
  return (
    <svg {...glyph(22)}>
      <rect x="3" y="5" width="18" height="14" rx="2.5" {...line} stroke-width="1.8" />
      <circle cx="8.5" cy="10" r="1.6" fill="currentColor" />
      <path d="m4 17 5-4.5 3.5 3 3-2.5L20 17" {...line} stroke-width="1.8" />
    </svg>
  );
}

export function CameraIcon() {
  return (
    <svg {...glyph(22)}>
      <path d="M4.5 7.5h3l1.6-2.3h5.8l1.6 2.3h3a1.5 1.5 0 0 1 1.5 1.5v9a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 18V9a1.5 1.5 0 0 1 1.5-1.5z" {...line} stroke-width="1.8" />
      <circle cx="12" cy="13" r="3.4" {...line} stroke-width="1.8" />
    </svg>
  );
}

export function ContactCardIcon() {
  return (
    <svg {...glyph(22)}>
      <circle cx="12" cy="9" r="3.6" {...line} stroke-width="1.8" />
      <path d="M5 20c0-3.9 3.1-6.5 7-6.5s7 2.6 7 6.5" {...line} stroke-width="1.8" />
    </svg>
  );
}

export function PinIcon() {
  return (
    <svg {...glyph(22)}>
      <path d="M12 21s-6.5-6.2-6.5-11.2a6.5 6.5 0 0 1 13 0C18.5 14.8 12 21 12 21z" fill="currentColor" />
      <circle cx="12" cy="9.8" r="2.4" fill="var(--pin-dot, #fff)" />
    </svg>
  );
}

export function MoreIcon() {
  return (
    <svg {...glyph(18)}>
      <circle cx="5.5" cy="12" r="1.8" fill="currentColor" />
      <circle cx="12" cy="12" r="1.8" fill="currentColor" />
      <circle cx="18.5" cy="12" r="1.8" fill="currentColor" />
    </svg>
  );
}

export function CloseIcon() {
  return (
    <svg {...glyph(14)}>
      <path d="m6 6 12 12M18 6 6 18" {...line} stroke-width="2.4" />
    </svg>
  );
}

export function AlertIcon() {
  return (
    <svg {...glyph(18)}>
      <circle cx="12" cy="12" r="10" fill="currentColor" />
      <path d="M12 6.5v7" stroke="#fff" stroke-width="2.4" stroke-linecap="round" />
      <circle cx="12" cy="17.2" r="1.4" fill="#fff" />
    </svg>
  );
}

export function PersonIcon() {
  return (
    <svg class="glyph person" viewBox="0 0 24 24" aria-hidden="true">
      <circle cx="12" cy="9.5" r="4.6" fill="currentColor" />
      <path d="M3 24c0-5.5 4-9.5 9-9.5s9 4 9 9.5z" fill="currentColor" />
    </svg>
  );
}

export function GroupIcon() {
  return (
    <svg class="glyph group" viewBox="0 0 24 24" aria-hidden="true">
      <circle cx="8.2" cy="10" r="3.3" fill="currentColor" opacity="0.75" />
      <path d="M1.5 21c0-3.9 3-6.8 6.7-6.8 1.4 0 2.7.4 3.8 1.1-1.7 1.4-2.8 3.4-2.8 5.7z" fill="currentColor" opacity="0.75" />
      <circle cx="15" cy="9.3" r="4" fill="currentColor" />
      <path d="M7 22c0-4.6 3.6-8.2 8-8.2s8 3.6 8 8.2z" fill="currentColor" />
    </svg>
  );
}
