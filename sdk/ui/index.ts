/**
 * The Preact kit of Handset's apps: the pieces every page repeats, styled by `@handset/sdk/ui/base.css`, and
 * hooks over the connected app. Apps on other stacks use base.css alone.
 */
export { ActionSheet, Avatar, EmptyState, ErrorNotice, initialsOf, ListRow, ListSection, NavBar, SearchField, Switch, TabBar, type SheetAction, type Tab } from './components';
export { AppProvider, mountApp, useApp, useContactSuggestions, useMessage, usePaged, useSettings, useTranslator, type Page, type PagedList } from './hooks';
export * from './icons';
export { AccountList, BackBar, ClaimHandle, useTimeAgo, type AccountRowData } from './social';
