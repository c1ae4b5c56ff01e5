import { useEffect, useRef } from 'preact/hooks';

/** Moves focus into an element as it appears, so keys go there and not to what it covers. */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  // Without preventScroll, focusing an element that is still sliding in scrolls the clipped screen.
  useEffect(() => ref.current?.focus({ preventScroll: true }), []);
  return ref;
}
