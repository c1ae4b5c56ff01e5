import { ClockIcon, KeypadIcon, PersonIcon, StarIcon, TabBar, type Tab as KitTab } from '@handset/sdk/ui';

export type Tab = 'favorites' | 'recents' | 'keypad';

const TABS: KitTab<Tab>[] = [
  { id: 'favorites', label: 'Favorites', icon: <StarIcon filled /> },
  { id: 'recents', label: 'Recents', icon: <ClockIcon /> },
  { id: 'keypad', label: 'Keypad', icon: <KeypadIcon /> },
];

export const tabId = (tab: Tab) => `tab-${tab}`;
export const PANEL_ID = 'phone-panel';

/** The bottom tabs; Contacts is a shortcut that opens the Contacts app. */
export function PhoneTabs({ tab, onSelect, onContacts }: { tab: Tab; onSelect(tab: Tab): void; onContacts(): void }) {
  return (
    <TabBar label="Phone" tabs={TABS} selected={tab} panelId={PANEL_ID} onSelect={onSelect}>
      <button type="button" role="tab" aria-selected={false} onClick={onContacts}>
        <PersonIcon />
        <span>Contacts</span>
      </button>
    </TabBar>
  );
}
