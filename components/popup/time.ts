import { useEffect, useState } from 'react';
import { uiLanguage } from '@/utils/i18n';

/** The current time, updated every `intervalMs` while mounted (countdowns). */
export function useNow(intervalMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** `14:03:12` as the UI language writes it. */
export function clockTime(at: number): string {
  return new Date(at).toLocaleTimeString(uiLanguage(), { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** `14:32` (minutes:seconds) left until `at`, never negative. */
export function remaining(at: number, now: number): string {
  const seconds = Math.max(0, Math.ceil((at - now) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
