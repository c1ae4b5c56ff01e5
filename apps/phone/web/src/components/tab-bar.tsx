import { ClockIcon, KeypadIcon, PersonIcon, StarIcon, type Tab as KitTab, TabBar, useTranslator } from '@handset/sdk/ui';
import { messages } from '../messages';

export type Tab = 'favorites' | 'recents' | 'keypad';


export const tabId = (tab: Tab) => `tab-${tab}`;
export const PANEL_ID = 'phone-panel';

/** The bottom tabs; Contacts is a shortcut that opens the Contacts app. */
export function PhoneTabs({ tab, onSelect, onContacts }: { tab: Tab; onSelect(tab: Tab): void; onContacts(): void }) {
  const t = useTranslator(messages);
  const tabs: KitTab<Tab>[] = [
    { id: 'favorites', label: t('favorites'), icon: <StarIcon filled /> },
    { id: 'recents', label: t('recents'), icon: <ClockIcon /> },
    { id: 'keypad', label: t('keypad'), icon: <KeypadIcon /> },
  ];
  return (
    <TabBar label={t('phone')} tabs={tabs} selected={tab} panelId={PANEL_ID} onSelect={onSelect}>
      <button type="button" role="tab" aria-selected={false} onClick={onContacts}>
        <PersonIcon />
        <span>{t('contacts')}</span>
      </button>
    </TabBar>
  );
}
