/** Inline glyphs, drawn in the text's color: the page loads nothing from outside its resource. */

const glyph = (size: number) => ({ class: 'glyph', width: size, height: size, viewBox: '0 0 24 24', 'aria-hidden': 'true' as const });

export function PlusIcon() {
  return (
    <svg {...glyph(22)}>
      <path d="M12 4.5v15M4.5 12h15" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
    </svg>
  );
}

export function BackIcon() {
  return (
    <svg {...glyph(22)}>
      <path d="M15 4.5 7.5 12l7.5 7.5" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}

export function SearchIcon() {
  return (
    <svg {...glyph(16)}>
      <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" stroke-width="2.2" />
      <path d="m15.5 15.5 5 5" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
    </svg>
  );
}

export function ClearIcon() {
  return (
    <svg {...glyph(16)}>
      <circle cx="12" cy="12" r="10" fill="currentColor" />
      <path d="m8.5 8.5 7 7m0-7-7 7" stroke="var(--bg)" stroke-width="2" stroke-linecap="round" />
    </svg>
  );
}

export function StarIcon({ filled }: { filled: boolean }) {
  return (
    <svg {...glyph(20)}>
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

export function BlockIcon() {
  return (
    <svg {...glyph(20)}>
      <circle cx="12" cy="12" r="8.5" fill="none" stroke="currentColor" stroke-width="2" />
      <path d="m6 6 12 12" stroke="currentColor" stroke-width="2" />
    </svg>
  );
}

export function TrashIcon() {
  return (
    <svg {...glyph(20)}>
      <path
        d="M4.5 6.5h15M9.5 6.5V4.8c0-.7.5-1.3 1.2-1.3h2.6c.7 0 1.2.6 1.2 1.3v1.7m3 0-.8 12.2a1.8 1.8 0 0 1-1.8 1.8H8.1a1.8 1.8 0 0 1-1.8-1.8L5.5 6.5"
        fill="none"
        stroke="currentColor"
        stroke-width="1.8"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
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

export function CallIcon() {
  return (
    <svg {...glyph(20)}>
      <path
        d="M6.6 3.5 9 3.9l1.3 4.3-2 1.6a12 12 0 0 0 5.9 5.9l1.6-2 4.3 1.3.4 2.4c.1.8-.5 1.6-1.3 1.7C11.2 19.6 4.4 12.8 4.9 4.8c.1-.8.9-1.4 1.7-1.3Z"
        fill="currentColor"
      />
    </svg>
  );
}

export function ShareIcon() {
  return (
    <svg {...glyph(20)}>
      <path d="M12 3.5v11M8 7.5l4-4 4 4" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
      <path d="M7 11H5.5v9.5h13V11H17" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
