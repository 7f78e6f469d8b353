// The stand-in GitHub itself, over real loopback HTTP with Node's fetch; values are sealed with
// libsodium's own crypto_box_seal, so these tests do not depend on the extension's sealed box.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import sodium = require('libsodium-wrappers');
import { FakeGitHub, startFakeGitHub } from '../../fake-github/server';

let fake: FakeGitHub;

interface Answer {
  status: number;
  headers: Headers;
  json: any;
}

async function call(method: string, path: string, body?: unknown, token: string | null = fake.acceptedToken): Promise<Answer> {
  const headers: Record<string, string> = { Accept: 'application/vnd.github+json' };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${fake.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: 'manual',
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text === '' ? undefined : JSON.parse(text) };
}

function seal(value: string, keyBase64: string): string {
  const key = sodium.from_base64(keyBase64, sodium.base64_variants.ORIGINAL);
  return sodium.to_base64(sodium.crypto_box_seal(sodium.from_string(value), key), sodium.base64_variants.ORIGINAL);
}

/** Fetches the key, seals, saves: what a well-behaved client does. */
async function save(path: string, name: string, value: string): Promise<Answer> {
  const key = await call('GET', `${path}/public-key`);
  assert.equal(key.status, 200);
  return call('PUT', `${path}/${name}`, { encrypted_value: seal(value, key.json.key), key_id: key.json.key_id });
}

const REPO_SECRETS = '/repos/octo/app/actions/secrets';
const PROD_SECRETS = '/repos/octo/app/environments/production/secrets';

before(async () => {
  await sodium.ready;
  fake = await startFakeGitHub();
});
after(() => fake.close());
beforeEach(() => {
  fake.reset();
  fake.addRepo('octo', 'app', { environments: ['production', 'Staging EU'] });
});

