/**
 * The Mantix verification page (RFC 8628 §3.3): plain, self-contained HTML.
 * The user is signed in as the demo account without a password.
 */
import { z } from 'zod';
import { decide, isDeviceCodeExpired } from './grants.ts';
import { type Ctx, header, htmlReply, parseForm, parseQuery, type Reply } from './http.ts';
import { formatUserCode, normalizeUserCode, randomToken } from './ids.ts';
import type { Scope } from './scenario.ts';
import { DEMO_ACCOUNT, type Grant, type MantixState } from './state.ts';
import { summarizeUserAgent } from './user-agent.ts';

const CSRF_LIFETIME_MS = 15 * 60_000;

const PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
};

const SCOPE_TEXT: Record<Scope, string> = {
  'account:read': 'See your account name and email address',
  'ips:read': "Read the IP addresses of Mantix's servers",
  'connections:write': 'Send exchange API keys to your Mantix account',
};

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
  body { font-family: system-ui, sans-serif; margin: 0; color: #1b1f24; background: #f5f6f8; }
  header { background: #12263a; color: #fff; padding: 0.75rem 1.5rem; display: flex; justify-content: space-between; }
  main { max-width: 36rem; margin: 2rem auto; background: #fff; padding: 1.5rem 2rem; border-radius: 8px; }
  .code { font-family: ui-monospace, monospace; font-size: 2rem; letter-spacing: 0.15em; }
  dt { font-weight: 600; margin-top: 0.75rem; }
  dd { margin: 0.25rem 0 0; }
  .actions { display: flex; gap: 1rem; margin-top: 1.5rem; }
  button { font-size: 1rem; padding: 0.6rem 1.4rem; border-radius: 6px; border: 1px solid #12263a; cursor: pointer; }
  button[value="approve"] { background: #12263a; color: #fff; }
  button:focus-visible, input:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
  label { display: block; font-weight: 600; margin-bottom: 0.5rem; }
  input { font-size: 1.25rem; padding: 0.4rem; text-transform: uppercase; }
`;

function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Mantix</title>
<style>${STYLE}</style>
</head>
<body>
<header><span>Mantix</span><span>Signed in as ${escapeHtml(DEMO_ACCOUNT.display_name)} (${escapeHtml(DEMO_ACCOUNT.email)})</span></header>
<main>
${content}
</main>
</body>
</html>
`;
}

function messagePage(status: number, title: string, text: string): Reply {
  return htmlReply(
    status,
    page(title, `<h1>${escapeHtml(title)}</h1>\n<p role="status">${escapeHtml(text)}</p>`),
    PAGE_HEADERS,
  );
}

function codeEntryPage(): Reply {
  const content = `<h1>Link a device to Mantix</h1>
<form method="get" action="/device">
  <label for="user_code">Code shown in Mantix Connect</label>
  <input id="user_code" name="user_code" autocomplete="off" spellcheck="false" required>
  <button type="submit">Continue</button>
</form>`;
  return htmlReply(200, page('Link a device', content), PAGE_HEADERS);
}

function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function approvalPage(grant: Grant, csrf: string): Reply {
  const code = formatUserCode(grant.userCode);
  const scopes = grant.requestedScope.map((scope) => `<li>${escapeHtml(SCOPE_TEXT[scope])}</li>`).join('');
  const content = `<h1>Link Mantix Connect to your account?</h1>
<p>A browser extension asks to be linked to the Mantix account of ${escapeHtml(DEMO_ACCOUNT.display_name)}. Approve only if you started this in Mantix Connect and the code below is the one it shows.</p>
<dl>
  <dt>Code</dt><dd class="code" id="user-code">${escapeHtml(code)}</dd>
  <dt>Browser</dt><dd id="browser">${escapeHtml(summarizeUserAgent(grant.userAgent))}</dd>
  <dt>Requested at</dt><dd><time id="requested-at" datetime="${new Date(grant.requestedAt).toISOString()}">${formatTime(grant.requestedAt)}</time></dd>
</dl>
<h2>The extension will be able to</h2>
<ul>${scopes}</ul>
<form method="post" action="/device" aria-label="Approve or deny the link">
  <input type="hidden" name="user_code" value="${escapeHtml(code)}">
  <input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
  <div class="actions">
    <button type="submit" name="decision" value="approve">Approve</button>
    <button type="submit" name="decision" value="deny">Deny</button>
  </div>
</form>`;
  return htmlReply(200, page('Link Mantix Connect', content), PAGE_HEADERS);
}

/** The grant for a typed code, or the 400 page that explains why there is none. */
function pendingGrant(state: MantixState, input: string): { grant: Grant } | { reply: Reply } {
  const userCode = normalizeUserCode(input);
  const grant = userCode ? state.findGrantByUserCode(userCode) : undefined;
  if (!grant) {
    return {
      reply: messagePage(
        400,
        'Unknown code',
        'This code is not valid. Check the code shown in Mantix Connect, or start linking again there.',
      ),
    };
  }
  if (grant.status !== 'pending') {
    return {
      reply: messagePage(
        400,
        'Code already used',
        'This code was already approved or denied. Start linking again in Mantix Connect.',
      ),
    };
  }
  if (isDeviceCodeExpired(state, grant)) {
    return { reply: messagePage(400, 'Code expired', 'This code has expired. Start linking again in Mantix Connect.') };
  }
  return { grant };
}

const PageQuery = z.object({ user_code: z.string().max(64).optional() });

export function showDevicePage(ctx: Ctx): Reply {
  const query = parseQuery(ctx, PageQuery);
  if (!query.ok) {
    return messagePage(400, 'Unknown code', 'This link is not valid. Start linking again in Mantix Connect.');
  }
  if (query.value.user_code === undefined || query.value.user_code.trim() === '') {
    return codeEntryPage();
  }
  const found = pendingGrant(ctx.state, query.value.user_code);
  if ('reply' in found) {
    return found.reply;
  }
  const csrf = randomToken(24);
  ctx.state.csrfTokens.set(csrf, { userCode: found.grant.userCode, expiresAt: ctx.state.now() + CSRF_LIFETIME_MS });
  return approvalPage(found.grant, csrf);
}

const DecisionForm = z.object({
  user_code: z.string().max(64),
  csrf: z.string().max(128),
  decision: z.enum(['approve', 'deny']),
});

export function submitDevicePage(ctx: Ctx): Reply {
  const form = parseForm(ctx, DecisionForm);
  if (!form.ok) {
    return messagePage(400, 'Invalid request', 'The form was incomplete. Reload the page and choose again.');
  }
  const origin = header(ctx, 'origin');
  if (origin !== undefined && origin !== 'null' && origin !== ctx.state.config.url) {
    return messagePage(403, 'Invalid request', 'This form can only be sent from the Mantix page.');
  }
  const found = pendingGrant(ctx.state, form.value.user_code);
  if ('reply' in found) {
    return found.reply;
  }
  const csrf = ctx.state.csrfTokens.get(form.value.csrf);
  ctx.state.csrfTokens.delete(form.value.csrf);
  if (!csrf || csrf.userCode !== found.grant.userCode || csrf.expiresAt <= ctx.state.now()) {
    return messagePage(400, 'Form expired', 'This form has expired. Reload the page and choose again.');
  }
  decide(found.grant, form.value.decision, DEMO_ACCOUNT.id);
  return form.value.decision === 'approve'
    ? messagePage(200, 'Approved', 'Approved — you can close this tab and go back to Mantix Connect.')
    : messagePage(200, 'Denied', 'Denied — Mantix Connect was not linked. You can close this tab.');
}
