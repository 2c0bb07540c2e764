import { describe, expect, it } from 'vitest';
import contentScript from '@/entrypoints/bitget.content';
import { LOADER_MATCHES } from '@/utils/bitget/route';

describe('the content script entrypoint (the loader)', () => {
  it('matches every Bitget page, top frame only, as kept in utils/bitget/route.ts', () => {
    expect(contentScript.matches).toEqual(LOADER_MATCHES);
    expect(contentScript.allFrames).toBe(false);
  });
});