describe('the stand-in GitHub', () => {
  test('listens on loopback', () => assert.match(fake.url, /^http:\/\/127\.0\.0\.1:\d+$/));

  test('answers 401 without the accepted token, and accepts a token set later', async () => {
    assert.equal((await call('GET', `${REPO_SECRETS}/public-key`, undefined, null)).status, 401);
    const wrong = await call('GET', `${REPO_SECRETS}/public-key`, undefined, 'gho_wrong');
    assert.equal(wrong.status, 401);
    assert.equal(wrong.json.message, 'Bad credentials');
    fake.acceptedToken = 'gho_AnotherAcceptedTokenValue123';
    assert.equal((await call('GET', `${REPO_SECRETS}/public-key`)).status, 200);
    assert.equal((await call('GET', `${REPO_SECRETS}/public-key`, undefined, 'gho_wrong')).status, 401);
  });

  test('hands out a real 32-byte X25519 key per repository and per environment', async () => {
    const repoKey = await call('GET', `${REPO_SECRETS}/public-key`);
    const prodKey = await call('GET', `${PROD_SECRETS}/public-key`);
    assert.equal(sodium.from_base64(repoKey.json.key, sodium.base64_variants.ORIGINAL).length, 32);
    assert.match(repoKey.json.key_id, /^\d{18}$/);
    assert.deepEqual({ keyId: repoKey.json.key_id, key: repoKey.json.key }, fake.keyOf({ owner: 'octo', repo: 'app' }));
    assert.deepEqual({ keyId: prodKey.json.key_id, key: prodKey.json.key }, fake.keyOf({ owner: 'octo', repo: 'app', environment: 'production' }));
    assert.notEqual(prodKey.json.key, repoKey.json.key);
    assert.notEqual(prodKey.json.key_id, repoKey.json.key_id);
  });

  test('opens a sealed PUT and records the value: 201 for a new secret, 204 when it replaces one', async () => {
    const created = await save(REPO_SECRETS, 'VERCEL_TOKEN', 'vcp_first value ✓');
    assert.equal(created.status, 201);
    const updated = await save(REPO_SECRETS, 'vercel_token', 'vcp_second');
    assert.equal(updated.status, 204);
    assert.equal(updated.json, undefined);
    const { keyId } = fake.keyOf({ owner: 'octo', repo: 'app' });
    assert.ok(fake.received.every(({ at }) => at > 0 && at <= Date.now()));
    assert.deepEqual(
      fake.received.map(({ at: _at, ...rest }) => rest),
      [
        { owner: 'octo', repo: 'app', name: 'VERCEL_TOKEN', value: 'vcp_first value ✓', keyId },
        { owner: 'octo', repo: 'app', name: 'VERCEL_TOKEN', value: 'vcp_second', keyId },
      ],
    );
    assert.equal(fake.secret({ owner: 'octo', repo: 'app' }, 'Vercel_Token')?.value, 'vcp_second');
  });

  test('an environment secret is opened with the environment key and recorded with the environment', async () => {
    assert.equal((await save('/repos/octo/app/environments/Staging%20EU/secrets', 'TOKEN', 'staging value')).status, 201);
    assert.deepEqual(
      fake.received.map(({ environment, keyId, value }) => ({ environment, keyId, value })),
      [{ environment: 'Staging EU', keyId: fake.keyOf({ owner: 'octo', repo: 'app', environment: 'Staging EU' }).keyId, value: 'staging value' }],
    );
    assert.equal(fake.secret({ owner: 'octo', repo: 'app' }, 'TOKEN'), undefined, 'not a repository secret');
  });

  test('a box sealed with the repository key is refused for an environment (422), and nothing is recorded', async () => {
    const repoKey = fake.keyOf({ owner: 'octo', repo: 'app' });
    const prodKey = fake.keyOf({ owner: 'octo', repo: 'app', environment: 'production' });
    const wrongBox = await call('PUT', `${PROD_SECRETS}/TOKEN`, { encrypted_value: seal('v', repoKey.key), key_id: prodKey.keyId });
    assert.equal(wrongBox.status, 422);
    const wrongKeyId = await call('PUT', `${PROD_SECRETS}/TOKEN`, { encrypted_value: seal('v', prodKey.key), key_id: repoKey.keyId });
    assert.equal(wrongKeyId.status, 422);
    assert.match(wrongKeyId.json.message, /key_id/);
    assert.equal(fake.received.length, 0);
  });

  test('422 for a box that is not one, for missing fields and for a name GitHub refuses', async () => {
    const { keyId, key } = fake.keyOf({ owner: 'octo', repo: 'app' });
    assert.equal((await call('PUT', `${REPO_SECRETS}/TOKEN`, { encrypted_value: 'bm90IGEgYm94', key_id: keyId })).status, 422);
    assert.equal((await call('PUT', `${REPO_SECRETS}/TOKEN`, { encrypted_value: '%%%', key_id: keyId })).status, 422);
    assert.equal((await call('PUT', `${REPO_SECRETS}/TOKEN`, { key_id: keyId })).status, 422);
    assert.equal((await call('PUT', `${REPO_SECRETS}/TOKEN`, 'not an object')).status, 422);
    for (const name of ['GITHUB_TOKEN', '1TOKEN', 'MY-TOKEN']) {
      const answer = await call('PUT', `${REPO_SECRETS}/${name}`, { encrypted_value: seal('v', key), key_id: keyId });
      assert.equal(answer.status, 422, name);
    }
    assert.equal(fake.received.length, 0);
  });

  test('a key rotated after it was fetched makes the save fail with 422', async () => {
    const before = fake.keyOf({ owner: 'octo', repo: 'app' });
    fake.rotateKey({ owner: 'octo', repo: 'app' });
    assert.notEqual(fake.keyOf({ owner: 'octo', repo: 'app' }).keyId, before.keyId);
    const answer = await call('PUT', `${REPO_SECRETS}/TOKEN`, { encrypted_value: seal('v', before.key), key_id: before.keyId });
    assert.equal(answer.status, 422);
  });

  test("keeps a secret's times: created_at stays, updated_at moves; setSecret sets them directly", async () => {
    const target = { owner: 'octo', repo: 'app' };
    fake.setSecret(target, 'deploy_token', Date.UTC(2025, 5, 1, 8, 30, 15, 999), Date.UTC(2024, 0, 2, 3, 4, 5));
    const read = await call('GET', `${REPO_SECRETS}/Deploy_Token`);
    assert.equal(read.status, 200);
    assert.deepEqual(read.json, { name: 'DEPLOY_TOKEN', created_at: '2024-01-02T03:04:05Z', updated_at: '2025-06-01T08:30:15Z' });
    const started = Math.floor(Date.now() / 1000) * 1000;
    assert.equal((await save(REPO_SECRETS, 'DEPLOY_TOKEN', 'now it has a value')).status, 204, 'it existed, so this replaces it');
    const stored = fake.secret(target, 'DEPLOY_TOKEN');
    assert.equal(stored?.createdAt, Date.UTC(2024, 0, 2, 3, 4, 5));
    assert.ok(stored.updatedAt >= started && stored.updatedAt <= Date.now());
    assert.equal(stored.value, 'now it has a value');
    assert.equal((await call('GET', `${REPO_SECRETS}/ABSENT`)).status, 404);
  });

  test('lists environments in pages (per_page, page, total_count)', async () => {
    const names = Array.from({ length: 250 }, (_, index) => `env-${index}`);
    fake.addRepo('octo', 'many', { environments: names });
    const pages = [];
    for (let page = 1; page <= 4; page++) pages.push((await call('GET', `/repos/octo/many/environments?per_page=100&page=${page}`)).json);
    assert.deepEqual(pages.map((page) => page.environments.length), [100, 100, 50, 0]);
    assert.ok(pages.every((page) => page.total_count === 250));
    assert.deepEqual(pages.flatMap((page) => page.environments.map((environment: { name: string }) => environment.name)), names);
    assert.equal((await call('GET', '/repos/octo/many/environments')).json.environments.length, 30, "GitHub's default page size");
    assert.equal((await call('GET', '/repos/octo/many/environments?per_page=500')).json.environments.length, 100, 'at most 100');
    fake.addRepo('octo', 'none');
    assert.deepEqual((await call('GET', '/repos/octo/none/environments')).json, { total_count: 0, environments: [] });
  });

  test('404 for an unknown repository, an unknown environment and a repository without access', async () => {
    fake.addRepo('octo', 'hidden', { access: 'none' });
    assert.equal((await call('GET', '/repos/octo/unknown/actions/secrets/public-key')).status, 404);
    assert.equal((await call('GET', '/repos/octo/app/environments/nope/secrets/public-key')).status, 404);
    assert.equal((await call('GET', '/repos/octo/hidden/actions/secrets/public-key')).status, 404);
    assert.equal((await call('GET', '/repos/octo/hidden/environments')).status, 404);
    assert.equal((await call('GET', '/repos/octo/hidden')).status, 404);
  });

  test('read access: the repository and its environments can be read, its secrets answer 403', async () => {
    fake.addRepo('octo', 'readonly', { access: 'read', environments: ['prod'] });
    assert.equal((await call('GET', '/repos/octo/readonly')).json.permissions.admin, false);
    assert.equal((await call('GET', '/repos/octo/readonly/environments')).status, 200);
    const key = await call('GET', '/repos/octo/readonly/actions/secrets/public-key');
    assert.equal(key.status, 403);
    assert.equal(key.json.message, 'Must have admin rights to Repository.');
    assert.equal((await call('GET', '/repos/octo/readonly/environments/prod/secrets/public-key')).status, 403);
  });

  test('owner and repository names are not case sensitive', async () => {
    assert.equal((await save('/repos/OCTO/App/actions/secrets', 'TOKEN', 'v')).status, 201);
    assert.equal(fake.received[0].repo, 'app');
  });

  test('records each request with its Authorization header redacted and its raw body', async () => {
    await save(REPO_SECRETS, 'TOKEN', 'plaintext that must not be recorded');
    assert.deepEqual(
      fake.requests.map(({ method, path, status }) => ({ method, path, status })),
      [
        { method: 'GET', path: `${REPO_SECRETS}/public-key`, status: 200 },
        { method: 'PUT', path: `${REPO_SECRETS}/TOKEN`, status: 201 },
      ],
    );
    const token = fake.acceptedToken;
    assert.equal(fake.requests[0].headers.authorization, `Bearer ${token.slice(0, 4)}…${token.slice(-4)}`);
    assert.equal(JSON.stringify(fake.requests).includes(token), false);
    const put = JSON.parse(fake.requests[1].body ?? '');
    assert.equal(typeof put.encrypted_value, 'string');
    assert.equal(JSON.stringify(fake.requests).includes('plaintext that must not be recorded'), false);
  });

  describe('faults', () => {
    test('rateLimit: 403 with x-ratelimit-remaining 0 and x-ratelimit-reset; 429 with retry-after', async () => {
      const resetAt = Date.UTC(2030, 0, 1, 0, 0, 0);
      fake.faults.rateLimit = { resetAt };
      const limited = await call('GET', `${REPO_SECRETS}/public-key`);
      assert.equal(limited.status, 403);
      assert.equal(limited.headers.get('x-ratelimit-remaining'), '0');
      assert.equal(limited.headers.get('x-ratelimit-reset'), String(resetAt / 1000));
      assert.match(limited.json.message, /rate limit exceeded/);
      fake.faults.rateLimit = { status: 429, retryAfterSeconds: 42 };
      const tooMany = await call('GET', `${REPO_SECRETS}/public-key`);
      assert.equal(tooMany.status, 429);
      assert.equal(tooMany.headers.get('retry-after'), '42');
    });

    test('a fault with times switches itself off; one with a method leaves other methods alone', async () => {
      fake.faults.serverError = { times: 2 };
      assert.equal((await call('GET', `${REPO_SECRETS}/public-key`)).status, 500);
      assert.equal((await call('GET', `${REPO_SECRETS}/public-key`)).status, 500);
      assert.equal((await call('GET', `${REPO_SECRETS}/public-key`)).status, 200);
      assert.equal(fake.faults.serverError, undefined);
      fake.faults.serverError = { method: 'PUT', status: 502 };
      const saved = await save(REPO_SECRETS, 'TOKEN', 'v');
      assert.equal(saved.status, 502, 'the key was fetched, the save failed');
      assert.equal(fake.received.length, 0);
    });

    test('serverError: true answers 500 until switched off', async () => {
      fake.faults.serverError = true;
      assert.equal((await call('GET', '/repos/octo/app/environments')).status, 500);
      assert.equal((await call('GET', '/repos/octo/app/environments')).status, 500);
      fake.clearFaults();
      assert.equal((await call('GET', '/repos/octo/app/environments')).status, 200);
    });

    test('orgForbids: 403 with GitHub’s words about the organization’s restrictions', async () => {
      fake.faults.orgForbids = true;
      const answer = await call('GET', `${REPO_SECRETS}/public-key`);
      assert.equal(answer.status, 403);
      assert.match(answer.json.message, /`octo` organization has enabled OAuth App access restrictions/);
    });

    test('forkDisabled: only the secrets of a fork are refused, with a message about forks', async () => {
      fake.addRepo('me', 'app-fork', { fork: true });
      fake.faults.forkDisabled = true;
      assert.equal((await call('GET', `${REPO_SECRETS}/public-key`)).status, 200, 'not a fork');
      const refused = await call('GET', '/repos/me/app-fork/actions/secrets/public-key');
      assert.equal(refused.status, 403);
      assert.match(refused.json.message, /fork/);
      fake.faults.forkDisabled = { status: 422 };
      assert.equal((await call('PUT', '/repos/me/app-fork/actions/secrets/TOKEN', {})).status, 422);
      assert.equal((await call('GET', '/repos/me/app-fork')).json.fork, true);
    });

    test('redirect: 301 to the same path under /repositories/ID, or to a given location, before any check', async () => {
      fake.faults.redirect = { times: 1 };
      const moved = await call('GET', `${REPO_SECRETS}/public-key`, undefined, null);
      assert.equal(moved.status, 301);
      assert.match(moved.headers.get('location') ?? '', new RegExp(`^${fake.url}/repositories/\\d+/actions/secrets/public-key$`));
      fake.faults.redirect = { status: 307, location: 'https://elsewhere.example/steal' };
      const away = await call('PUT', `${REPO_SECRETS}/TOKEN`, {});
      assert.equal(away.status, 307);
      assert.equal(away.headers.get('location'), 'https://elsewhere.example/steal');
    });
  });

  test('reset forgets repositories, secrets, faults and logs, but keeps the accepted token', async () => {
    const token = fake.acceptedToken;
    await save(REPO_SECRETS, 'TOKEN', 'v');
    fake.faults.serverError = true;
    fake.reset();
    assert.equal(fake.acceptedToken, token);
    assert.deepEqual([fake.requests.length, fake.received.length, Object.keys(fake.faults).length], [0, 0, 0]);
    assert.equal((await call('GET', `${REPO_SECRETS}/public-key`)).status, 404);
  });

  test('addRepo refuses a repository twice, and the helpers refuse an unknown target', () => {
    assert.throws(() => fake.addRepo('OCTO', 'APP'), /already exists/);
    assert.throws(() => fake.keyOf({ owner: 'octo', repo: 'nope' }), /No repository/);
    assert.throws(() => fake.keyOf({ owner: 'octo', repo: 'app', environment: 'nope' }), /No environment/);
  });
});

describe('a stand-in that is not started or is closed', () => {
  test('addRepo before start is refused', () => {
    const unstarted = new FakeGitHub();
    assert.throws(() => unstarted.addRepo('octo', 'app'), /start\(\)/);
    assert.throws(() => unstarted.url, /not started/);
  });

  test('close ends open connections and the port stops answering', async () => {
    const closing = await startFakeGitHub();
    const { url } = closing;
    await closing.close();
    await closing.close(); // twice is harmless
    await assert.rejects(fetch(`${url}/repos/octo/app`));
  });
});
