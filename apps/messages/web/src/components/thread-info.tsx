import { useEffect, useState } from 'preact/hooks';
import type { HandsetApp } from '@handset/sdk/app';
import { digitsOf, errorText, MAX_GROUP_NAME_LENGTH, type Member, type MessagesApi, type ThreadSettings, type ThreadSummary } from '../messages-api';
import { memberName } from '../threads';
import { Avatar, BackIcon, NavBar, useTranslator } from '@handset/sdk/ui';
import { messages } from '../messages';

export interface ThreadInfoProps {
  app: HandsetApp;
  api: MessagesApi;
  thread: ThreadSummary;
  onBack(): void;
  /** A changed summary, as an action answered it. */
  onChanged(thread: ThreadSummary): void;
  onLeft(): void;
}

/** A thread's details: its members (a group's admin manages them and the name), its settings, and Leave for a group. */
export function ThreadInfo({ app, api, thread, onBack, onChanged, onLeft }: ThreadInfoProps) {
  const t = useTranslator(messages);
  const [name, setName] = useState(thread.title);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const group = thread.kind === 'group';
  const manage = group && thread.admin;
  const heading = group ? t('groupInfo') : t('details');

  // Renamed by another admin while shown.
  useEffect(() => setName(thread.title), [thread.title]);

  /** Runs one action, its buttons waiting, showing its refusal. */
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  };

  const rename = () => {
    const trimmed = name.trim();
    if (trimmed === '' || trimmed === thread.title || busy) return;
    void run(async () => onChanged(await api.rename(thread.id, trimmed)));
  };

  const addMember = () =>
    run(async () => {
      const contact = await app.pickContact();
      if (contact) onChanged(await api.addMember(thread.id, digitsOf(contact.number)));
    });

  const removeMember = (member: Member) =>
    run(async () => {
      const confirmed = await app.confirm({
        title: t('removeFromGroup'),
        message: t('removeFromGroupMessage', { name: memberName(member) }),
        confirmLabel: t('remove'),
        destructive: true,
      });
      if (confirmed) onChanged(await api.removeMember(thread.id, member.number));
    });

  const leave = () =>
    run(async () => {
      const confirmed = await app.confirm({
        title: t('leaveGroupTitle'),
        message: t('leaveGroupMessage', { group: thread.title }),
        confirmLabel: t('leave'),
        destructive: true,
      });
      if (!confirmed) return;
      await api.leave(thread.id);
      onLeft();
    });

  const setting = (key: keyof ThreadSettings, value: boolean) => run(async () => onChanged(await api.settings(thread.id, { [key]: value })));

  const addContact = (member: Member) =>
    run(() => app.openApp('contacts', `add?number=${encodeURIComponent(member.number)}`));

  return (
    <section class="screen info-screen pushed" aria-label={heading} aria-busy={busy}>
      <NavBar
        leading={
          <button type="button" class="back" aria-label={t('back')} onClick={onBack}>
            <BackIcon />
          </button>
        }
        title={<h1 class="nav-heading">{heading}</h1>}
      />
      <div class="scroll grouped">
        <div class="profile">
          <Avatar name={thread.title} group={group} size="large" />
          <p class="profile-name">{thread.title}</p>
          {group ? (
            <p class="profile-sub">{t('memberCount', { count: thread.members.length + 1 })}</p>
          ) : (
            thread.members[0] && thread.members[0].name !== null && <p class="profile-sub">{thread.members[0].displayNumber}</p>
          )}
        </div>

        {error && (
          <p class="notice" role="alert">
            {error}
          </p>
        )}

        {manage && (
          <div class="card">
            <div class="input-row">
              <label for="group-name">{t('groupName')}</label>
              <input
                id="group-name"
                value={name}
                maxLength={MAX_GROUP_NAME_LENGTH}
                autoComplete="off"
                spellcheck={false}
                onInput={(event) => setName(event.currentTarget.value)}
                onKeyDown={(event) => event.key === 'Enter' && rename()}
              />
              <button
                type="button"
                class="text-button strong"
                disabled={busy || name.trim() === '' || name.trim() === thread.title}
                onClick={rename}
              >
                {t('save')}
              </button>
            </div>
          </div>
        )}

        {/* A direct thread's one member is the profile above; listed only to offer Add to contacts. */}
        {(group || thread.members.some((member) => member.name === null)) && (
          <>
            <h2 class="card-heading">{group ? t('members') : t('contact')}</h2>
            <ul class="card members">
              {group && (
                <li class="member">
                  <Avatar name="" size="small" />
                  <span class="member-text">
                    <span class="member-name">{t('you')}</span>
                  </span>
                  {thread.admin && <span class="tag">{t('admin')}</span>}
                </li>
              )}
              {thread.members.map((member) => (
                <li class="member" key={member.number}>
                  <Avatar name={member.name ?? ''} size="small" />
                  <span class="member-text">
                    <span class="member-name">{memberName(member)}</span>
                    {member.name !== null && <span class="member-number">{member.displayNumber}</span>}
                  </span>
                  {member.admin && <span class="tag">{t('admin')}</span>}
                  {manage && (
                    <button
                      type="button"
                      class="text-button danger small"
                      aria-label={t('removeNamed', { name: memberName(member) })}
                      disabled={busy}
                      onClick={() => void removeMember(member)}
                    >
                      {t('remove')}
                    </button>
                  )}
                  {member.name === null && (
                    <button type="button" class="text-button small" disabled={busy} onClick={() => void addContact(member)}>
                      {t('addToContacts')}
                    </button>
                  )}
                </li>
              ))}
              {manage && (
                <li class="member">
                  <button type="button" class="row-button" disabled={busy} onClick={() => void addMember()}>
                    {t('addMember')}
                  </button>
                </li>
              )}
            </ul>
          </>
        )}

        <h2 class="card-heading">{t('settings')}</h2>
        <div class="card">
          <Toggle label={t('readReceipts')} checked={thread.settings.readReceipts} disabled={busy} onChange={(value) => void setting('readReceipts', value)} />
          <Toggle label={t('typingIndicator')} checked={thread.settings.typing} disabled={busy} onChange={(value) => void setting('typing', value)} />
        </div>

        {group && (
          <div class="card">
            <button type="button" class="row-button danger" disabled={busy} onClick={() => void leave()}>
              {t('leaveGroup')}
            </button>
          </div>
        )}
      </div>
    </section>
  );
}

function Toggle({ label, checked, disabled, onChange }: { label: string; checked: boolean; disabled: boolean; onChange(value: boolean): void }) {
  return (
    <label class="toggle-row">
      <span>{label}</span>
      <input
        type="checkbox"
        role="switch"
        class="switch"
        checked={checked}
        disabled={disabled}
        onChange={(event) => {
          const value = event.currentTarget.checked;
          // The switch shows the server's answer, not the click.
          event.currentTarget.checked = checked;
          onChange(value);
        }}
      />
    </label>
  );
}
