import { useState } from 'preact/hooks';
import type { CallRecord } from '../calls-api';
import { formatDuration, formatWhen, recentStatusText } from '../format';
import type { PartyLabel } from '../party';
import { ActionSheet, DirectionIcon, VideoIcon } from '@handset/sdk/ui';

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
  const [missedOnly, setMissedOnly] = useState(false);
  const [blocking, setBlocking] = useState<CallRecord | null>(null);
  const shown = recents?.filter((call) => !missedOnly || isMissed(call)) ?? [];

  return (
    <section class="list-screen">
      <header class="list-header">
        <div class="segmented" role="group" aria-label="Show">
          <button type="button" aria-pressed={!missedOnly} onClick={() => setMissedOnly(false)}>
            All
          </button>
          <button type="button" aria-pressed={missedOnly} onClick={() => setMissedOnly(true)}>
            Missed
          </button>
        </div>
        <h1>Recents</h1>
      </header>

      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      {recents !== null && shown.length === 0 && <p class="notice">{missedOnly ? 'No missed calls' : 'No recent calls'}</p>}

      <ul class="rows" aria-label="Recent calls">
        {shown.map((call) => {
          const duration = call.status === 'completed' && call.duration > 0 ? formatDuration(call.duration) : null;
          const party = labelOf(call);
          return (
            <li key={call.id} class={isMissed(call) ? 'recent missed' : 'recent'}>
              <button type="button" class="row-button" disabled={call.number === ''} onClick={() => onCall(call)}>
                <span class="recent-direction" title={call.direction === 'outgoing' ? 'Outgoing' : 'Incoming'}>
                  <DirectionIcon direction={call.direction} />
                </span>
                <span class="row-main">
                  <span class="row-title">{party.name}</span>
                  {party.number && <span class="row-subtitle recent-number">{party.number}</span>}
                  <span class="row-subtitle">
                    {call.video && <VideoIcon size={13} />}
                    <span class="recent-status">{recentStatusText(call)}</span>
                    {duration && <span class="recent-duration">{duration}</span>}
                  </span>
                </span>
                <time class="row-trailing" dateTime={new Date(call.startedAt).toISOString()}>
                  {formatWhen(call.startedAt, locale)}
                </time>
              </button>
              {isHiddenCaller(call) &&
                (blocked.has(call.id) ? (
                  <span class="recent-blocked">Blocked</span>
                ) : (
                  <button type="button" class="recent-block" onClick={() => setBlocking(call)}>
                    Block this caller
                  </button>
                ))}
            </li>
          );
        })}
      </ul>
      {blocking && (
        <ActionSheet
          title="Calls from this caller will not ring, hidden or not. Their number stays hidden."
          actions={[{ label: 'Block this caller', destructive: true, onSelect: () => onBlockCaller(blocking) }]}
          onClose={() => setBlocking(null)}
        />
      )}
    </section>
  );
}
