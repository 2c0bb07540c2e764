import { describe, expect, it } from 'vitest';
import { isApiKeyPage } from '@/utils/bitget/route';

describe('isApiKeyPage', () => {
  it.each([
    'https://www.bitget.com/account/newapi',
    'https://www.bitget.com/en/account/newapi',
    'https://www.bitget.com/zh-CN/account/newapi',
    'https://www.bitget.com/ru/account/newapi?type=create',
    'https://www.bitget.com/en/account/newapi/',
  ])('accepts %s', (url) => expect(isApiKeyPage(url)).toBe(true));

  it.each([
    'https://www.bitget.com/en/',
    'https://www.bitget.com/en/account/newapi-help',
    'https://www.bitget.com/en/asset/account/newapi',
    'http://www.bitget.com/en/account/newapi',
    'https://bitget.com/en/account/newapi',
    'https://www.bitget.com.evil.test/en/account/newapi',
    'https://www.bitget.com:8443/en/account/newapi',
    'not a url',
  ])('refuses %s', (url) => expect(isApiKeyPage(url)).toBe(false));
});
