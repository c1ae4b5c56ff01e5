import type { ComponentChildren } from 'preact';
import { useCallback, useState } from 'preact/hooks';
import { Avatar, ErrorNotice, ListRow, NavBar } from './components';
import { usePaged, useTranslator } from './hooks';
import { BackIcon } from './icons';
import { kitMessages } from './messages';

/**
 * A pushed screen's bar: Back, a title, and an optional trailing control.
 *
 * @example
 * <BackBar title="Followers" onBack={pop} />
 */
export function BackBar({ title, onBack, trailing }: { title: string; onBack(): void; trailing?: ComponentChildren }) {
  const t = useTranslator(kitMessages);
  return (
    <NavBar
      title={title}
      leading={
        <button type="button" class="icon-button" aria-label={t('back')} onClick={onBack}>
          <BackIcon />
        </button>
      }
      trailing={trailing}
    />
  );
}

/**
 * How long ago `at` was, as feeds write it: "now", "5m", "3h", "2d", or the date, in the player's language.
 *
 * @example
 * const ago = useTimeAgo();
 * <span class="time">{ago(post.createdAt, now, locale)}</span>
 */
export function useTimeAgo(): (at: number, now: number, locale: string) => string {
  const t = useTranslator(kitMessages);
  return (at, now, locale) => {
    let value = Math.max(0, Math.floor((now - at) / 1000));
    if (value < 10) return t('now');
    for (const [size, unit] of [
      [60, 'agoSeconds'],
      [60, 'agoMinutes'],
      [24, 'agoHours'],
      [7, 'agoDays'],
    ] as const) {
      if (value < size) return t(unit, { count: value });
      value = Math.floor(value / size);
    }
    return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' }).format(at);
  };
}

/**
 * The first screen of a social app: a handle and a name to claim. `claim` answers the new profile, or throws a
 * failure whose player-facing text `describe` gives.
 *
 * @example
 * <ClaimHandle app="Cloutgram" hint="Pick the handle others find you by." claim={(input) => api.request('profiles.claim', input)} describe={errorText} onDone={setMe} />
 */
export function ClaimHandle<Profile>({
  app,
  hint,
  claim,
  describe,
  onDone,
}: {
  app: string;
  hint: string;
  claim(input: { handle: string; displayName: string }): Promise<Profile>;
  describe(failure: unknown): string;
  onDone(profile: Profile): void;
}) {
  const t = useTranslator(kitMessages);
  const [handle, setHandle] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ready = handle.trim() !== '' && name.trim() !== '' && !busy;
  const send = async () => {
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await claim({ handle: handle.trim().replace(/^@/, ''), displayName: name.trim() }));
    } catch (failure) {
      setError(describe(failure));
      setBusy(false);
    }
  };
  return (
    <section class="screen" aria-label={t('join', { app })}>
      <NavBar title={app} />
      <div class="scroll grouped">
        <div class="intro">
          <p class="intro-title">{t('join', { app })}</p>
          <p>{hint}</p>
        </div>
        <div class="card">
          <div class="input-row">
            <label for="field-handle">{t('handle')}</label>
            <input id="field-handle" value={handle} maxLength={24} autoComplete="off" autoCapitalize="none" spellcheck={false} placeholder={t('handlePlaceholder')} onInput={(event) => setHandle(event.currentTarget.value)} />
          </div>
          <div class="input-row">
            <label for="field-name">{t('name')}</label>
            <input id="field-name" value={name} maxLength={30} autoComplete="off" onInput={(event) => setName(event.currentTarget.value)} onKeyDown={(event) => event.key === 'Enter' && void send()} />
          </div>
        </div>
        {error && (
          <p class="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="button" class="primary" disabled={!ready} onClick={() => void send()}>
          {t('signUp')}
        </button>
      </div>
    </section>
  );
}

/**
 * An account as a list row shows it.
 *
 * @example
 * const row: AccountRowData = { id: 4, handle: 'ana', displayName: 'Ana', avatar: null };
 */
export interface AccountRowData {
  id: number;
  handle: string;
  displayName: string;
  avatar: string | null;
}

/**
 * A keyset-paged list of accounts (followers, likes, viewers, requests, blocked), each row opening the account,
 * with buttons of its own; `done` drops the row (a request answered).
 *
 * @example
 * <AccountList load={(cursor) => api.request('profiles.followers', { id, limit: 20, ...(cursor !== null && { cursor }) })} loadKey={`followers:${id}`} onOpen={openProfile} describe={errorText} />
 */
export function AccountList<Account extends AccountRowData>({
  load,
  loadKey,
  onOpen,
  describe,
  buttons,
}: {
  load(cursor: number | null): Promise<{ accounts: Account[]; cursor: number | null }>;
  /** Changes when the list is another one: it loads again. */
  loadKey: string;
  onOpen(id: number): void;
  describe(failure: unknown): string;
  buttons?: (account: Account, done: () => void) => ComponentChildren;
}) {
  const t = useTranslator(kitMessages);
  const paged = usePaged<Account, number>(
    useCallback(async (cursor) => {
      const page = await load(cursor);
      return { items: page.accounts, next: page.cursor };
    }, [loadKey]),
  );
  return (
    <>
      {paged.error !== null && <ErrorNotice message={describe(paged.error)} onRetry={paged.reload} />}
      {paged.items.length === 0 && !paged.loading && paged.error === null && <p class="placeholder">{t('noOneHere')}</p>}
      <ul class="list-rows">
        {paged.items.map((account) => (
          <ListRow
            key={account.id}
            leading={<Avatar name={account.displayName} imageUrl={account.avatar} size="row" />}
            title={account.displayName}
            subtitle={`@${account.handle}`}
            label={`@${account.handle}`}
            onClick={() => onOpen(account.id)}
            trailing={buttons?.(account, () => paged.update((items) => items.filter((item) => item.id !== account.id)))}
          />
        ))}
      </ul>
      {!paged.loading && !paged.done && paged.items.length > 0 && (
        <button type="button" class="more" onClick={paged.loadMore}>
          {t('more')}
        </button>
      )}
    </>
  );
}
