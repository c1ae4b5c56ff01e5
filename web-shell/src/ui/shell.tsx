import { useEffect, useState } from 'preact/hooks';
import { openNotification, phoneSettings } from '../state/phone';
import { startRinging } from '../state/sounds';
import { phoneStore } from '../state/phone-store';
import { useStore } from '../state/store';
import { Banners } from './banners';
import { Phone } from './phone';

/** The whole page: the phone while it is open or an app is presented (and while it slides away), otherwise only banners. */
export function Shell() {
  const state = useStore(phoneStore);
  const [sliding, setSliding] = useState(false);

  useEffect(() => {
    document.documentElement.dataset.theme = state.theme;
  }, [state.theme]);

  const ringing = state.presented?.ringing ?? false;
  useEffect(() => (ringing ? startRinging(phoneSettings()) : undefined), [ringing]);

  const shown = state.open || state.presented !== null;
  // Kept on screen after the game hides it, until the slide-down animation ends.
  useEffect(() => {
    if (shown) setSliding(true);
  }, [shown]);

  return (
    <>
      {(shown || sliding) && <Phone state={state} closing={!shown} onClosed={() => setSliding(false)} />}
      {!state.open && <Banners banners={state.banners} apps={state.apps} placement="peek" clockFormat={state.clockFormat} onOpen={openNotification} />}
    </>
  );
}
