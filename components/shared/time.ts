import { useEffect, useState } from 'react';
import { uiLanguage } from '@/utils/i18n';

/** The current time, refreshed every `everyMs` while `active` (countdowns). */
export function useNow(active = true, everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
  return now;
}

/** `m:ss` of a duration in ms (never negative). */
export function formatRemaining(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** `m:ss` left until `at`. */
export function remaining(at: number, now: number): string {
  return formatRemaining(at - now);
}

/** `14:03:12` as the UI language writes it. */
export function clockTime(at: number): string {
  return new Date(at).toLocaleTimeString(uiLanguage(), { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}
