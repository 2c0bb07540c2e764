/**
 * The reference Mantix server in a process of its own (`npm run mantix`), for
 * the bench: in the bench's Node process its crypto would wait behind
 * Playwright's traffic, which no real Mantix server does. Same interface as
 * the in-process server.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import type { MantixServer } from '../mantix-server/server';

const READY = /Reference Mantix server .* on (http:\/\/\S+)/;
const START_TIMEOUT_MS = 30_000;

export async function startMantixProcess(port: number): Promise<MantixServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve('tests/mantix-server/main.ts')], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`the Mantix server did not start: ${output.slice(-500)}`)),
      START_TIMEOUT_MS,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = READY.exec(output);
      if (ready?.[1]) {
        clearTimeout(timer);
        done(ready[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => fail(new Error(`the Mantix server exited (${code}): ${output.slice(-500)}`)));
  });
  // Its request log keeps coming on stdout: read and dropped, so the pipe never fills.
  child.stdout.removeAllListeners('data').resume();
  child.stderr.removeAllListeners('data').resume();
  return {
    url,
    port,
    async close() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
    reset() {
      void fetch(`${url}/dev/reset`, { method: 'POST' }).catch(() => undefined);
    },
  };
}
