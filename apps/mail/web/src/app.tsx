import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { SdkError, type HandsetApp } from '@handset/sdk/app';
import { ClaimScreen } from './components/claim-screen';
import { Compose } from './components/compose';
import { Mailbox, type FolderState } from './components/mailbox';
import { MailView } from './components/mail-view';
import { EMPTY_DRAFT, errorText, mailApi, replyDraft, summaryOf, type Draft, type Folder, type Mail, type MailAddress, type MailSummary } from './mail-api';
import { ErrorNotice, useSettings, useTranslator } from '@handset/sdk/ui';
import { messages } from './messages';

type Screen =
  | { name: 'mailbox' }
  | { name: 'change' }
  | { name: 'view'; folder: Folder; id: number }
  /** `opened` tells apart two drafts with the same fields, so each opens a fresh form. */
  | { name: 'compose'; draft: Draft; opened: number };

const MAILBOX: Screen = { name: 'mailbox' };
const UNLOADED: FolderState = { mails: null, cursor: null, loading: false, error: null };

const isNotFound = (error: unknown) => error instanceof SdkError && error.code === 'NOT_FOUND';

/** The list without `id`, and with `mail` first when given (newest first: a new mail is the newest). */
const withMail = (mails: MailSummary[] | null, id: number, mail?: MailSummary) =>
  mails === null ? null : [...(mail ? [mail] : []), ...mails.filter((other) => other.id !== id)];

