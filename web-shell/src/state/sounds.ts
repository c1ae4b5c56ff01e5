import type { PhoneSettings } from '../../../sdk/protocol/phone-settings';

/** Each sound as notes: frequency in Hz, start and length in seconds. Synthesised, so there are no files to host. */
const NOTES: Record<Exclude<PhoneSettings['textTone'], 'none'> | PhoneSettings['ringtone'], [number, number, number][]> = {
  note: [[880, 0, 0.12], [1320, 0.12, 0.18]],
  chime: [[1046, 0, 0.25], [1568, 0.08, 0.3]],
  pop: [[660, 0, 0.06]],
  classic: [[523, 0, 0.2], [659, 0.2, 0.2], [784, 0.4, 0.35]],
  marimba: [[784, 0, 0.12], [988, 0.15, 0.12], [784, 0.3, 0.12], [1175, 0.45, 0.25]],
  beacon: [[1175, 0, 0.5], [1175, 0.9, 0.5]],
  pulse: [[440, 0, 0.1], [440, 0.2, 0.1], [440, 0.4, 0.1]],
};
const RING_EVERY_MS = 2000;

let context: AudioContext | null = null;

function play(sound: keyof typeof NOTES, volume: number): void {
  if (volume === 0) return;
  context ??= new AudioContext();
  const start = context.currentTime;
  for (const [frequency, at, length] of NOTES[sound]) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime((volume / 100) * 0.3, start + at);
    gain.gain.exponentialRampToValueAtTime(0.001, start + at + length);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start + at);
    oscillator.stop(start + at + length);
  }
}

/** The player's text tone, for a banner. */
export function playTextTone({ textTone, volume }: PhoneSettings): void {
  if (textTone !== 'none') play(textTone, volume);
}

/** Rings with the player's ringtone until the returned function is called. */
export function startRinging({ ringtone, volume }: PhoneSettings): () => void {
  play(ringtone, volume);
  const timer = setInterval(() => play(ringtone, volume), RING_EVERY_MS);
  return () => clearInterval(timer);
}
