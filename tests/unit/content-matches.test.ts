import { describe, expect, it } from 'vitest';
import contentScript from '@/entrypoints/bitget.content';
import { API_PAGE_MATCHES } from '@/utils/bitget/route';

describe('the content script entrypoint', () => {
  it('matches exactly the API key page patterns kept in utils/bitget/route.ts', () => {
    expect(contentScript.matches).toEqual(API_PAGE_MATCHES);
  });
});
