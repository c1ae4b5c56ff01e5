import { useEffect, useRef, useState } from 'preact/hooks';
import type { HandsetApp } from '@handset/sdk/app';
import { digitsOf, errorText, MAX_GROUP_MEMBERS, MAX_GROUP_NAME_LENGTH, type MessagesApi, type ThreadSummary } from '../messages-api';
import { Avatar, NavBar, useTranslator } from '@handset/sdk/ui';
import { messages } from '../messages';

export interface NewGroupProps {
  app: HandsetApp;
  api: MessagesApi;
  onCancel(): void;
  onCreated(thread: ThreadSummary): void;
}

interface Picked {
  name: string;
  number: string;
}

/** A new group: its name, and its members picked from Contacts one by one. */
export function NewGroup({ app, api, onCancel, onCreated }: NewGroupProps) {
  const t = useTranslator(messages);
  const [name, setName] = useState('');
  const [members, setMembers] = useState<Picked[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameBox = useRef<HTMLInputElement>(null);
  const canAddContacts = app.info.grants.includes('contacts:read');
  const complete = name.trim() !== '' && members.length > 0;

  useEffect(() => nameBox.current?.focus(), []);

  const addMember = async () => {
    setError(null);
    try {
      const contact = await app.pickContact();
      if (!contact) return;
      const number = digitsOf(contact.number);
      setMembers((list) => (list.some((member) => member.number === number) ? list : [...list, { name: contact.name, number }]));
    } catch (failure) {
      setError(errorText(failure, t));
    }
  };

  const create = async () => {
    if (!complete || busy) return;
    setBusy(true);
    setError(null);
    try {
      onCreated(await api.createGroup(name.trim(), members.map((member) => member.number)));
    } catch (failure) {
      setError(errorText(failure, t));
      setBusy(false);
    }
  };

  return (
    <section class="screen form-screen pushed" aria-label={t('newGroup')} aria-busy={busy}>
      <NavBar
        leading={
          <button type="button" class="text-button" onClick={onCancel}>
            {t('cancel')}
          </button>
        }
        title={<h1 class="nav-heading">{t('newGroupTitle')}</h1>}
        trailing={
          <button type="button" class="text-button strong" disabled={!complete || busy} onClick={() => void create()}>
            {t('create')}
          </button>
        }
      />
      <div class="scroll grouped">
        <div class="profile compact">
          <Avatar name="" group size="large" />
        </div>

        {error && (
          <p class="notice" role="alert">
            {error}
          </p>
        )}

        <div class="card">
          <div class="input-row">
            <label for="new-group-name">{t('groupName')}</label>
            <input
              id="new-group-name"
              ref={nameBox}
              value={name}
              maxLength={MAX_GROUP_NAME_LENGTH}
              placeholder={t('required')}
              autoComplete="off"
              spellcheck={false}
              onInput={(event) => setName(event.currentTarget.value)}
              onKeyDown={(event) => event.key === 'Enter' && void create()}
            />
          </div>
        </div>

        <h2 class="card-heading">
          {t('members')} <span class="count">{members.length}</span>
        </h2>
        <ul class="card members">
          {members.map((member) => (
            <li class="member" key={member.number}>
              <Avatar name={member.name} size="small" />
              <span class="member-text">
                <span class="member-name">{member.name}</span>
              </span>
              <button
                type="button"
                class="text-button danger small"
                aria-label={t('removeNamed', { name: member.name })}
                onClick={() => setMembers((list) => list.filter((other) => other.number !== member.number))}
              >
                {t('remove')}
              </button>
            </li>
          ))}
          <li class="member">
            <button
              type="button"
              class="row-button"
              disabled={!canAddContacts || members.length >= MAX_GROUP_MEMBERS}
              onClick={() => void addMember()}
            >
              {t('addMember')}
            </button>
          </li>
        </ul>
        {!canAddContacts && <p class="hint">{t('membersFromContacts')}</p>}
      </div>
    </section>
  );
}
