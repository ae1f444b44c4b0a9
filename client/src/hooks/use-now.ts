import { useEffect, useState } from 'react';

/** `performance.now()`, refreshed every `everyMs` while `active`; frozen otherwise. */
export function useNow(everyMs: number, active: boolean): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(performance.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs, active]);
  return now;
}
