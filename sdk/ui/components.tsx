import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useTranslator } from './hooks';
import { ClearIcon, GroupIcon, PersonIcon, SearchIcon } from './icons';
import { kitMessages } from './messages';

/**
 * A screen's top bar: a leading and a trailing control around a centred title (`.nav-bar` of base.css).
 *
 * @example
 * <NavBar leading={<button class="back" onClick={back}><BackIcon /> Back</button>} title="Lamar" />
 */
export function NavBar({ leading, title, trailing }: { leading?: ComponentChildren; title?: ComponentChildren; trailing?: ComponentChildren }) {
  return (
    <header class="nav-bar">
      <div class="nav-side">{leading}</div>
      <div class="nav-title">{title}</div>
      <div class="nav-side end">{trailing}</div>
    </header>
  );
}

/**
 * One tab of a {@link TabBar}.
 *
 * @example
 * const recents: Tab<'recents'> = { id: 'recents', label: 'Recents', icon: <ClockIcon /> };
 */
export interface Tab<Id extends string> {
  id: Id;
  label: string;
  icon: ComponentChildren;
}

/**
 * The bottom tabs (`.tab-bar`): a tablist whose tabs control `panelId`, each with the id `tab-<id>`.
 *
 * @example
 * <TabBar label="Folders" tabs={folders} selected={folder} panelId="mail-panel" onSelect={setFolder} />
 */
export function TabBar<Id extends string>({
  label,
  tabs,
  selected,
  panelId,
  onSelect,
  children,
}: {
  label: string;
  tabs: Tab<Id>[];
  selected: Id | null;
  panelId: string;
  onSelect(id: Id): void;
  /** Extra buttons after the tabs (a shortcut to another app). */
  children?: ComponentChildren;
}) {
  return (
    <nav class="tab-bar" role="tablist" aria-label={label}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          id={`tab-${tab.id}`}
          aria-selected={tab.id === selected}
          aria-controls={panelId}
          onClick={() => onSelect(tab.id)}
        >
          {tab.icon}
          <span>{tab.label}</span>
        </button>
      ))}
      {children}
    </nav>
  );
}

/**
 * A titled group of rows (`.list-section`), such as the letters of a contact list.
 *
 * @example
 * <ListSection title="A">{contacts.map((contact) => <ListRow key={contact.id} title={contact.displayName} />)}</ListSection>
 */
export function ListSection({ title, children }: { title?: ComponentChildren; children: ComponentChildren }) {
  return (
    <section class="list-section">
      {title && <h2 class="list-section-title">{title}</h2>}
      <ul class="list-rows">{children}</ul>
    </section>
  );
}

/**
 * An on/off switch, for a list row's trailing side; `label` names what it turns on.
 *
 * @example
 * <ListRow title="Airplane Mode" trailing={<Switch label="Airplane Mode" on={airplane} onChange={setAirplane} />} />
 */
export function Switch({ label, on, disabled = false, onChange }: { label: string; on: boolean; disabled?: boolean; onChange(on: boolean): void }) {
  return (
    <button type="button" class="switch" role="switch" aria-label={label} aria-checked={on} disabled={disabled} onClick={() => onChange(!on)}>
      <span class="switch-knob" />
    </button>
  );
}

/**
 * One row of a list: a button when it does something, with a leading avatar or glyph, a title, a subtitle and
 * a trailing detail.
 *
 * @example
 * <ListRow leading={<Avatar name="Lamar Davis" />} title="Lamar Davis" subtitle="555-0142" onClick={open} />
 */
export function ListRow({
  leading,
  title,
  subtitle,
  trailing,
  label,
  onClick,
}: {
  leading?: ComponentChildren;
  title: ComponentChildren;
  subtitle?: ComponentChildren;
  trailing?: ComponentChildren;
  /** The row's accessible name when its text is not enough. */
  label?: string;
  onClick?: () => void;
}) {
  const content = (
    <>
      {leading}
      <span class="list-row-text">
        <span class="list-row-title">{title}</span>
        {subtitle && <span class="list-row-subtitle">{subtitle}</span>}
      </span>
      {trailing && <span class="list-row-trailing">{trailing}</span>}
    </>
  );
  return (
    <li class="list-row">
      {onClick ? (
        <button type="button" class="list-row-content" aria-label={label} onClick={onClick}>
          {content}
        </button>
      ) : (
        <div class="list-row-content">{content}</div>
      )}
    </li>
  );
}

/**
 * A search box (`.search`): Escape clears it first, and only an empty one lets Escape reach the phone.
 *
 * @example
 * <SearchField value={query} onChange={setQuery} />
 */
