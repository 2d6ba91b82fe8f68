// A local OpenID Connect provider for the demo and the browser tests, configured like
// the Digital Agency's デジタル認証アプリ: authorization code with PKCE (S256), `state` and
// `nonce`, the client authenticated by `private_key_jwt` (its keys read from Madoguchi's
// /auth/oidc/jwks.json), scopes `openid name address birthdate gender`. It is the npm
// package `oidc-provider`, not code of ours; only the sign-in page is ours: it lists the
// demo identities of accounts.json (a stand-in for reading a My Number card).
//
//   OIDC_PORT=3900 MADOGUCHI_URL=http://localhost:3000 node end2end/oidc/provider.mjs
import Provider from 'oidc-provider';
import http from 'node:http';
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';

const port = Number(process.env.OIDC_PORT ?? 3900);
const issuer = process.env.OIDC_ISSUER ?? `http://localhost:${port}`;
const madoguchi = (process.env.MADOGUCHI_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const accounts = JSON.parse(readFileSync(new URL('./accounts.json', import.meta.url), 'utf8'));

// A fresh signing key per start (RS256, as most providers sign).
const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signing = { ...privateKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig', kid: crypto.randomUUID() };

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'madoguchi',
    redirect_uris: [`${madoguchi}/auth/oidc/callback`],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'ES256',
    jwks_uri: `${madoguchi}/auth/oidc/jwks.json`,
  }],
  jwks: { keys: [signing] },
  claims: {
    openid: ['sub'],
    name: ['name'],
    address: ['address'],
    birthdate: ['birthdate'],
    gender: ['gender'],
  },
  scopes: ['openid', 'name', 'address', 'birthdate', 'gender'],
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  // The provider refuses to fetch from loopback addresses (its guard against SSRF);
  // this demo provider's one client, Madoguchi, runs on this very machine, so its
  // key set (jwks_uri) is fetched without that guard. A real provider reaches the
  // city's server by its public name.
  fetch: (url, { dispatcher, ...options }) => globalThis.fetch(url, options),
  async findAccount(ctx, id) {
    const a = accounts[id];
    if (!a) return undefined;
    return {
      accountId: id,
      async claims() {
        const { note, ...claims } = a;
        return { sub: id, ...claims };
      },
    };
  },
});
provider.proxy = false;
// Why a request was refused, in the log (the browser suite prints it on a failure).
for (const event of ['grant.error', 'authorization.error', 'userinfo.error', 'server_error']) {
  provider.on(event, (ctx, err) => {
    const why = [];
    for (let e = err; e; e = e.cause) why.push(e.error_detail ?? e.error_description ?? e.message);
    console.log(`${event}: ${err.error ?? err.name}: ${why.join(' <- ')}`);
  });
}

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title, body) => `<!doctype html><html lang="ja"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>
<style>body{font-family:"Noto Sans CJK JP",sans-serif;max-width:32rem;margin:0 auto;padding:1rem;color:#1a1a1c;line-height:1.7}
h1{font-size:1.5rem}.note{background:#fff4e0;padding:.5rem .75rem;border-radius:8px}
button{display:block;width:100%;min-height:48px;margin:.5rem 0;font-size:1rem;border-radius:8px;border:1px solid #0031d8;background:#0031d8;color:#fff}
button.secondary{background:#fff;color:#0031d8}small{display:block;color:inherit}</style></head><body>${body}</body></html>`;

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

async function interaction(req, res, uid) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  const { prompt, params, session } = details;
  if (req.method === 'GET') {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    if (prompt.name === 'login') {
      const choices = Object.entries(accounts).map(([id, a]) =>
        `<button name="login" value="${escape(id)}" type="submit">${escape(a.name)}<small>${escape(a.birthdate)} ・ ${escape(a.note)}</small></button>`).join('');
      res.end(page('デモ認証', `<h1>デモ用の本人確認</h1>
<p class="note">これはデモ用の認証サーバーです。本番ではマイナンバーカードを読み取ります。</p>
<form method="post">${choices}<button class="secondary" name="cancel" value="1">やめる</button></form>`));
    } else {
      res.end(page('同意', `<h1>情報の提供に同意しますか</h1>
<p>${escape(params.client_id)} に次の情報を渡します: 氏名、住所、生年月日、性別</p>
<form method="post"><button name="consent" value="1">同意する</button><button class="secondary" name="cancel" value="1">同意しない</button></form>`));
    }
    return;
  }
  const form = await readForm(req);
  if (form.get('cancel')) {
    await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'the resident cancelled' }, { mergeWithLastSubmission: false });
    return;
  }
  if (prompt.name === 'login') {
    const id = form.get('login');
    if (!accounts[id]) { res.statusCode = 400; res.end('unknown identity'); return; }
    await provider.interactionFinished(req, res, { login: { accountId: id } }, { mergeWithLastSubmission: false });
    return;
  }
  const grant = new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

const callback = provider.callback();
http.createServer(async (req, res) => {
  const match = /^\/interaction\/([^/?]+)/.exec(req.url ?? '');
  if (!match) return callback(req, res);
  try {
    await interaction(req, res, match[1]);
  } catch (e) {
    res.statusCode = 400;
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.end(`sign-in could not continue: ${e.message}`);
  }
}).listen(port, '127.0.0.1', () => console.log(`demo OpenID Connect provider at ${issuer}`));
