import type { ComponentChildren } from 'preact';
import { ClockIcon, KeypadIcon, PersonIcon, StarIcon } from './icons';

export type Tab = 'favorites' | 'recents' | 'keypad';

const TABS: { tab: Tab; label: string; icon: ComponentChildren }[] = [
  { tab: 'favorites', label: 'Favorites', icon: <StarIcon filled /> },
  { tab: 'recents', label: 'Recents', icon: <ClockIcon /> },
  { tab: 'keypad', label: 'Keypad', icon: <KeypadIcon /> },
];

export const tabId = (tab: Tab) => `tab-${tab}`;
export const PANEL_ID = 'phone-panel';

/** The bottom tabs; Contacts is a shortcut that opens the Contacts app. */
export function TabBar({ tab, onSelect, onContacts }: { tab: Tab; onSelect(tab: Tab): void; onContacts(): void }) {
  return (
    <nav class="tab-bar" role="tablist" aria-label="Phone">
      {TABS.map((item) => (
        <button
          key={item.tab}
          type="button"
          role="tab"
          id={tabId(item.tab)}
          aria-selected={item.tab === tab}
          aria-controls={PANEL_ID}
          onClick={() => onSelect(item.tab)}
        >
          {item.icon}
          <span>{item.label}</span>
        </button>
      ))}
      <button type="button" role="tab" aria-selected={false} onClick={onContacts}>
        <PersonIcon />
        <span>Contacts</span>
      </button>
    </nav>
  );
}
