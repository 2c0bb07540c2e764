/**
 * IP lists for Bitget's "Link IP address" field: the contract's rule for the
 * Mantix server list (1–10 public IPv4 addresses in dotted-quad form, no
 * duplicates; documentation ranges allowed for tests) and merging it with
 * addresses the user already entered. The reasons are sentences in the UI
 * language (they are shown to the user).
 */
import { t } from './i18n';

export const MAX_MANTIX_IPS = 10;
/** Bitget binds at most 30 addresses, and recommends no more than 10. */
export const MAX_BOUND_IPS = 10;

const DOTTED_QUAD = /^(?:0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,2})){3}$/;

export type IpCheck = { ok: true; ip: string } | { ok: false; reason: string };

function octets(ip: string): [number, number, number, number] {
  const [a = 0, b = 0, c = 0, d = 0] = ip.split('.').map(Number);
  return [a, b, c, d];
}

/** Why the address `ip` (of these parts) is not public, or undefined when it is. */
function nonPublicReason(ip: string, [a, b, c]: [number, number, number, number]): string | undefined {
  if (a === 0) return t('ip_thisNetwork', ip);
  if (a === 10) return t('ip_private', [ip, '10.0.0.0/8']);
  if (a === 100 && b >= 64 && b <= 127) return t('ip_carrierNat', ip);
  if (a === 127) return t('ip_loopback', ip);
  if (a === 169 && b === 254) return t('ip_linkLocal', ip);
  if (a === 172 && b >= 16 && b <= 31) return t('ip_private', [ip, '172.16.0.0/12']);
  if (a === 192 && b === 0 && c === 0) return t('ip_protocolAssignments', ip);
  if (a === 192 && b === 168) return t('ip_private', [ip, '192.168.0.0/16']);
  if (a === 198 && (b === 18 || b === 19)) return t('ip_benchmarking', ip);
  if (a >= 224 && a <= 239) return t('ip_multicast', ip);
  if (a >= 240) return t('ip_reserved', ip);
  return undefined;
}

/** One address: a public IPv4 address in dotted-quad form. */
export function checkIp(raw: string): IpCheck {
  if (typeof raw !== 'string') return { ok: false, reason: t('ip_notText') };
  if (raw !== raw.trim() || raw === '') return { ok: false, reason: t('ip_spaces', raw) };
  if (raw.includes(':')) return { ok: false, reason: t('ip_ipv6', raw) };
  if (raw.includes('/')) return { ok: false, reason: t('ip_cidr', raw) };
  if (!DOTTED_QUAD.test(raw)) return { ok: false, reason: t('ip_notDottedQuad', raw) };
  const parts = octets(raw);
  if (parts.some((n) => n > 255)) return { ok: false, reason: t('ip_above255', raw) };
  const reason = nonPublicReason(raw, parts);
  if (reason) return { ok: false, reason };
  return { ok: true, ip: raw };
}

export type IpListCheck = { ok: true; ips: string[] } | { ok: false; reason: string };

/** The Mantix server list as the contract accepts it, or why not. */
export function validateServerIps(list: readonly unknown[]): IpListCheck {
  if (list.length === 0) return { ok: false, reason: t('ipList_empty') };
  if (list.length > MAX_MANTIX_IPS) {
    return { ok: false, reason: t('ipList_tooMany', [list.length, MAX_MANTIX_IPS]) };
  }
  const seen = new Set<string>();
  for (const entry of list) {
    if (typeof entry !== 'string') return { ok: false, reason: t('ipList_notText') };
    const check = checkIp(entry);
    if (!check.ok) return { ok: false, reason: t('ipList_unbindable', check.reason) };
    if (seen.has(entry)) return { ok: false, reason: t('ipList_duplicate', entry) };
    seen.add(entry);
  }
  return { ok: true, ips: [...seen] };
}

export type MergeResult = { ok: true; ips: string[]; added: string[] } | { ok: false; reason: string };

/**
 * The user's addresses plus Mantix's, in that order, without duplicates.
 * Refused (nothing changes) when the total would pass `limit`.
 */
export function mergeIps(existing: readonly string[], mantix: readonly string[], limit = MAX_BOUND_IPS): MergeResult {
  const merged = [...new Set(existing)];
  const added: string[] = [];
  for (const ip of mantix) {
    if (!merged.includes(ip)) {
      merged.push(ip);
      added.push(ip);
    }
  }
  if (merged.length > limit) {
    return {
      ok: false,
      reason: t('ipList_mergeTooMany', [mantix.length, merged.length, limit]),
    };
  }
  return { ok: true, ips: merged, added };
}
