/** Inline glyphs, drawn in the text's color: the page loads nothing from outside its resource. */

const glyph = (size: number) => ({ class: 'glyph', width: size, height: size, viewBox: '0 0 24 24', 'aria-hidden': 'true' as const });

export function ComposeIcon() {
  return (
    <svg {...glyph(22)}>
      <path d="M11 4.5H6.5a2 2 0 0 0-2 2v11a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2V13" fill="none" stroke="currentColor" stroke-width="1.9" stroke-linecap="round" />
      <path d="m17.6 3.6 2.8 2.8-8.2 8.2-3.6.8.8-3.6z" fill="none" stroke="currentColor" stroke-width="1.9" stroke-linejoin="round" />
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

export function InboxIcon() {
  return (
    <svg {...glyph(24)}>
      <path
        d="M4 13.5 6.3 5.8A1.8 1.8 0 0 1 8 4.5h8a1.8 1.8 0 0 1 1.7 1.3l2.3 7.7v4.2a1.8 1.8 0 0 1-1.8 1.8H5.8A1.8 1.8 0 0 1 4 17.7z"
        fill="none"
        stroke="currentColor"
        stroke-width="1.8"
        stroke-linejoin="round"
      />
      <path d="M4.3 13.5h4.2l1.2 2.2h4.6l1.2-2.2h4.2" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" />
    </svg>
  );
}

export function SentIcon() {
  return (
    <svg {...glyph(24)}>
      <path d="M20.5 3.5 3.5 10.8l6.6 2.6 2.6 6.6z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" />
      <path d="m10.1 13.4 4.6-4.6" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" />
    </svg>
  );
}

export function ReplyIcon() {
  return (
    <svg {...glyph(20)}>
      <path d="M9.5 6 4 11.5 9.5 17" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
      <path d="M4.5 11.5H14a6 6 0 0 1 6 6V19" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
    </svg>
  );
}

export function EnvelopeIcon() {
  return (
    <svg {...glyph(20)}>
      <rect x="3.5" y="5.5" width="17" height="13" rx="2.2" fill="none" stroke="currentColor" stroke-width="1.8" />
      <path d="m4.5 7 7.5 6 7.5-6" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" />
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
