/**
 * The link's tokens: read from a token endpoint answer (zod), and refreshed
 * one refresh at a time. A refused refresh token ends the link.
 */
import * as oauth from 'oauth4webapi';
import type { TypedItem } from '../storage';
import type { OAuthContext } from './context';
import { bodyErrorOf, tokenEndpointProblem } from './dpop-retry';
import { MantixError, toMantixError } from './errors';
import type { MantixTokens } from './items';
import { SCOPE, TokenAnswer } from './schemas';

export type TokenStore = Pick<TypedItem<MantixTokens | null>, 'getValue' | 'setValue' | 'removeValue'>;

export function tokensFrom(answer: oauth.TokenEndpointResponse): MantixTokens {
  const parsed = TokenAnswer.safeParse(answer);
  if (!parsed.success) {
    throw new MantixError('unexpected_answer', { detail: `token answer: ${parsed.error.message}` });
  }
  const { access_token, refresh_token, expires_in, scope } = parsed.data;
  return {
    accessToken: access_token,
    refreshToken: refresh_token,
    expiresAt: Date.now() + expires_in * 1000,
    scope: scope ?? SCOPE,
  };
}

export class TokenRefresher {
  #refreshing: Promise<MantixTokens> | undefined;

  constructor(
    private readonly context: OAuthContext,
    private readonly tokens: TokenStore,
    /** The server ended the link (the refresh token was refused). */
    private readonly linkLost: (error: MantixError) => void,
  ) {}

  /**
   * Refreshes the tokens, one refresh at a time: concurrent callers share
   * the running refresh, and a caller whose token was already replaced gets
   * the new one without a second refresh (two refreshes with one rotating
   * refresh token would look like theft to the server).
   */
  refresh(stale: MantixTokens, keyPair: CryptoKeyPair, signal?: AbortSignal): Promise<MantixTokens> {
    this.#refreshing ??= this.#doRefresh(stale, keyPair, signal).finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #doRefresh(stale: MantixTokens, keyPair: CryptoKeyPair, signal?: AbortSignal): Promise<MantixTokens> {
    const current = await this.tokens.getValue();
    if (!current) throw new MantixError('not_linked', { detail: 'the link was removed during the call' });
    if (current.accessToken !== stale.accessToken) return current;
    const { client } = this.context;
    try {
      const as = await this.context.as(signal);
      const answer = await this.context.proofs.retrying(
        keyPair,
        async (dpop) => {
          const response = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), current.refreshToken, {
            DPoP: dpop,
            ...this.context.http(signal),
          });
          return oauth.processRefreshTokenResponse(as, client, response);
        },
        { problemOf: tokenEndpointProblem },
      );
      const tokens = tokensFrom(answer);
      await this.tokens.setValue(tokens);
      return tokens;
    } catch (error) {
      if (bodyErrorOf(error) === 'invalid_grant') {
        const lost = new MantixError('link_expired', {
          detail: toMantixError(error).detail,
          status: 400,
          cause: error,
        });
        this.linkLost(lost);
        throw lost;
      }
      throw toMantixError(error, signal);
    }
  }
}
