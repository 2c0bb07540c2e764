/**
 * The Bitget adapter: finding Bitget's controls by meaning and reading them.
 * One module per part of the page; this file only gathers them (tests and
 * the selector spec import the whole adapter from here).
 */
export * from './find';
export * from './form';
export * from './ip-field';
export * from './page';
export * from './permissions';
export * from './result';
