/**
 * Development-only endpoints (no auth, loopback only, never called by the
 * extension): received connections, grants, request log, scenario, reset.
 */
import { z } from 'zod';
import { decide, describeGrant } from './grants.ts';
import { apiError, type Ctx, jsonReply, parseJson, type Reply } from './http.ts';
import { normalizeUserCode } from './ids.ts';
import { describeScenario, mergeScenario, SCENARIO_KEYS, ScenarioInput } from './scenario.ts';
import { ACCOUNTS, DEMO_ACCOUNT, type Grant, type MantixState } from './state.ts';

export const DEV_ENDPOINTS = [
  'GET  /dev/received   connections received, with the decrypted JWE claims',
  'GET  /dev/grants     device authorizations / links and their token state',
  'POST /dev/approve    {user_code, account_id?} approve without the page',
  'POST /dev/deny       {user_code} deny without the page',
  'GET  /dev/requests   log of every non-/dev request (no bodies)',
  'GET  /dev/scenario   the scenario in force',
  'POST /dev/scenario   merge keys into the scenario (see README)',
  'POST /dev/reset      forget everything',
  'POST /dev/clock      {advance_ms} move the server clock forward (tests; instead of sleeping)',
] as const;

export function devIndex(): Reply {
  return jsonReply(200, { endpoints: DEV_ENDPOINTS });
}

export function getReceived(ctx: Ctx): Reply {
  return jsonReply(200, ctx.state.received);
}

export function getGrants(ctx: Ctx): Reply {
  return jsonReply(
    200,
    [...ctx.state.grants.values()].map((grant) => describeGrant(ctx.state, grant)),
  );
}

export function getRequests(ctx: Ctx): Reply {
  return jsonReply(200, ctx.state.requests);
}

const ClockBody = z.object({
  advance_ms: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600_000),
});

/** The test clock: expiries, poll intervals and verification delays pass without waiting. */
export function postClock(ctx: Ctx): Reply {
  const body = parseJson(ctx, ClockBody);
  if (!body.ok) {
    return apiError(400, 'invalid_request', body.message);
  }
  ctx.state.advancedMs += body.value.advance_ms;
  return jsonReply(200, { advanced_ms: ctx.state.advancedMs, now: new Date(ctx.state.now()).toISOString() });
}

export function postReset(ctx: Ctx): Reply {
  ctx.state.reset();
  return jsonReply(200, { reset: true });
}

const DecisionBody = z.object({
  user_code: z.string(),
  account_id: z
    .string()
    .refine((id) => ACCOUNTS.some((account) => account.id === id), 'unknown account_id')
    .optional(),
});

function pendingGrantFor(state: MantixState, userCode: string): { grant: Grant } | { reply: Reply } {
  const normalized = normalizeUserCode(userCode);
  const grant = normalized ? state.findGrantByUserCode(normalized) : undefined;
  if (!grant) {
    return { reply: apiError(404, 'not_found', `no device authorization with user_code ${userCode}`) };
  }
  if (grant.status !== 'pending') {
    return { reply: apiError(409, 'not_pending', `this device authorization is ${grant.status}`) };
  }
  if (state.now() >= grant.expiresAt) {
    return { reply: apiError(409, 'expired', 'this device authorization has expired') };
  }
  return { grant };
}

function decideByDev(ctx: Ctx, decision: 'approve' | 'deny'): Reply {
  const body = parseJson(ctx, DecisionBody);
  if (!body.ok) {
    return apiError(400, 'invalid_request', body.message);
  }
  const found = pendingGrantFor(ctx.state, body.value.user_code);
  if ('reply' in found) {
    return found.reply;
  }
  decide(found.grant, decision, body.value.account_id ?? DEMO_ACCOUNT.id);
  return jsonReply(200, describeGrant(ctx.state, found.grant));
}

export const postApprove = (ctx: Ctx): Reply => decideByDev(ctx, 'approve');
export const postDeny = (ctx: Ctx): Reply => decideByDev(ctx, 'deny');

export function getScenario(ctx: Ctx): Reply {
  return jsonReply(200, describeCurrent(ctx.state));
}

function describeCurrent(state: MantixState): Record<string, unknown> {
  return { ...describeScenario(state.scenario), ingest_kid: state.keyring.current.kid };
}

export async function postScenario(ctx: Ctx): Promise<Reply> {
  const unknown = unknownKeys(ctx.body);
  if (unknown.length > 0) {
    return jsonReply(400, {
      error: 'invalid_request',
      message: `unknown scenario key(s): ${unknown.join(', ')}; allowed: ${SCENARIO_KEYS.join(', ')}`,
      allowed_keys: SCENARIO_KEYS,
    });
  }
  const input = parseJson(ctx, ScenarioInput);
  if (!input.ok) {
    return apiError(400, 'invalid_request', input.message);
  }
  ctx.state.scenario = mergeScenario(ctx.state.scenario, input.value);
  await applyActions(ctx.state, input.value);
  return jsonReply(200, describeCurrent(ctx.state));
}

function unknownKeys(body: string): string[] {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? Object.keys(parsed).filter((key) => !SCENARIO_KEYS.includes(key))
      : [];
  } catch {
    return [];
  }
}

/** Keys that act once instead of being stored. */
async function applyActions(state: MantixState, input: ScenarioInput): Promise<void> {
  if (input.invalidate_access_tokens) {
    state.accessTokens.clear();
  }
  if (input.ingest_key === 'rotate') {
    state.keyring.rotate();
  } else if (input.ingest_key === 'rotate_on_post') {
    state.scenario.rotateOnPost = true;
  } else if (input.ingest_key === 'untrusted') {
    await state.keyring.rotateToUntrusted(state.nextUntrustedKid());
  }
}
