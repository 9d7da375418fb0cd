import { startTailscaleEmulator, TailscaleEmulator } from './server';

describe('Tailscale API emulator wire format', () => {
  let ts: TailscaleEmulator;
  beforeEach(async () => {
    ts = await startTailscaleEmulator({
      tagOwners: { 'tag:inferadb': [], 'tag:fdb': ['tag:inferadb'] },
    });
  });
  afterEach(() => ts.close());

  const api = (path: string, init: RequestInit & { token?: string } = {}) =>
    fetch(`${ts.url}/api/v2${path}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${init.token ?? ts.apiKey}`,
        'Content-Type': 'application/json',
        ...(init.headers as Record<string, string>),
      },
    });
  const createBody = (extra: object = {}) =>
    JSON.stringify({
      capabilities: {
        devices: { create: { reusable: true, tags: ['tag:fdb'] } },
      },
      expirySeconds: 3600,
      ...extra,
    });

  it('accepts the API token as Basic auth user name, and answers 401 with {message} otherwise', async () => {
    const basic = await fetch(`${ts.url}/api/v2/tailnet/-/keys`, {
      headers: {
        Authorization: `Basic ${Buffer.from(`${ts.apiKey}:`).toString(
          'base64',
        )}`,
      },
    });
    expect(basic.status).toBe(200);
    expect(await basic.json()).toEqual({ keys: [] });
    const bad = await api('/tailnet/-/keys', { token: 'tskey-api-nope' });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ message: 'API token invalid' });
  });

  it('creates a key shown once, then reads it without the value, and invalid after DELETE', async () => {
    const created = await (
      await api('/tailnet/-/keys', {
        method: 'POST',
        body: createBody({ description: 'dev access' }),
      })
    ).json();
    expect(created).toMatchObject({
      id: expect.stringMatching(/^k[0-9A-F]+CNTRL$/),
      key: expect.stringMatching(/^tskey-auth-k[0-9A-F]+CNTRL-[0-9a-f]+$/),
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      capabilities: {
        devices: {
          create: {
            reusable: true,
            ephemeral: false,
            preauthorized: false,
            tags: ['tag:fdb'],
          },
        },
      },
      description: 'dev access',
    });
    const read = await (await api(`/tailnet/-/keys/${created.id}`)).json();
    expect(read.key).toBeUndefined();
    expect(read.expires).toBe(created.expires);
    expect(
      (await api(`/tailnet/-/keys/${created.id}`, { method: 'DELETE' })).status,
    ).toBe(200);
    const revoked = await (await api(`/tailnet/-/keys/${created.id}`)).json();
    expect(revoked).toEqual({
      id: created.id,
      created: created.created,
      expires: created.expires,
      revoked: expect.any(String),
      invalid: true,
    });
    expect(await (await api('/tailnet/-/keys')).json()).toEqual({ keys: [] });
  });

  it('rejects a body without capabilities.devices and a description over 50 characters', async () => {
    const none = await api('/tailnet/-/keys', { method: 'POST', body: '{}' });
    expect(none.status).toBe(400);
    expect((await none.json()).message).toMatch(/capabilities/);
    const long = await api('/tailnet/-/keys', {
      method: 'POST',
      body: createBody({ description: 'x'.repeat(51) }),
    });
    expect(long.status).toBe(400);
  });

  it('issues one-hour OAuth tokens and checks scopes and tag ownership', async () => {
    const tokenRes = await fetch(`${ts.url}/api/v2/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: ts.oauthClient.clientId,
        client_secret: ts.oauthClient.clientSecret,
      }).toString(),
    });
    const token = await tokenRes.json();
    expect(token).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      access_token: expect.any(String),
    });
    const owned = await api('/tailnet/-/keys', {
      method: 'POST',
      body: createBody(),
      token: token.access_token,
    });
    expect(owned.status).toBe(200);
    const untagged = await api('/tailnet/-/keys', {
      method: 'POST',
      token: token.access_token,
      body: JSON.stringify({
        capabilities: { devices: { create: { tags: [] } } },
      }),
    });
    expect(untagged.status).toBe(400);
    const other = await api('/tailnet/-/keys', {
      method: 'POST',
      token: token.access_token,
      body: JSON.stringify({
        capabilities: { devices: { create: { tags: ['tag:other'] } } },
      }),
    });
    expect(other.status).toBe(400);
    expect((await other.json()).message).toBe(
      'requested tags [tag:other] are invalid or not permitted',
    );

    const wrong = await fetch(`${ts.url}/api/v2/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=${ts.oauthClient.clientId}&client_secret=nope`,
    });
    expect(wrong.status).toBe(401);
  });

  it('lists devices with or without the fields that fields=all adds', async () => {
    ts.addDevice({
      hostname: 'engine-0',
      tags: ['tag:inferadb'],
      enabledRoutes: ['10.0.0.0/16'],
    });
    const all = (await (await api('/tailnet/-/devices?fields=all')).json())
      .devices;
    expect(all[0]).toMatchObject({
      hostname: 'engine-0',
      enabledRoutes: ['10.0.0.0/16'],
      clientConnectivity: expect.any(Object),
    });
    const def = (await (await api('/tailnet/-/devices')).json()).devices;
    expect(def[0].hostname).toBe('engine-0');
    expect(def[0].enabledRoutes).toBeUndefined();
    expect(def[0].clientConnectivity).toBeUndefined();
  });

  it('injects faults with Retry-After, for a number of times', async () => {
    ts.addFault({
      path: '/tailnet/-/keys',
      status: 429,
      retryAfter: 2,
      times: 1,
    });
    const limited = await api('/tailnet/-/keys');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(await limited.json()).toEqual({
      message: 'injected fault: HTTP 429',
    });
    expect((await api('/tailnet/-/keys')).status).toBe(200);
    expect(ts.requests.map(r => r.status)).toEqual([429, 200]);
  });
});
