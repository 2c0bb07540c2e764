/**
 * Helpers of the Mantix client and link tests: the reference server running
 * in-process (port 0, reset before every test), its development endpoints,
 * and a client made for it (device key in memory: Node has no IndexedDB).
 */
import { MantixClient, type MantixClientOptions, memoryKeyStore } from '@/utils/mantix';
import { mantixTokensItem } from '@/utils/mantix/items';
import { startServerPerFile } from '../helpers';

/** The reference server in-process (port 0), reset before every test. */
export const withMantixServer = startServerPerFile;

export function testClient(url: string, options: Partial<MantixClientOptions> = {}): MantixClient {
  return new MantixClient({
    apiUrl: url,
    clientId: 'mantix-extension',
    allowInsecureLoopback: true,
    keyStore: memoryKeyStore(),
    tokens: mantixTokensItem,
    ...options,
  });
}

export async function dev(url: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

export const scenario = (url: string, input: Record<string, unknown>) => dev(url, '/dev/scenario', input);

export interface GrantView {
  grant_id: string;
  user_code: string;
  status: string;
  jkt: string | null;
  refresh_generation: number;
  refresh_token_valid: boolean;
  poll_count: number;
  interval: number;
}

export const grants = async (url: string) => (await dev(url, '/dev/grants')) as GrantView[];

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  error?: string;
}

export const requests = async (url: string) => (await dev(url, '/dev/requests')) as LoggedRequest[];
