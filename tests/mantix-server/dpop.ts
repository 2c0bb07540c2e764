/**
 * DPoP proof verification (RFC 9449 §4.3), signature and header checks by jose.
 */
import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, EmbeddedJWK, errors, jwtVerify } from 'jose';
import { z } from 'zod';
import { type MantixState, pruneExpired } from './state.ts';

/** Allowed distance between a proof's `iat` and the server clock. */
export const IAT_WINDOW_S = 60;

export type ProofCheck =
  | { ok: true; jkt: string }
  | { ok: false; error: 'use_dpop_nonce' | 'invalid_dpop_proof'; description: string };

export interface ProofInput {
  /** The `DPoP` request header (joined with ", " when sent more than once). */
  proof: string | undefined;
  method: string;
  /** Path of this endpoint; `htu` is compared with the server's own URL for it. */
  path: string;
  /** The access token presented with the proof (resource requests): `ath` must match. */
  accessToken?: string;
}

const ProofClaims = z.object({
  jti: z.string().min(1).max(512),
  htm: z.string(),
  htu: z.string(),
  iat: z.number(),
  ath: z.string().optional(),
  nonce: z.string().optional(),
});
type ProofClaims = z.infer<typeof ProofClaims>;

const refuse = (description: string): ProofCheck => ({ ok: false, error: 'invalid_dpop_proof', description });

/** base64url(SHA-256(access token)), the `ath` claim. */
export function accessTokenHash(token: string): string {
  return createHash('sha256').update(token, 'ascii').digest('base64url');
}

export async function checkDpopProof(state: MantixState, input: ProofInput): Promise<ProofCheck> {
  if (!input.proof) {
    return refuse('a DPoP proof (header "DPoP") is required');
  }
  if (input.proof.includes(',')) {
    return refuse('exactly one DPoP header is allowed');
  }
  const verified = await verifySignature(state, input.proof);
  if (!verified.ok) {
    return verified;
  }
  const refusal = checkClaims(state, verified.claims, input);
  if (refusal) {
    return refusal;
  }
  if (!verified.claims.nonce || !state.isAcceptedNonce(verified.claims.nonce)) {
    return {
      ok: false,
      error: 'use_dpop_nonce',
      description: verified.claims.nonce ? 'the DPoP nonce is stale' : 'the DPoP proof needs the server nonce',
    };
  }
  return rememberJti(state, verified.jkt, verified.claims);
}

type Verified = { ok: true; claims: ProofClaims; jkt: string } | Extract<ProofCheck, { ok: false }>;

async function verifySignature(state: MantixState, proof: string): Promise<Verified> {
  try {
    const { payload, protectedHeader } = await jwtVerify(proof, EmbeddedJWK, {
      typ: 'dpop+jwt',
      algorithms: ['ES256'],
      currentDate: new Date(state.now()),
    });
    const jwk = protectedHeader.jwk;
    if (!jwk || 'd' in jwk) {
      return { ok: false, error: 'invalid_dpop_proof', description: 'the proof must embed a public key only' };
    }
    const claims = ProofClaims.safeParse(payload);
    if (!claims.success) {
      return { ok: false, error: 'invalid_dpop_proof', description: 'the proof lacks jti, htm, htu or iat' };
    }
    return { ok: true, claims: claims.data, jkt: await calculateJwkThumbprint(jwk, 'sha256') };
  } catch (error) {
    const reason = error instanceof errors.JOSEError ? error.message : 'malformed proof';
    return { ok: false, error: 'invalid_dpop_proof', description: `the DPoP proof was refused: ${reason}` };
  }
}

function checkClaims(state: MantixState, claims: ProofClaims, input: ProofInput): ProofCheck | undefined {
  if (claims.htm !== input.method) {
    return refuse(`htm must be ${input.method}`);
  }
  const expectedHtu = new URL(input.path, state.config.url).href;
  if (normalizeHtu(claims.htu) !== expectedHtu) {
    return refuse(`htu must be ${expectedHtu}`);
  }
  const skew = claims.iat - state.now() / 1000;
  if (Math.abs(skew) > IAT_WINDOW_S) {
    const serverTime = new Date(state.now()).toISOString();
    return refuse(
      `iat is ${Math.round(skew)} s away from the server clock (${serverTime}); allowed ±${IAT_WINDOW_S} s`,
    );
  }
  if (input.accessToken !== undefined && claims.ath !== accessTokenHash(input.accessToken)) {
    return refuse('ath does not match the access token');
  }
  return undefined;
}

/** The URI without query and fragment, normalized by the URL parser; '' when not a URL. */
function normalizeHtu(htu: string): string {
  try {
    const url = new URL(htu);
    url.search = '';
    url.hash = '';
    return url.href;
  } catch {
    return '';
  }
}

function rememberJti(state: MantixState, jkt: string, claims: ProofClaims): ProofCheck {
  const now = state.now();
  pruneExpired(state.dpopJtis, now);
  const key = `${jkt}:${claims.jti}`;
  if (state.dpopJtis.has(key)) {
    return refuse('this proof (jti) was already used');
  }
  state.dpopJtis.set(key, Math.max(now, claims.iat * 1000) + 2 * IAT_WINDOW_S * 1000);
  return { ok: true, jkt };
}
