// Secret hygiene that is declared or logged: the package.json contract (workspace trust, virtual
// workspaces, application-scoped settings) and the "Vercel Tokens" log channel — one line per request
// with method, path, status and duration, and Authorization / bearerToken / token values redacted.
import '../support/installVscode';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Logger } from '../../../src/log';
import { resolvedManifest } from '../../shared/manifest';
import { faults } from '../../fake-vercel/server';
import { fake, withExtension } from '../support/harness';
import { FakeLogOutputChannel } from '../support/vscode';

// out/test/unit/reliability → the repository root.
const manifest = resolvedManifest(join(__dirname, '..', '..', '..', '..'));

describe('package.json', () => {
  test('declares limited support for untrusted workspaces, with vercelTokens.apiUrl restricted', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    assert.ok(Array.isArray(untrusted.restrictedConfigurations));
    assert.ok(untrusted.restrictedConfigurations.includes('vercelTokens.apiUrl'));
    assert.equal(typeof untrusted.description, 'string');
  });

  test('in untrusted workspaces, the API URL and the default expiry are read from user settings only', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    for (const setting of ['vercelTokens.apiUrl', 'vercelTokens.defaultExpiry']) {
      assert.ok(untrusted.restrictedConfigurations.includes(setting), `${setting} is not restricted`);
    }
    // A cloned repository's settings could otherwise point the account token elsewhere, or make every new token never expire.
    assert.match(untrusted.description, /API URL/);
    assert.match(untrusted.description, /default expiry/i);
  });

  test('declares virtual workspace support (the extension reads no workspace files)', () => {
    const virtual = manifest.capabilities?.virtualWorkspaces;
    assert.ok(virtual === true || (typeof virtual === 'object' && virtual.supported !== false), JSON.stringify(virtual));
  });

  test('vercelTokens.apiUrl and vercelTokens.requestTimeoutSeconds are application-scoped (user settings only)', () => {
    const properties = manifest.contributes.configuration.properties;
    assert.equal(properties['vercelTokens.apiUrl'].scope, 'application');
    assert.equal(properties['vercelTokens.apiUrl'].default, 'https://api.vercel.com');
    assert.equal(properties['vercelTokens.requestTimeoutSeconds'].scope, 'application');
    assert.deepEqual(
      [properties['vercelTokens.requestTimeoutSeconds'].default, properties['vercelTokens.requestTimeoutSeconds'].minimum, properties['vercelTokens.requestTimeoutSeconds'].maximum],
      [30, 1, 600],
    );
  });
});

describe('the log channel', () => {
  test('is a LogOutputChannel named "Vercel Tokens", created once at activation', async () => {
    await withExtension({}, async () => {
      // The fake only hands out LogOutputChannels (createOutputChannel(name, { log: true })).
      assert.deepEqual(fake.outputChannels.map((channel) => channel.name), ['Vercel Tokens']);
    });
  });

  test('records each request: method, path (with query), status and duration; failures with their reason', async () => {
    await withExtension({ settings: [['vercelTokens.requestTimeoutSeconds', 1]] }, async (h) => {
      await h.signIn();
      const mine = await h.create('Mine');
      await h.run('vercelTokens.deleteToken', mine.id, { confirmed: true });
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', ...faults.serverError(500) });
      await h.run('vercelTokens.refresh');
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', kind: 'hang' });
      await h.run('vercelTokens.refresh');
      await h.settle();
      const lines = h.channel.lines.map((line) => `[${line.level}] ${line.message}`);
      const expected = [
        /^\[info\] GET \/v2\/user → 200 in \d+ ms$/,
        /^\[info\] GET \/v5\/user\/tokens\/current → 200 in \d+ ms$/,
        /^\[info\] GET \/v6\/user\/tokens\?limit=100 → 200 in \d+ ms$/,
        /^\[info\] GET \/v2\/teams\?limit=100 → 200 in \d+ ms$/,
        /^\[info\] POST \/v3\/user\/tokens → 200 in \d+ ms$/,
        new RegExp(`^\\[info\\] DELETE /v3/user/tokens/${mine.id} → 200 in \\d+ ms$`),
        /^\[warn\] GET \/v6\/user\/tokens\?limit=100 → 500 in \d+ ms: An unexpected internal error occurred\.$/,
        /^\[warn\] GET \/v6\/user\/tokens\?limit=100 → no response in \d+ ms: Vercel did not answer within 1 s\.$/,
      ];
      for (const pattern of expected) assert.ok(lines.some((line) => pattern.test(line)), `no log line matches ${pattern}\n${lines.join('\n')}`);
      const requestLines = lines.filter((line) => / (GET|POST|DELETE) \//.test(line) && / → /.test(line));
      assert.equal(requestLines.length, h.server.requests.length, 'one line per request the server saw');
      assert.ok(!lines.some((line) => /authorization|bearer/i.test(line)), 'no header is logged');
    });
  });

  test('redacts Authorization, bearerToken and token values from anything it writes', () => {
    const channel = new FakeLogOutputChannel('Vercel Tokens');
    const log = new Logger(channel);
    const legacy = 'Legacy24CharacterToken00';
    log.addSecret(legacy);
    const value = 'vcp_Abcdefghijklmnop0123456789';
    const inputs = [
      `Authorization: Bearer ${value}`,
      `authorization="Bearer ${legacy}"`,
      `{"headers":{"Authorization":"Bearer ${value}"}}`,
      `{"token":{"id":"tok_1"},"bearerToken":"${value}"}`,
      `bearerToken=${value}`,
      `bearerToken: ${legacy}`,
      `curl -H 'Authorization: bearer ${legacy}' https://api.vercel.com`,
      `the keyring refused value:tok_1=${value}`,
      `a legacy token ${legacy} without a prefix`,
      `other shapes vci_AAAAAAAAAAAA vca_BBBBBBBBBBBB vcr_CCCCCCCCCCCC vck_DDDDDDDDDDDD`,
    ];
    for (const input of inputs) {
      log.trace(input);
      log.debug(input);
      log.info(input);
      log.warn(input);
      log.error(input, new Error(input));
    }
    const text = channel.text;
    assert.equal(channel.lines.length, inputs.length * 5);
    assert.ok(channel.linesAt('trace').length === inputs.length, 'trace lines are written (and redacted) too');
    for (const secret of [value, legacy, 'AAAAAAAAAAAA', 'BBBBBBBBBBBB', 'CCCCCCCCCCCC', 'DDDDDDDDDDDD']) {
      assert.ok(!text.includes(secret), `${secret} reached the log:\n${text}`);
    }
    assert.doesNotMatch(text, /bearer\s+(?!\[redacted\])\S/i);
    assert.match(text, /Authorization: \[redacted\]/);
    assert.match(text, /"bearerToken":"\[redacted\]"/);
  });
});
