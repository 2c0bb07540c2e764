// @vitest-environment node
/**
 * The background's linking service against the reference server: polling,
 * its end states in storage, resuming after a worker restart, unlink.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLinkService, type LinkService, type WakeScheduler } from '@/utils/background/link';
import { linkFlowItem, linkItem, pendingLinkItem } from '@/utils/link/items';
import { type DeviceKeyStore, type MantixClient, memoryKeyStore } from '@/utils/mantix';
import { mantixTokensItem } from '@/utils/mantix/items';
import { MessageError } from '@/utils/messaging';
import { dev, grants, scenario, testClient, withMantixServer } from './helpers';

const server = withMantixServer();
const WAIT = { timeout: 8_000, interval: 50 };

const services: LinkService[] = [];
afterEach(() => {
  for (const service of services.splice(0)) service.destroy();
});

function setup(keyStore: DeviceKeyStore = memoryKeyStore()) {
  const wake: WakeScheduler & { at: number[] } = {
    at: [],
    wakeAt(when) {
      this.at.push(when);
    },
    clear() {},
  };
  const client: MantixClient = testClient(server.url, { keyStore });
  const service = createLinkService({ client, wake });
  services.push(service);
  return { client, service, keyStore, wake };
}

async function messageOf(promise: Promise<unknown>): Promise<MessageError['info']> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MessageError) return error.info;
    throw error;
  }
  throw new Error('expected a MessageError');
}

/** Starts linking and approves (or denies) it in Mantix. */
async function startAndDecide(service: LinkService, decision: 'approve' | 'deny' | 'none' = 'approve') {
  const started = await service.start();
  if (decision !== 'none') await dev(server.url, `/dev/${decision}`, { user_code: started.userCode });
  return started;
}

/** The link's end state: the account is written first, then the pending authorization and the flow are cleared. */
const linked = () =>
  vi.waitFor(async () => {
    expect(await linkItem.getValue()).not.toBeNull();
    expect(await pendingLinkItem.getValue()).toBeNull();
    expect(await linkFlowItem.getValue()).toEqual({ state: 'idle' });
  }, WAIT);

describe('linking in the background', () => {
  it('shows the code, polls at the interval, and stores the account once approved', async () => {
    await scenario(server.url, { interval: 1 });
    const { service, keyStore, wake } = setup();
    const started = await startAndDecide(service);
    expect(await linkFlowItem.getValue()).toEqual({ state: 'pending', ...started });
    expect(await keyStore.load()).toBeDefined();
    await linked();
    expect(await linkItem.getValue()).toMatchObject({
      accountId: 'acc_demo_0001',
      displayName: 'Demo Trader',
      email: 'demo@mantix.test',
    });
    expect(await linkFlowItem.getValue()).toEqual({ state: 'idle' });
    expect(await pendingLinkItem.getValue()).toBeNull();
    expect(await mantixTokensItem.getValue()).not.toBeNull();
    expect(wake.at.length).toBeGreaterThan(0);
    const [grant] = await grants(server.url);
    // No poll came sooner than the interval: the server would have answered slow_down and added 5 s to it.
    // (One poll when the approval lands first; a starved test process may approve after the first poll.)
    expect(grant).toMatchObject({ status: 'active', interval: 1 });
    expect(grant?.poll_count).toBeGreaterThanOrEqual(1);
    expect(grant?.poll_count).toBeLessThanOrEqual(3);
  });

  it('refuses to start while linked', async () => {
    await scenario(server.url, { interval: 1 });
    const { service } = setup();
    await startAndDecide(service);
    await linked();
    expect(await messageOf(service.start())).toMatchObject({ code: 'already_linked' });
  });

  it('says the link was declined, and forgets the device key', async () => {
    await scenario(server.url, { interval: 1 });
    const { service, keyStore } = setup();
    await startAndDecide(service, 'deny');
    await vi.waitFor(async () => expect(await linkFlowItem.getValue()).toEqual({ state: 'denied' }), WAIT);
    expect(await keyStore.load()).toBeUndefined();
    expect(await linkItem.getValue()).toBeNull();
  });

  it('says the code expired', async () => {
    await scenario(server.url, { interval: 1, device_expires_in: 1 });
    const { service } = setup();
    await startAndDecide(service, 'none');
    await vi.waitFor(async () => expect(await linkFlowItem.getValue()).toEqual({ state: 'expired' }), WAIT);
    expect(await pendingLinkItem.getValue()).toBeNull();
  });

  it('adds 5 s to the interval on slow_down', async () => {
    await scenario(server.url, { interval: 1 });
    const keyStore = memoryKeyStore();
    const first = setup(keyStore);
    await startAndDecide(first.service, 'none');
    first.service.destroy();
    const pending = await pendingLinkItem.getValue();
    if (!pending) throw new Error('no pending authorization');
    // Another poll just reached Mantix, so the service's next one comes too fast.
    const other = testClient(server.url);
    await other.createDeviceKey();
    expect(await other.pollDeviceCode(pending.deviceCode)).toEqual({ status: 'pending' });
    await pendingLinkItem.setValue({ ...pending, nextPollAt: Date.now() });
    void setup(keyStore).service.resume();
    await vi.waitFor(async () => expect((await pendingLinkItem.getValue())?.interval).toBe(6), WAIT);
  });

  it('cancels: stops polling and forgets the pending authorization', async () => {
    await scenario(server.url, { interval: 1 });
    const { service, keyStore } = setup();
    await startAndDecide(service, 'none');
    await service.cancel();
    expect(await linkFlowItem.getValue()).toEqual({ state: 'idle' });
    expect(await pendingLinkItem.getValue()).toBeNull();
    expect(await keyStore.load()).toBeUndefined();
  });

  it('resumes polling after the service worker restarted', async () => {
    await scenario(server.url, { interval: 1 });
    const keyStore = memoryKeyStore();
    const first = setup(keyStore);
    await startAndDecide(first.service, 'none');
    first.service.destroy(); // the worker stops: storage and the key stay
    const { userCode } = (await pendingLinkItem.getValue()) ?? { userCode: '' };
    await dev(server.url, '/dev/approve', { user_code: userCode });
    const second = setup(keyStore);
    void second.service.resume();
    await linked();
  });

  it('finishes a link whose worker stopped between the tokens and the account', async () => {
    await scenario(server.url, { interval: 1 });
    const keyStore = memoryKeyStore();
    const first = setup(keyStore);
    await startAndDecide(first.service);
    first.service.destroy();
    const pending = await pendingLinkItem.getValue();
    if (!pending) throw new Error('no pending authorization');
    const approved = await first.client.pollDeviceCode(pending.deviceCode);
    if (approved.status !== 'approved') throw new Error(approved.status);
    await first.client.saveTokens(approved.tokens);
    void setup(keyStore).service.resume();
    await linked();
    expect((await grants(server.url))[0]).toMatchObject({ status: 'active', poll_count: 1 });
  });

  it('shows a clear error when the answer has the wrong shape, and leaves nothing linked', async () => {
    await scenario(server.url, { interval: 1, garbage: '/v1/account' });
    const { service, keyStore } = setup();
    await startAndDecide(service);
    await vi.waitFor(async () => expect((await linkFlowItem.getValue()).state).toBe('error'), WAIT);
    expect(await linkFlowItem.getValue()).toMatchObject({
      error: { code: 'unexpected_answer', message: expect.stringMatching(/^Mantix sent an unexpected answer/) },
    });
    expect(await linkItem.getValue()).toBeNull();
    expect(await mantixTokensItem.getValue()).toBeNull();
    expect(await keyStore.load()).toBeUndefined();
    expect((await grants(server.url))[0]).toMatchObject({ status: 'revoked' });
  });

  it('says Mantix is unreachable when starting fails', async () => {
    const service = createLinkService({ client: testClient('http://127.0.0.1:9'), wake: { wakeAt() {}, clear() {} } });
    services.push(service);
    expect(await messageOf(service.start())).toMatchObject({ code: 'unreachable' });
    expect(await linkFlowItem.getValue()).toMatchObject({ state: 'error', error: { code: 'unreachable' } });
  });
});

