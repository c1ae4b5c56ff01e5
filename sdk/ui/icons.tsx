/** One icon set for every app: inline glyphs drawn in the text's colour, so a page loads nothing from outside. */

const glyph = (size: number, name?: string) => ({ class: name ? `glyph ${name}` : 'glyph', width: size, height: size, viewBox: '0 0 24 24', 'aria-hidden': 'true' as const });

const HANDSET =
  'M7.4 2.6c.6-.2 1.3.1 1.6.7l1.6 3.3c.3.6.1 1.3-.3 1.7L8.7 9.7c-.3.3-.4.7-.2 1.1 1 2 2.6 3.6 4.6 4.6.4.2.8.1 1.1-.2l1.4-1.6c.4-.5 1.2-.6 1.8-.3l3.2 1.7c.6.3.9 1 .7 1.7l-.6 2.1c-.3 1.1-1.3 1.8-2.4 1.8C9.9 20.3 3 13.2 2.6 5.1c0-1.1.6-2.1 1.7-2.4z';

const line = { fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' } as const;

/**
 * The handset glyph.
 *
 * @example
 * <button aria-label="…"><HandsetIcon /></button>
 */
export function HandsetIcon({ size = 28 }: { size?: number }) {
  return (
    <svg {...glyph(size)}>
      <path d={HANDSET} fill="currentColor" />
    </svg>
  );
}

/**
 * The handset turned down, as on a red Hang up or Decline button.
 *
 * @example
 * <button aria-label="…"><HangUpIcon /></button>
 */
export function HangUpIcon() {
  return (
    <svg {...glyph(32)}>
      <path d={HANDSET} fill="currentColor" transform="rotate(135 12 12)" />
    </svg>
  );
}

/**
 * The video glyph.
 *
 * @example
 * <button aria-label="…"><VideoIcon /></button>
 */
export function VideoIcon({ size = 26 }: { size?: number }) {
  return (
    <svg {...glyph(size)}>
      <rect x="2.5" y="6" width="13" height="12" rx="3" fill="currentColor" />
      <path d="m17 10.2 4.5-2.8v9.2L17 13.8z" fill="currentColor" />
    </svg>
  );
}

/**
 * The delete glyph.
 *
 * @example
 * <button aria-label="…"><DeleteIcon /></button>
 */
export function DeleteIcon() {
  return (
    <svg {...glyph(30)}>
      <path d="M8.6 5h10.9A2.5 2.5 0 0 1 22 7.5v9a2.5 2.5 0 0 1-2.5 2.5H8.6a2 2 0 0 1-1.5-.7L2 12l5.1-6.3A2 2 0 0 1 8.6 5z" fill="currentColor" />
      <path d="m11.5 9 6 6m0-6-6 6" stroke="var(--bg)" stroke-width="1.8" stroke-linecap="round" />
    </svg>
  );
}

/**
 * The star glyph.
 *
 * @example
 * <button aria-label="…"><StarIcon /></button>
 */
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

/**
 * The clock glyph.
 *
 * @example
 * <button aria-label="…"><ClockIcon /></button>
 */
export function ClockIcon() {
  return (
    <svg {...glyph(24)}>
      <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="1.9" />
      <path d="M12 7v5.3l3.4 2" fill="none" stroke="currentColor" stroke-width="1.9" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}

/**
 * The keypad glyph.
 *
 * @example
 * <button aria-label="…"><KeypadIcon /></button>
 */
export function KeypadIcon() {
  return (
    <svg {...glyph(24)}>
      {[5, 12, 19].flatMap((y) => [5, 12, 19].map((x) => <circle key={`${x}-${y}`} cx={x} cy={y - 1} r="2.1" fill="currentColor" />))}
      <circle cx="12" cy="22.2" r="1.8" fill="currentColor" />
    </svg>
  );
}

/**
 * The person glyph.
 *
 * @example
 * <button aria-label="…"><PersonIcon /></button>
 */
export function PersonIcon({ size = 24 }: { size?: number }) {
  return (
    <svg {...glyph(size, 'person')}>
      <circle cx="12" cy="8.5" r="4.3" fill="currentColor" />
      <path d="M3.8 21.5c0-4.6 3.7-7.8 8.2-7.8s8.2 3.2 8.2 7.8z" fill="currentColor" />
    </svg>
  );
}

/**
 * Recents' direction mark: an arrow leaving (outgoing) or arriving (incoming).
 *
 * @example
 * <button aria-label="…"><DirectionIcon /></button>
 */
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

/**
 * The mute glyph.
 *
 * @example
 * <button aria-label="…"><MuteIcon /></button>
 */
export function MuteIcon() {
  return (
    <svg {...glyph(28)}>
      <rect x="9" y="2.5" width="6" height="11.5" rx="3" fill="currentColor" />
      <path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21" fill="none" stroke="currentColor" stroke-width="1.9" stroke-linecap="round" />
      <path d="m4 3 16 18" stroke="currentColor" stroke-width="1.9" stroke-linecap="round" />
    </svg>
  );
}

/**
 * The speaker glyph.
 *
 * @example
 * <button aria-label="…"><SpeakerIcon /></button>
 */
export function SpeakerIcon() {
  return (
    <svg {...glyph(28)}>
      <path d="M3.5 9.5h3.3L12 5v14l-5.2-4.5H3.5z" fill="currentColor" />
      <path d="M15.5 9a4 4 0 0 1 0 6m2.5-8.6a7.5 7.5 0 0 1 0 11.2" fill="none" stroke="currentColor" stroke-width="1.9" stroke-linecap="round" />
    </svg>
  );
}

/**
 * The plus glyph.
 *
 * @example
 * <button aria-label="…"><PlusIcon /></button>
 */
export function PlusIcon() {
  return (
    <svg {...glyph(22)}>
      <path d="M12 4.5v15M4.5 12h15" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
    </svg>
  );
}

/**
 * The minus glyph.
 *
 * @example
 * <button aria-label="…"><MinusIcon /></button>
 */
export function MinusIcon() {
  return (
    <svg {...glyph(22)}>
      <circle cx="12" cy="12" r="10" fill="currentColor" />
      <path d="M7.5 12h9" stroke="#fff" stroke-width="2.2" stroke-linecap="round" />
    </svg>
  );
}

/**
 * The back glyph.
 *
 * @example
 * <button aria-label="…"><BackIcon /></button>
 */
export function BackIcon() {
  return (
    <svg {...glyph(22)}>
      <path d="M15 4.5 7.5 12l7.5 7.5" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}

/**
 * The search glyph.
 *
 * @example
 * <button aria-label="…"><SearchIcon /></button>
 */
export function SearchIcon() {
  return (
    <svg {...glyph(16)}>
      <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" stroke-width="2.2" />
      <path d="m15.5 15.5 5 5" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
    </svg>
  );
}

/**
 * The clear glyph.
 *
 * @example
 * <button aria-label="…"><ClearIcon /></button>
 */
export function ClearIcon() {
  return (
    <svg {...glyph(16)}>
      <circle cx="12" cy="12" r="10" fill="currentColor" />
      <path d="m8.5 8.5 7 7m0-7-7 7" stroke="var(--bg)" stroke-width="2" stroke-linecap="round" />
    </svg>
  );
}

/**
 * The block glyph.
 *
 * @example
 * <button aria-label="…"><BlockIcon /></button>
 */
export function BlockIcon() {
  return (
    <svg {...glyph(20)}>
      <circle cx="12" cy="12" r="8.5" fill="none" stroke="currentColor" stroke-width="2" />
      <path d="m6 6 12 12" stroke="currentColor" stroke-width="2" />
    </svg>
  );
}

/**
 * The trash glyph.
 *
 * @example
 * <button aria-label="…"><TrashIcon /></button>
 */
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

/**
 * The call glyph.
 *
 * @example
 * <button aria-label="…"><CallIcon /></button>
 */
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

/**
 * The share glyph.
 *
 * @example
 * <button aria-label="…"><ShareIcon /></button>
 */
export function ShareIcon() {
  return (
    <svg {...glyph(20)}>
      <path d="M12 3.5v11M8 7.5l4-4 4 4" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
      <path d="M7 11H5.5v9.5h13V11H17" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}

/**
 * The compose glyph.
 *
 * @example
 * <button aria-label="…"><ComposeIcon /></button>
 */
export function ComposeIcon() {
  return (
    <svg {...glyph(22)}>
      <path d="M19 13.5V19a1.5 1.5 0 0 1-1.5 1.5h-12A1.5 1.5 0 0 1 4 19V7a1.5 1.5 0 0 1 1.5-1.5H11" {...line} />
      <path d="m17.6 3.6 2.8 2.8-8.6 8.6-3.6.8.8-3.6z" {...line} />
    </svg>
  );
}

/**
 * The new group glyph.
 *
 * @example
 * <button aria-label="…"><NewGroupIcon /></button>
 */
export function NewGroupIcon() {
  return (
    <svg {...glyph(22)}>
      <circle cx="9" cy="8.5" r="3.5" {...line} />
      <path d="M2.5 19.5c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6" {...line} />
      <path d="M19 8v6M16 11h6" {...line} />
    </svg>
  );
}

/**
 * The info glyph.
 *
 * @example
 * <button aria-label="…"><InfoIcon /></button>
 */
export function InfoIcon() {
  return (
    <svg {...glyph(22)}>
      <circle cx="12" cy="12" r="9" {...line} stroke-width="1.8" />
      <path d="M12 11v5.5" {...line} stroke-width="2" />
      <circle cx="12" cy="7.6" r="1.2" fill="currentColor" />
    </svg>
  );
}

/**
 * The send glyph.
 *
 * @example
 * <button aria-label="…"><SendIcon /></button>
 */
export function SendIcon() {
  return (
    <svg {...glyph(18)}>
      <path d="M12 19V5.5M6 11l6-6 6 6" {...line} stroke-width="2.6" />
    </svg>
  );
}

/**
 * The photo glyph.
 *
 * @example
 * <button aria-label="…"><PhotoIcon /></button>
 */
export function PhotoIcon() {
  return (
    <svg {...glyph(22)}>
      <rect x="3" y="5" width="18" height="14" rx="2.5" {...line} stroke-width="1.8" />
      <circle cx="8.5" cy="10" r="1.6" fill="currentColor" />
      <path d="m4 17 5-4.5 3.5 3 3-2.5L20 17" {...line} stroke-width="1.8" />
    </svg>
  );
}

/**
 * The camera glyph.
 *
 * @example
 * <button aria-label="…"><CameraIcon /></button>
 */
export function CameraIcon() {
  return (
    <svg {...glyph(22)}>
      <path d="M4.5 7.5h3l1.6-2.3h5.8l1.6 2.3h3a1.5 1.5 0 0 1 1.5 1.5v9a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 18V9a1.5 1.5 0 0 1 1.5-1.5z" {...line} stroke-width="1.8" />
      <circle cx="12" cy="13" r="3.4" {...line} stroke-width="1.8" />
    </svg>
  );
}

/**
 * The contact card glyph.
 *
 * @example
 * <button aria-label="…"><ContactCardIcon /></button>
 */
export function ContactCardIcon() {
  return (
    <svg {...glyph(22)}>
      <circle cx="12" cy="9" r="3.6" {...line} stroke-width="1.8" />
      <path d="M5 20c0-3.9 3.1-6.5 7-6.5s7 2.6 7 6.5" {...line} stroke-width="1.8" />
    </svg>
  );
}

/**
 * The pin glyph.
 *
 * @example
 * <button aria-label="…"><PinIcon /></button>
 */
export function PinIcon() {
  return (
    <svg {...glyph(22)}>
      <path d="M12 21s-6.5-6.2-6.5-11.2a6.5 6.5 0 0 1 13 0C18.5 14.8 12 21 12 21z" fill="currentColor" />
      <circle cx="12" cy="9.8" r="2.4" fill="var(--pin-dot, #fff)" />
    </svg>
  );
}

/**
 * The more glyph.
 *
 * @example
 * <button aria-label="…"><MoreIcon /></button>
 */
export function MoreIcon() {
  return (
    <svg {...glyph(18)}>
      <circle cx="5.5" cy="12" r="1.8" fill="currentColor" />
      <circle cx="12" cy="12" r="1.8" fill="currentColor" />
      <circle cx="18.5" cy="12" r="1.8" fill="currentColor" />
    </svg>
  );
}

/**
 * The close glyph.
 *
 * @example
 * <button aria-label="…"><CloseIcon /></button>
 */
export function CloseIcon() {
  return (
    <svg {...glyph(14)}>
      <path d="m6 6 12 12M18 6 6 18" {...line} stroke-width="2.4" />
    </svg>
  );
}

/**
 * The alert glyph.
 *
 * @example
 * <button aria-label="…"><AlertIcon /></button>
 */
export function AlertIcon() {
  return (
    <svg {...glyph(18)}>
      <circle cx="12" cy="12" r="10" fill="currentColor" />
      <path d="M12 6.5v7" stroke="#fff" stroke-width="2.4" stroke-linecap="round" />
      <circle cx="12" cy="17.2" r="1.4" fill="#fff" />
    </svg>
  );
}

/**
 * The group glyph.
 *
 * @example
 * <button aria-label="…"><GroupIcon /></button>
 */
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

/**
 * The inbox glyph.
 *
 * @example
 * <button aria-label="…"><InboxIcon /></button>
 */
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

/**
 * The sent glyph.
 *
 * @example
 * <button aria-label="…"><SentIcon /></button>
 */
export function SentIcon() {
  return (
    <svg {...glyph(24)}>
      <path d="M20.5 3.5 3.5 10.8l6.6 2.6 2.6 6.6z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" />
      <path d="m10.1 13.4 4.6-4.6" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" />
    </svg>
  );
}

/**
 * The reply glyph.
 *
 * @example
 * <button aria-label="…"><ReplyIcon /></button>
 */
export function ReplyIcon() {
  return (
    <svg {...glyph(20)}>
      <path d="M9.5 6 4 11.5 9.5 17" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
      <path d="M4.5 11.5H14a6 6 0 0 1 6 6V19" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
    </svg>
  );
}

/**
 * The envelope glyph.
 *
 * @example
 * <button aria-label="…"><EnvelopeIcon /></button>
 */
export function EnvelopeIcon() {
  return (
    <svg {...glyph(20)}>
      <rect x="3.5" y="5.5" width="17" height="13" rx="2.2" fill="none" stroke="currentColor" stroke-width="1.8" />
      <path d="m4.5 7 7.5 6 7.5-6" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" />
    </svg>
  );
}
