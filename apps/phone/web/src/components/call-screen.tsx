import { HandsetIcon, HangUpIcon, PersonIcon, useTranslator, VideoIcon } from '@handset/sdk/ui';
import { messages } from '../messages';

/** Which controls the screen offers: the ringing callee's, a call's, a finished call's, or a failed start's. */
export type CallPhase = 'incoming' | 'calling' | 'active' | 'ended' | 'failed';

export interface CallScreenProps {
  phase: CallPhase;
  /** The other party: the player's name for them (a contact's, else a favorite's), their number, or "Unknown" when they hid it. */
  title: string;
  /** Their number under the name, when a name is shown. */
  subtitle: string | null;
  video: boolean;
  /** "Calling…", "00:05", "Busy" … */
  status: string;
  error: string | null;
  /** An answer, decline or hang-up is on its way: the buttons wait for it. */
  busy: boolean;
  onAccept(): void;
  onDecline(): void;
  onHangUp(): void;
  /** Offered after a failed start that another try may fix. */
  onRetry: (() => void) | null;
}

/** The full-screen call: the incoming screen while the phone rings, then the in-call screen. */
export function CallScreen(props: CallScreenProps) {
  const t = useTranslator(messages);
  const { phase, title, subtitle, video, status, error, busy } = props;

  return (
    <section class={`call-screen ${phase}`} aria-label={phase === 'incoming' ? t('incomingCall') : t('call')}>
      <div class="call-party">
        {/* A script may flag a call as video; the player is told that only the voice is carried. */}
        {phase === 'incoming' && <p class="call-kind">{video ? t('videoVoiceOnly') : t('phoneCall')}</p>}
        <span class="call-avatar" aria-hidden="true">
          {video ? <VideoIcon size={40} /> : <PersonIcon size={44} />}
        </span>
        <h1 class="call-title">{title}</h1>
        {subtitle && <p class="call-subtitle">{subtitle}</p>}
        {phase !== 'incoming' && (
          <p class="call-status" aria-label={t('callStatus')}>
            {status}
          </p>
        )}
        {error && (
          <p class="call-error" role="alert">
            {error}
          </p>
        )}
      </div>

      {phase === 'incoming' ? (
        <div class="call-answer">
          <div class="call-action">
            <button type="button" class="round-button hang-up" disabled={busy} onClick={props.onDecline}>
              <HangUpIcon />
              <span class="call-caption">{t('decline')}</span>
            </button>
          </div>
          <div class="call-action">
            <button type="button" class="round-button call" disabled={busy} onClick={props.onAccept}>
              {video ? <VideoIcon size={30} /> : <HandsetIcon size={32} />}
              <span class="call-caption">{t('accept')}</span>
            </button>
          </div>
        </div>
      ) : (
        <>
          {/* Mute and speaker are not offered: the voice system (pma-voice) gives a phone no way to carry them. */}
          <div class="call-controls">
            {phase === 'failed' && props.onRetry && (
              <button type="button" class="pill-button" onClick={props.onRetry}>
                {t('tryAgain')}
              </button>
            )}
          </div>
          <div class="call-hang-up">
            <button
              type="button"
              class="round-button hang-up"
              aria-label={t('hangUp')}
              disabled={busy || phase === 'ended'}
              onClick={props.onHangUp}
            >
              <HangUpIcon />
            </button>
          </div>
        </>
      )}
    </section>
  );
}
