/**
 * Imported first by every entrypoint: zod never generates code with
 * `new Function` (nor probes whether it may). The extension pages' CSP forbids
 * eval anyway; the bundles carry no eval at all (utils/build/zod-without-eval.ts).
 */
import * as z from 'zod/mini';

z.config({ jitless: true });