describe('unlinking', () => {
  it('revokes at Mantix, then deletes tokens, link and device key', async () => {
    await scenario(server.url, { interval: 1 });
    const { service, keyStore } = setup();
    await startAndDecide(service);
    await linked();
    expect(await service.unlink()).toEqual({ revokedAtServer: true });
    expect((await grants(server.url))[0]).toMatchObject({ status: 'revoked', refresh_token_valid: false });
    expect(await linkItem.getValue()).toBeNull();
    expect(await mantixTokensItem.getValue()).toBeNull();
    expect(await keyStore.load()).toBeUndefined();
  });

  it('still unlinks locally when Mantix cannot be told, and says so', async () => {
    await scenario(server.url, { interval: 1 });
    const { service } = setup();
    await startAndDecide(service);
    await linked();
    await scenario(server.url, { fail_next: 1, status: 503, path: '/oauth/revoke' });
    const result = await service.unlink();
    expect(result).toMatchObject({
      revokedAtServer: false,
      notice: expect.stringMatching(/^Unlinked on this computer/),
    });
    expect(await linkItem.getValue()).toBeNull();
    expect(await mantixTokensItem.getValue()).toBeNull();
  });
});

describe('server IPs', () => {
  it('answers not linked before linking', async () => {
    const { service } = setup();
    expect(await messageOf(service.serverIps())).toMatchObject({ code: 'not_linked' });
  });

  it('returns the validated list, and refuses one that breaks the rule', async () => {
    await scenario(server.url, { interval: 1 });
    const { service } = setup();
    await startAndDecide(service);
    await linked();
    expect(await service.serverIps()).toEqual({
      ips: ['203.0.113.10', '203.0.113.11', '198.51.100.7'],
      updatedAt: expect.any(String),
    });
    await scenario(server.url, { ips: ['203.0.113.10', '10.0.0.1'] });
    expect(await messageOf(service.serverIps())).toMatchObject({
      code: 'bad_server_ips',
      detail: expect.stringContaining('10.0.0.1'),
    });
  });

  it('forgets the link when Mantix ended it (refresh refused)', async () => {
    await scenario(server.url, { interval: 1 });
    const { service, client } = setup();
    await startAndDecide(service);
    await linked();
    await client.revoke();
    expect(await messageOf(service.serverIps())).toMatchObject({ code: 'link_expired' });
    await vi.waitFor(async () => expect(await linkItem.getValue()).toBeNull(), WAIT);
    expect(await linkFlowItem.getValue()).toMatchObject({ state: 'error', error: { code: 'link_expired' } });
  });
});
