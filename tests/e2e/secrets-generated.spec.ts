/**
 * The secrets' rule for a passphrase the extension generated ("Set up for
 * Mantix", issue 13): it reaches Mantix inside the JWE and nowhere else — not
 * on the wire, not written by the extension into the page, not on disk, not
 * among the browser's saved passwords (Chrome's `Login Data`). The same run
 * counts the user's actions (tests/bench/actions.ts) and holds them to the
 * issue's goal.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describeLog, setupFlow } from '../bench/actions';
import { replicaVariants, routeBitget } from '../fixtures/bitget/route';
import { expect, test } from './fixtures';
import { linkAccount, received } from './handoff-flow';
import { OVERLAY_HOST } from './pages/overlay';
import { installPageProbe, readPageProbe, type Secret, scanDirectory, scanStrings } from './secrets';

const GENERATED = /^[A-Za-z0-9]{24}$/;

/**
 * What Chrome's password manager holds in the profile (`Default/Login Data`,
 * SQLite; it must exist, else this proves nothing): saved logins, and the
 * save-prompt statistics Chrome keeps per site when it offered to save.
 */
function passwordManager(userDataDir: string): { logins: unknown[]; stats: unknown[] } {
  const file = join(userDataDir, 'Default', 'Login Data');
  expect(existsSync(file), `${file} exists`).toBe(true);
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (t) => t.name,
      ),
    );
    expect(tables.has('logins'), 'Login Data has its logins table').toBe(true);
    const rows = (table: string) =>
      tables.has(table)
        ? db
            .prepare(`SELECT * FROM ${table}`)
            .all()
            .map((row) => ({ ...row }))
        : [];
    return { logins: rows('logins'), stats: rows('stats') };
  } finally {
    db.close();
  }
}

test('the generated passphrase reaches Mantix only inside the JWE: not on the wire, not in the page, not on disk, not a saved password; and the user’s actions are counted', async ({
  context,
  options,
  mantix,
  profile,
  traffic,
}) => {
  test.setTimeout(120_000);
  await linkAccount(await options(), mantix);
  await routeBitget(context, replicaVariants['classic-en-native-comma']);
  const page = await context.newPage();
  await installPageProbe(page, OVERLAY_HOST);
  await page.goto('https://www.bitget.com/en/account/newapi');

  // From "the API page is open" to "Mantix says active", every action counted.
  const flow = await setupFlow({ page, context, extensionId: profile.extensionId });
  const passphrase = flow.created.passphrase;
  expect(passphrase).toMatch(GENERATED);
  expect(flow.submitted?.passphrase).toBe(passphrase);
  expect(flow.tally, describeLog(flow.log)).toEqual({
    bitgetClicks: 5,
    bitgetTyped: 2,
    bitgetTypedNot2fa: 0,
    extensionClicks: 2,
    extensionConfirmations: 2,
    popupOpens: 1,
    extensionTyped: 0,
    total: 12,
  });

  // Mantix got it, inside the JWE.
  const [connection] = await received(mantix);
  expect(connection?.claims).toMatchObject({
    api_key: flow.created.apiKey,
    secret_key: flow.created.secretKey,
    passphrase,
  });
  const secrets: Secret[] = [
    { label: 'generated Passphrase', value: passphrase },
    { label: 'Secret Key', value: flow.created.secretKey },
  ];

  // The wire: the JWE went out, the passphrase in no request in any form.
  const post = traffic.requests.find((r) => r.method === 'POST' && r.url === `${mantix.url}/v1/exchange-connections`);
  expect(post, 'the recorder saw the POST of the keys').toBeDefined();
  const wire = traffic.requests.map((r, i) => ({
    where: `request ${i} ${r.method} ${r.url}`,
    text: `${r.url}\n${JSON.stringify(r.headers)}\n${r.postData ?? ''}`,
  }));
  expect(scanStrings(wire, secrets)).toEqual([]);

  // The page: the overlay never wrote it (it was never shown), nor any message, event or storage.
  const probe = await readPageProbe(page);
  expect(probe.some((r) => r.inOverlay && r.text.includes('Set up for Mantix'))).toBe(true);
  const ours = probe.filter(
    (r) =>
      r.inOverlay ||
      ['message', 'postMessage', 'event', 'CustomEvent', 'storage', 'final-storage', 'final-cookie'].includes(r.kind),
  );
  expect(
    scanStrings(
      ours.map((r, i) => ({ where: `${i} ${r.kind}`, text: r.text })),
      secrets,
    ),
  ).toEqual([]);

  // The disk, and the browser's saved passwords: nothing, running and after a restart.
  expect((await scanDirectory(profile.userDataDir, secrets)).findings).toEqual([]);
  await page.close();
  await profile.reopen();
  const reopened = await scanDirectory(profile.userDataDir, secrets);
  expect(reopened.files).toBeGreaterThan(50);
  expect(reopened.findings).toEqual([]);
  await profile.context.close();
  const saved = passwordManager(profile.userDataDir);
  expect(saved.logins).toEqual([]);
  expect(JSON.stringify(saved.stats)).not.toContain('bitget');
  expect((await scanDirectory(profile.userDataDir, secrets)).findings).toEqual([]);
});