export function SearchField({ value, onChange, label }: { value: string; onChange(value: string): void; label?: string }) {
  const t = useTranslator(kitMessages);
  label ??= t('search');
  return (
    <div class="search">
      <SearchIcon />
      <input
        type="search"
        aria-label={label}
        placeholder={label}
        value={value}
        maxLength={64}
        autoComplete="off"
        spellcheck={false}
        onInput={(event) => onChange(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && value !== '') {
            event.preventDefault();
            onChange('');
          }
        }}
      />
      {value !== '' && (
        <button type="button" class="clear" aria-label={t('clear')} onClick={() => onChange('')}>
          <ClearIcon />
        </button>
      )}
    </div>
  );
}

/**
 * Up to two capitals of a name (its first two words'); '' when it has no letter (a bare number).
 *
 * @example
 * initialsOf('Lamar Davis'); // 'LD'
 */
export function initialsOf(name: string): string {
  if (!/\p{L}/u.test(name)) return '';
  // Array.from keeps a letter outside the BMP whole.
  return name
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .map((word) => Array.from(word)[0] ?? '')
    .join('')
    .toUpperCase();
}

/**
 * A person's or a group's round badge (`.avatar`): their photo (https only; initials again when it fails to
 * load), their initials, the person glyph for a bare number, or the group glyph.
 *
 * @example
 * <Avatar name="Lamar Davis" imageUrl={contact.avatarUrl} size="large" />
 */
export function Avatar({
  name,
  imageUrl = null,
  group = false,
  size = 'row',
}: {
  name: string;
  imageUrl?: string | null;
  group?: boolean;
  size?: 'small' | 'row' | 'large';
}) {
  const [brokenUrl, setBrokenUrl] = useState<string | null>(null);
  const url = !group && imageUrl?.startsWith('https://') && imageUrl !== brokenUrl ? imageUrl : null;
  const initials = group ? '' : initialsOf(name);
  return (
    <span class={`avatar avatar-${size}`} aria-hidden="true">
      {url ? (
        <img class="private" src={url} alt="" draggable={false} referrerpolicy="no-referrer" onError={() => setBrokenUrl(url)} />
      ) : group ? (
        <GroupIcon />
      ) : (
        initials || <PersonIcon />
      )}
    </span>
  );
}

/**
 * What a screen shows when it has nothing to list (`.empty`): a title, a line, and what to do about it.
 *
 * @example
 * <EmptyState title="No Contacts" message="Contacts you add will appear here." action={{ label: 'Add a contact', onClick: add }} />
 */
export function EmptyState({ title, message, action }: { title: string; message?: ComponentChildren; action?: { label: string; onClick(): void } }) {
  return (
    <div class="empty">
      <p class="empty-title">{title}</p>
      {message && <p>{message}</p>}
      {action && (
        <button type="button" class="text-button" onClick={action.onClick}>
          {action.label}
        </button>
      )}
    </div>
  );
}

/**
 * One choice of an {@link ActionSheet}.
 *
 * @example
 * const remove: SheetAction = { label: 'Delete', destructive: true, onSelect: () => void remove(id) };
 */
export interface SheetAction {
  label: string;
  destructive?: boolean;
  /** Runs after the sheet closed. */
  onSelect(): void;
}

/**
 * A menu of choices sliding up over the page (`.action-sheet`), with Cancel; picking one closes it.
 *
 * @example
 * {menu && <ActionSheet title="Message" actions={[{ label: 'Copy', onSelect: copy }]} onClose={() => setMenu(false)} />}
 */
export function ActionSheet({ title, actions, onClose }: { title?: string; actions: SheetAction[]; onClose(): void }) {
  const t = useTranslator(kitMessages);
  return (
    <div class="action-sheet-backdrop" onClick={(event) => event.target === event.currentTarget && onClose()}>
      <div class="action-sheet" role="menu" aria-label={title ?? t('actions')}>
        {title && <p class="action-sheet-title">{title}</p>}
        {actions.map((action) => (
          <button
            key={action.label}
            type="button"
            role="menuitem"
            class={action.destructive ? 'destructive' : undefined}
            onClick={() => {
              onClose();
              action.onSelect();
            }}
          >
            {action.label}
          </button>
        ))}
        <button type="button" class="cancel" onClick={onClose}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}

/**
 * Why something could not load (`.notice`), read out as an alert, with a button to try again.
 *
 * @example
 * {error && <ErrorNotice message={error} onRetry={reload} />}
 */
export function ErrorNotice({ message, onRetry }: { message: string; onRetry(): void }) {
  const t = useTranslator(kitMessages);
  return (
    <div class="notice">
      <p role="alert">{message}</p>
      <button type="button" class="text-button" onClick={onRetry}>
        {t('tryAgain')}
      </button>
    </div>
  );
}
