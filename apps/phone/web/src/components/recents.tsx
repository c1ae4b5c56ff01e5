import { useState } from 'preact/hooks';
import type { CallRecord } from '../calls-api';
import { formatDuration, formatWhen, recentStatusText } from '../format';
import type { PartyLabel } from '../party';
import { DirectionIcon, VideoIcon } from '@handset/sdk/ui';

export interface RecentsProps {
  recents: CallRecord[] | null;
  error: string | null;
  locale: string;
  labelOf(call: CallRecord): PartyLabel;
  onCall(call: CallRecord): void;
}

const isMissed = (call: CallRecord) => call.direction === 'incoming' && call.status === 'missed';

/** The call history, newest first: tap a call to call back; missed calls are red. */
export function Recents({ recents, error, locale, labelOf, onCall }: RecentsProps) {
  const [missedOnly, setMissedOnly] = useState(false);
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
            </li>
          );
        })}
      </ul>
    </section>
  );
}