export function App({ app }: { app: HandsetApp }) {
  const t = useTranslator(messages);
  const api = useMemo(() => mailApi(app), [app]);
  const { locale } = useSettings();
  /** Undefined until the first answer; null when the character has not claimed one. */
  const [address, setAddress] = useState<MailAddress | null | undefined>(undefined);
  const [addressError, setAddressError] = useState<string | null>(null);
  const [folder, setFolder] = useState<Folder>('inbox');
  const [folders, setFolders] = useState<Record<Folder, FolderState>>({ inbox: UNLOADED, sent: UNLOADED });
  const [screen, setScreen] = useState<Screen>(MAILBOX);
  const [opened, setOpened] = useState<Mail | null>(null);
  const [busy, setBusy] = useState(false);
  const [viewError, setViewError] = useState<string | null>(null);
  /** The addresses the player blocked; empty until loaded. */
  const [blocks, setBlocks] = useState<string[]>([]);
  const foldersRef = useRef(folders);
  foldersRef.current = folders;
  const screenRef = useRef(screen);
  screenRef.current = screen;
  /** Per folder, which load is current: an answer that a newer refresh overtook is dropped. */
  const loads = useRef<Record<Folder, number>>({ inbox: 0, sent: 0 });
  const drafts = useRef(0);

  const patchFolder = (name: Folder, patch: (state: FolderState) => Partial<FolderState>) =>
    setFolders((current) => ({ ...current, [name]: { ...current[name], ...patch(current[name]) } }));

  /** Loads a folder's first page, or (`more`) the page after what is shown. */
  const load = async (name: Folder, more: boolean) => {
    const state = foldersRef.current[name];
    if (more && (state.loading || state.cursor === null || state.mails === null)) return;
    const generation = more ? loads.current[name] : ++loads.current[name];
    patchFolder(name, () => ({ loading: true, ...(more ? {} : { error: null }) }));
    try {
      const page = await api.list(name, more ? state.cursor : null);
      if (generation !== loads.current[name]) return;
      patchFolder(name, (current) => {
        const shown = more ? (current.mails ?? []) : [];
        const known = new Set(shown.map((mail) => mail.id));
        return { mails: [...shown, ...page.mails.filter((mail) => !known.has(mail.id))], cursor: page.cursor, loading: false, error: null };
      });
    } catch (error) {
      if (generation === loads.current[name]) patchFolder(name, () => ({ loading: false, error: errorText(error, t) }));
    }
  };

  const loadAddress = async () => {
    setAddressError(null);
    try {
      setAddress(await api.address());
    } catch (error) {
      setAddressError(errorText(error, t));
    }
  };

  const navigate = (next: Screen) => {
    setViewError(null);
    setScreen(next);
  };

  useEffect(() => {
    const stop = app.onMessage('mail.new', (data) => {
      const mail = data as MailSummary;
      patchFolder('inbox', (current) => ({ mails: withMail(current.mails, mail.id, mail) }));
    });
    void loadAddress();
    return stop;
  }, [app]);

  // The claim screen shows the domain the name goes before.
  const [domain, setDomain] = useState<string | null>(null);
  useEffect(() => {
    if (address === null && domain === null) api.domain().then(({ domain }) => setDomain(domain), () => {});
  }, [address]);

  // The mailbox loads once there is an address to have one.
  const claimed = address !== undefined && address !== null;
  useEffect(() => {
    if (!claimed) return;
    void load(folder, false);
    api.blocks().then(setBlocks, () => {});
  }, [claimed]);

  // Escape steps back inside the app; on the mailbox it is the phone's (the SDK hands it on when not prevented).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || screenRef.current.name === 'mailbox') return;
      event.preventDefault();
      navigate(MAILBOX);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);

  const chooseFolder = (name: Folder) => {
    setFolder(name);
    if (foldersRef.current[name].mails === null) void load(name, false);
  };

  /** Replaces (or, without a new one, removes) a mail in its folder's list. */
  const updateListed = (name: Folder, id: number, mail?: MailSummary) =>
    patchFolder(name, (current) => ({
      mails: current.mails && (mail ? current.mails.map((other) => (other.id === id ? mail : other)) : withMail(current.mails, id)),
    }));

  const open = async (mail: MailSummary) => {
    navigate({ name: 'view', folder: mail.folder, id: mail.id });
    setOpened(null);
    try {
      const whole = await api.get(mail.id);
      setOpened(whole);
      updateListed(mail.folder, mail.id, summaryOf(whole));
    } catch (error) {
      if (isNotFound(error)) updateListed(mail.folder, mail.id);
      setViewError(errorText(error, t));
    }
  };

  /** Runs one action of the mail screen, showing its error, if any. */
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setViewError(null);
    try {
      await action();
    } catch (error) {
      setViewError(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };

  // Back to the list after, where the dot shows it: opening it again would mark it read.
  const markUnread = (mail: Mail) =>
    run(async () => {
      updateListed(mail.folder, mail.id, summaryOf(await api.setRead(mail.id, false)));
      navigate(MAILBOX);
    });

  const remove = (mail: Mail) =>
    run(async () => {
      const confirmed = await app.confirm({
        title: t('deleteTitle'),
        message: t(mail.folder === 'inbox' ? 'deleteFromInbox' : 'deleteFromSent', { subject: mail.subject || t('noSubject') }),
        confirmLabel: t('delete'),
        destructive: true,
      });
      if (!confirmed) return;
      try {
        await api.remove(mail.id);
      } catch (error) {
        // Already gone: as good as deleted.
        if (!isNotFound(error)) throw error;
      }
      updateListed(mail.folder, mail.id);
      navigate(MAILBOX);
    });

  const blockSender = (mail: Mail) =>
    run(async () => {
      const confirmed = await app.confirm({
        title: t('blockTitle'),
        message: t('blockMessage', { sender: mail.from }),
        confirmLabel: t('block'),
        destructive: true,
      });
      if (confirmed) setBlocks(await api.block(mail.from));
    });

  const unblockSender = (mail: Mail) =>
    run(async () => {
      try {
        setBlocks(await api.unblock(mail.from));
      } catch (error) {
        // Not blocked any more: the list is what was stale.
        if (!isNotFound(error)) throw error;
        setBlocks(await api.blocks());
      }
    });

  const compose = (draft: Draft) => navigate({ name: 'compose', draft, opened: ++drafts.current });

  const send = async (draft: Draft, clientId: string) => {
    const mail = await api.send(draft, clientId);
    patchFolder('sent', (current) => ({ mails: withMail(current.mails, mail.id, summaryOf(mail)) }));
    navigate(MAILBOX);
    return mail;
  };

  const claim = async (name: string) => {
    setAddress(await api.claim(name));
    navigate(MAILBOX);
  };

  if (address === undefined) {
    return (
      <main class="app">
        <section class="screen" aria-label={t('mail')}>
          {addressError ? (
            <ErrorNotice message={addressError} onRetry={() => void loadAddress()} />
          ) : (
            <p class="placeholder">{t('loading')}</p>
          )}
        </section>
      </main>
    );
  }

  if (address === null) {
    return (
      <main class="app">
        <ClaimScreen current={null} domain={domain} locale={locale} onClaim={claim} />
      </main>
    );
  }

  return (
    <main class="app">
      <Mailbox
        hidden={screen.name !== 'mailbox'}
        folder={folder}
        state={folders[folder]}
        address={address}
        locale={locale}
        onFolder={chooseFolder}
        onOpen={(mail) => void open(mail)}
        onCompose={() => compose(EMPTY_DRAFT)}
        onChangeAddress={() => navigate({ name: 'change' })}
        onMore={() => void load(folder, true)}
        onRetry={() => void load(folder, false)}
      />
      {screen.name === 'change' && <ClaimScreen current={address} domain={address.address.slice(address.address.lastIndexOf('@') + 1)} locale={locale} onClaim={claim} onCancel={() => navigate(MAILBOX)} />}
      {screen.name === 'view' && (
        <MailView
          folder={screen.folder}
          mail={opened?.id === screen.id ? opened : null}
          locale={locale}
          busy={busy}
          error={viewError}
          onBack={() => navigate(MAILBOX)}
          onReply={() => opened && compose(replyDraft(opened, locale, t))}
          onMarkUnread={() => opened && void markUnread(opened)}
          onDelete={() => opened && void remove(opened)}
          senderBlocked={opened !== null && blocks.includes(opened.from.toLowerCase())}
          onBlockSender={() => opened && void blockSender(opened)}
          onUnblockSender={() => opened && void unblockSender(opened)}
        />
      )}
      {screen.name === 'compose' && <Compose key={`compose-${screen.opened}`} initial={screen.draft} onCancel={() => navigate(MAILBOX)} onSend={send} addressesOf={api.addressesOf} />}
    </main>
  );
}
