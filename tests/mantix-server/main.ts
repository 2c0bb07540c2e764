/** `npm run mantix`: the reference Mantix server on 127.0.0.1:8787 (or PORT). */
import { DEV_ENDPOINTS } from './dev.ts';
import { startMantixServer } from './server.ts';

const port = Number.parseInt(process.env.PORT ?? '8787', 10);
const server = await startMantixServer({ port, log: true });

console.log(`Reference Mantix server (TEST ONLY keys, in-memory) on ${server.url}`);
console.log(`  metadata       ${server.url}/.well-known/oauth-authorization-server`);
console.log(`  verification   ${server.url}/device`);
console.log('  development endpoints:');
for (const line of DEV_ENDPOINTS) {
  console.log(`    ${line}`);
}

const stop = (): void => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
