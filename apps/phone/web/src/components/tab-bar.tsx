import { ClockIcon, KeypadIcon, PersonIcon, StarIcon, type Tab as KitTab, TabBar, useTranslator } from '@handset/sdk/ui';
import { messages } from '../messages';

export type Tab = 'favorites' | 'recents' | 'keypad' | 'contacts';


export const tabId = (tab: Tab) => `tab-${tab}`;
export const PANEL_ID = 'phone-panel';

/** The bottom tabs: Contacts lists the player's contacts inside the Phone app, under the same tabs. */
export function PhoneTabs({ tab, onSelect }: { tab: Tab; onSelect(tab: Tab): void }) {
  const t = useTranslator(messages);
  const tabs: KitTab<Tab>[] = [
    { id: 'favorites', label: t('favorites'), icon: <StarIcon filled /> },
    { id: 'recents', label: t('recents'), icon: <ClockIcon /> },
    { id: 'keypad', label: t('keypad'), icon: <KeypadIcon /> },
    { id: 'contacts', label: t('contacts'), icon: <PersonIcon /> },
  ];
  return <TabBar label={t('phone')} tabs={tabs} selected={tab} panelId={PANEL_ID} onSelect={onSelect} />;
}
