/**
 * IP lists for Bitget's "Link IP address" field: the contract's rule for the
 * Mantix server list (1–10 public IPv4 addresses in dotted-quad form, no
 * duplicates; documentation ranges allowed for tests) and merging it with
 * addresses the user already entered.
 */

export const MAX_MANTIX_IPS = 10;
/** Bitget binds at most 30 addresses, and recommends no more than 10. */
export const MAX_BOUND_IPS = 10;

const DOTTED_QUAD = /^(?:0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,2})){3}$/;

export type IpCheck = { ok: true; ip: string } | { ok: false; reason: string };

function octets(ip: string): [number, number, number, number] {
  const [a = 0, b = 0, c = 0, d = 0] = ip.split('.').map(Number);
  return [a, b, c, d];
}

/** Why an address is not public, or undefined when it is. */
function nonPublicReason([a, b, c]: [number, number, number, number]): string | undefined {
  if (a === 0) return 'is in 0.0.0.0/8 ("this network")';
  if (a === 10) return 'is a private address (10.0.0.0/8)';
  if (a === 100 && b >= 64 && b <= 127) return 'is a carrier-grade NAT address (100.64.0.0/10)';
  if (a === 127) return 'is a loopback address';
  if (a === 169 && b === 254) return 'is a link-local address';
  if (a === 172 && b >= 16 && b <= 31) return 'is a private address (172.16.0.0/12)';
  if (a === 192 && b === 0 && c === 0) return 'is reserved for protocol assignments (192.0.0.0/24)';
  if (a === 192 && b === 168) return 'is a private address (192.168.0.0/16)';
  if (a === 198 && (b === 18 || b === 19)) return 'is reserved for benchmarking (198.18.0.0/15)';
  if (a >= 224 && a <= 239) return 'is a multicast address';
  if (a >= 240) return 'is a reserved or broadcast address';
  return undefined;
}

/** One address: a public IPv4 address in dotted-quad form. */
export function checkIp(raw: string): IpCheck {
  if (typeof raw !== 'string') return { ok: false, reason: 'is not text' };
  if (raw !== raw.trim() || raw === '') return { ok: false, reason: `"${raw}" has surrounding spaces or is empty` };
  if (raw.includes(':')) return { ok: false, reason: `${raw} is an IPv6 address; Bitget binds IPv4 only` };
  if (raw.includes('/')) return { ok: false, reason: `${raw} is a range (CIDR); Bitget binds single addresses` };
  if (!DOTTED_QUAD.test(raw)) return { ok: false, reason: `${raw} is not an IPv4 address in dotted-quad form` };
  const parts = octets(raw);
  if (parts.some((n) => n > 255)) return { ok: false, reason: `${raw} has a part above 255` };
  const reason = nonPublicReason(parts);
  if (reason) return { ok: false, reason: `${raw} ${reason}` };
  return { ok: true, ip: raw };
}

export type IpListCheck = { ok: true; ips: string[] } | { ok: false; reason: string };

/** The Mantix server list as the contract accepts it, or why not. */
export function validateServerIps(list: readonly unknown[]): IpListCheck {
  if (list.length === 0) return { ok: false, reason: 'Mantix sent an empty IP list.' };
  if (list.length > MAX_MANTIX_IPS) {
    return { ok: false, reason: `Mantix sent ${list.length} IP addresses; at most ${MAX_MANTIX_IPS} are accepted.` };
  }
  const seen = new Set<string>();
  for (const entry of list) {
    if (typeof entry !== 'string')
      return { ok: false, reason: 'Mantix sent an IP list with an entry that is not text.' };
    const check = checkIp(entry);
    if (!check.ok) return { ok: false, reason: `Mantix sent an address that cannot be bound: ${check.reason}.` };
    if (seen.has(entry)) return { ok: false, reason: `Mantix sent ${entry} twice.` };
    seen.add(entry);
  }
  return { ok: true, ips: [...seen] };
}

/** Splits what a user typed into Bitget's comma-separated field. */
export function splitIpField(value: string): string[] {
  return value
    .split(/[,;\s\n]+/)
    .map((part) => part.trim())
    .filter(Boolean);
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
      reason: `With Mantix's ${mantix.length} addresses the key would have ${merged.length} IP addresses; Bitget recommends at most ${limit}. Remove some first.`,
    };
  }
  return { ok: true, ips: merged, added };
}
