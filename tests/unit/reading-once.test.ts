import { describe, expect, it, vi } from 'vitest';
import { isVisible, readingOnce, visibleText } from '@/utils/bitget/dom';

function label(): HTMLElement {
  document.body.innerHTML = '<label id="l"><span>Read</span> <b>only</b></label>';
  return document.getElementById('l') as HTMLElement;
}

describe('one reading of the page', () => {
  it('works out an element’s text and visibility once, however often finders ask', () => {
    const element = label();
    const attributes = vi.spyOn(element, 'getAttribute');
    const closest = vi.spyOn(element, 'closest');
    readingOnce(() => {
      expect(visibleText(element)).toBe('Read only');
      expect(visibleText(element)).toBe('Read only');
      expect(isVisible(element)).toBe(true);
      expect(isVisible(element)).toBe(true);
    });
    expect(attributes.mock.calls.filter(([name]) => name === 'aria-hidden')).toHaveLength(1);
    expect(closest).toHaveBeenCalledTimes(1);
  });

  it('keeps nothing outside it: a change after the reading is seen', () => {
    const element = label();
    readingOnce(() => visibleText(element));
    element.querySelector('b')?.replaceChildren('and write');
    expect(visibleText(element)).toBe('Read and write');
    element.hidden = true;
    expect(isVisible(element)).toBe(false);
    expect(readingOnce(() => visibleText(element))).toBe('');
  });

  it('is one reading when nested, and ends even when the work throws', () => {
    const element = label();
    expect(() =>
      readingOnce(() => {
        readingOnce(() => visibleText(element));
        throw new Error('finder failed');
      }),
    ).toThrow('finder failed');
    element.querySelector('b')?.replaceChildren('more');
    expect(visibleText(element)).toBe('Read more');
  });
});
