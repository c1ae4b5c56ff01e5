import { useEffect, useState } from 'preact/hooks';

/** The current time, updated at each new minute while the component is mounted (only while the phone is open). */
export function useClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setTimeout(() => setNow(new Date()), 60_000 - (now.getTime() % 60_000) + 50);
    return () => clearTimeout(timer);
  }, [now]);
  return now;
}
