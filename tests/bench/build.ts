/**
 * One build of the bench (run in its own process by run.ts, so that the
 * bundler's memory and NODE_ENV stay out of the measuring process): the
 * Chrome or Firefox MV3 build and its zip, like `wxt zip --mode test`, the
 * Chrome one with WXT's bundle analysis as raw data (rollup-plugin-visualizer).
 *
 *   tsx tests/bench/build.ts chrome|firefox <outDir>
 * The caller sets WXT_MANTIX_API_URL, NODE_ENV=production and MANTIX_OUT_DIR.
 */
import { join } from 'node:path';
import { zip } from 'wxt';

const [browser, outDir] = process.argv.slice(2);
if ((browser !== 'chrome' && browser !== 'firefox') || !outDir) {
  console.error('usage: tsx tests/bench/build.ts chrome|firefox <outDir>');
  process.exit(2);
}

await zip({
  mode: 'test',
  browser,
  manifestVersion: 3,
  analysis: {
    enabled: browser === 'chrome',
    template: 'raw-data',
    outputFile: join(outDir, `analysis-${browser}.json`),
  },
});
