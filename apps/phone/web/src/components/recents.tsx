import { useState } from 'preact/hooks';
import type { CallRecord } from '../calls-api';
import { formatDuration, formatWhen, recentStatusText } from '../format';
import type { PartyLabel } from '../party';
import { ActionSheet, DirectionIcon, useTranslator, VideoIcon } from '@handset/sdk/ui';
import { messages } from '../messages';

export interface RecentsProps {
  recents: CallRecord[] | null;
  error: string | null;
  locale: string;
  labelOf(call: CallRecord): PartyLabel;
  onCall(call: CallRecord): void;
  /** Records whose hidden caller the player blocked here. */
  blocked: ReadonlySet<number>;
  /** Blocks the hidden caller of this record, by the number the player is never shown. */
  onBlockCaller(call: CallRecord): void;
}

const isMissed = (call: CallRecord) => call.direction === 'incoming' && call.status === 'missed';
const isHiddenCaller = (call: CallRecord) => call.direction === 'incoming' && call.hidden;

/** The call history, newest first: tap a call to call back; missed calls are red; a hidden caller can be blocked. */
export function Recents({ recents, error, locale, labelOf, onCall, blocked, onBlockCaller }: RecentsProps) {
  const t = useTranslator(messages);
  const [missedOnly, setMissedOnly] = useState(false);
  const [blocking, setBlocking] = useState<CallRecord | null>(null);
  const shown = recents?.filter((call) => !missedOnly || isMissed(call)) ?? [];

  return (
    <section class="list-screen">
      <header class="list-header">
        <div class="segmented" role="group" aria-label={t('show')}>
          <button type="button" aria-pressed={!missedOnly} onClick={() => setMissedOnly(false)}>
            {t('all')}
          </button>
          <button type="button" aria-pressed={missedOnly} onClick={() => setMissedOnly(true)}>
            {t('missed')}
          </button>
        </div>
        <h1>{t('recents')}</h1>
      </header>

      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      {recents !== null && shown.length === 0 && <p class="notice">{missedOnly ? t('noMissedCalls') : t('noRecentCalls')}</p>}

      <ul class="rows" aria-label={t('recentCalls')}>
        {shown.map((call) => {
          const duration = call.status === 'completed' && call.duration > 0 ? formatDuration(call.duration) : null;
          const party = labelOf(call);
          return (
            <li key={call.id} class={isMissed(call) ? 'recent missed' : 'recent'}>
              <button type="button" class="row-button" disabled={call.number === ''} onClick={() => onCall(call)}>
                <span class="recent-direction" title={call.direction === 'outgoing' ? t('outgoing') : t('incoming')}>
                  <DirectionIcon direction={call.direction} />
                </span>
                <span class="row-main">
                  <span class="row-title">{party.name}</span>
                  {party.number && <span class="row-subtitle recent-number">{party.number}</span>}
                  <span class="row-subtitle">
                    {call.video && <VideoIcon size={13} />}
                    <span class="recent-status">{recentStatusText(call, t)}</span>
                    {duration && <span class="recent-duration">{duration}</span>}
                  </span>
                </span>
                <time class="row-trailing" dateTime={new Date(call.startedAt).toISOString()}>
                  {formatWhen(call.startedAt, locale, t)}
                </time>
              </button>
              {isHiddenCaller(call) &&
                (blocked.has(call.id) ? (
                  <span class="recent-blocked">{t('blocked')}</span>
                ) : (
                  <button type="button" class="recent-block" onClick={() => setBlocking(call)}>
                    {t('blockCaller')}
                  </button>
                ))}
            </li>
          );
        })}
      </ul>
      {blocking && (
        <ActionSheet
          title={t('blockCallerHint')}
          actions={[{ label: t('blockCaller'), destructive: true, onSelect: () => onBlockCaller(blocking) }]}
          onClose={() => setBlocking(null)}
        />
      )}
    </section>
  );
}
