/**
 * Hostile IP lists for Bitget's "Link IP address" field (issue 7): every bad
 * list is refused with a reason that names the problem, and a refused list
 * yields no addresses at all (nothing would be filled).
 */
import { describe, expect, it } from 'vitest';
import { checkIp, mergeIps, validateServerIps } from '@/utils/ip';

const BAD_IP_LISTS: [name: string, list: unknown[], reason: RegExp][] = [
  ['empty', [], /no|empty/i],
  ['private 10/8', ['203.0.113.7', '10.1.2.3'], /10\.1\.2\.3.*private|private.*10\.1\.2\.3/i],
  ['private 172.16/12', ['172.20.0.1'], /172\.20\.0\.1/],
  ['private 192.168/16', ['192.168.1.10'], /192\.168\.1\.10/],
  ['loopback', ['127.0.0.1'], /loopback/i],
  ['this network', ['0.0.0.0'], /0\.0\.0\.0/],
  ['link-local', ['169.254.1.1'], /169\.254\.1\.1/],
  ['carrier-grade NAT', ['100.64.0.1'], /100\.64\.0\.1/],
  ['multicast', ['224.0.0.1'], /224\.0\.0\.1/],
  ['reserved / broadcast', ['255.255.255.255'], /255\.255\.255\.255/],
  ['IPv6', ['2001:db8::1'], /IPv6/i],
  ['IPv4-mapped IPv6', ['::ffff:203.0.113.7'], /IPv6/i],
  ['CIDR', ['203.0.113.0/24'], /CIDR|range|\/24/i],
  ['duplicates', ['203.0.113.7', '203.0.113.7'], /203\.0\.113\.7/],
  ['11 entries', Array.from({ length: 11 }, (_, n) => `203.0.113.${n + 1}`), /11/],
  ['leading zeros', ['203.0.113.07'], /203\.0\.113\.07/],
  ['octal-looking', ['010.0.0.1'], /010\.0\.0\.1/],
  ['leading whitespace', [' 203.0.113.7'], /203\.0\.113\.7/],
  ['trailing newline', ['203.0.113.7\n'], /203\.0\.113\.7/],
  ['inner whitespace', ['203.0.113. 7'], /203\.0\.113\. 7/],
  ['empty string', [''], /./],
  ['above 255', ['203.0.113.256'], /256/],
  ['three octets', ['203.0.113'], /203\.0\.113/],
  ['hex', ['0xCB.0.113.7'], /0xCB/],
  ['integer form', ['3405803783'], /3405803783/],
  ['host name', ['mantix.example.com'], /mantix\.example\.com/],
  ['not text', [203], /./],
  ['null entry', [null], /./],
  ['comma-joined in one entry', ['203.0.113.7,203.0.113.8'], /203\.0\.113\.7,203\.0\.113\.8/],
];

describe('hostile Mantix IP lists', () => {
  it.each(BAD_IP_LISTS)('%s is refused with the reason, no address kept', (_name, list, reason) => {
    const check = validateServerIps(list);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.reason).toMatch(reason);
    expect(check.reason.length).toBeGreaterThan(10);
    expect(check).not.toHaveProperty('ips');
  });

  it('a good list still passes (documentation ranges allowed for tests)', () => {
    expect(validateServerIps(['203.0.113.7', '198.51.100.9'])).toEqual({
      ok: true,
      ips: ['203.0.113.7', '198.51.100.9'],
    });
  });

  it.each([
    '2001:db8::1',
    '::1',
    'fe80::1%eth0',
    '10.0.0.1/8',
    '127.0.0.1',
    '01.2.3.4',
    ' 1.2.3.4',
    '1.2.3.4 ',
    '1.2.3.4.5',
    '',
  ])('checkIp refuses %j', (ip) => {
    expect(checkIp(ip).ok).toBe(false);
  });

  it('merging refuses past the limit and changes nothing', () => {
    const existing = Array.from({ length: 9 }, (_, n) => `198.51.100.${n + 1}`);
    const result = mergeIps(existing, ['203.0.113.7', '203.0.113.8']);
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('ips');
  });
});
