import { useEffect, useRef } from 'preact/hooks';

/**
 * Moves focus into an element as it appears (or once `active` turns true), so keys go there and not to what it
 * covers; an element shown while the game keeps the keyboard must not take it.
 */
export function useFocusOnMount<T extends HTMLElement>(active = true) {
  const ref = useRef<T>(null);
  // Without preventScroll, focusing an element that is still sliding in scrolls the clipped screen.
  useEffect(() => {
    if (active) ref.current?.focus({ preventScroll: true });
  }, [active]);
  return ref;
}
