// Bad input, table-driven per group, at the command level: names and expiries (as command arguments
// and typed into the input boxes), the account token (argument and the masked box), and the
// vercelTokens.apiUrl setting. Each is refused before anything is sent: the stand-in API sees no
// request and, for the API URL, no HTTP request leaves the process at all. The message shown is the
// validator's own, so the user learns what to fix.
import '../support/installVscode';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http = require('node:http');
import https = require('node:https');
import { parseExpiry } from '../../../src/domain/expiry';
import { normalizeAccountToken, validateApiUrl, validateTokenName } from '../../../src/domain/validation';
import { startFakeVercel, type FakeVercel } from '../../fake-vercel/server';
import { fake, withExtension, type Harness } from '../support/harness';

// Every HTTP request this process makes (node-fetch calls http.request / https.request per request).
const outgoing: string[] = [];
const restore: (() => void)[] = [];
before(() => {
  for (const mod of [http, https] as unknown as Record<string, (...args: unknown[]) => unknown>[]) {
    const original = mod.request;
    mod.request = function (this: unknown, ...args: unknown[]) {
      const [first] = args;
      outgoing.push(typeof first === 'string' || first instanceof URL ? String(first) : JSON.stringify(first));
      return original.apply(this, args);
    };
    restore.push(() => (mod.request = original));
  }
});
after(() => restore.forEach((undo) => undo()));

const NAMES: [string, string][] = [
  ['empty', ''],
  ['only spaces', '   '],
  ['only a tab', '\t'],
  ['a tab inside', 'CI\tdeploy'],
  ['a line break', 'CI\ndeploy'],
  ['a carriage return', 'CI\rdeploy'],
  ['NUL', 'CI\u0000deploy'],
  ['ESC (terminal escape)', 'CI\u001b[31mred'],
  ['DEL', 'CI\u007f'],
  ['U+2028 line separator', 'CI\u2028deploy'],
  ['101 characters', 'a'.repeat(101)],
  ['1000 characters', 'x'.repeat(1000)],
  ['right-to-left override', 'invoice\u202Eexe.txt'],
  ['left-to-right override', 'a\u202Db'],
  ['right-to-left isolate', 'a\u2067b'],
  ['right-to-left mark', 'a\u200Fb'],
  ['zero-width space', 'CI\u200Bdeploy'],
  ['only zero-width spaces', '\u200B\u200B'],
  ['zero-width non-joiner', 'CI\u200Cdeploy'],
  ['byte order mark', '\uFEFFCI'],
  ['word joiner', 'CI\u2060deploy'],
  ['soft hyphen', 'CI\u00ADdeploy'],
  ['Hangul filler (looks empty)', '\u3164'],
  ['leading space', ' CI'],
  ['trailing space', 'CI '],
  ['an unpaired surrogate', 'CI\uD800'],
];

const EXPIRIES: [string, string][] = [
  ['empty', ''],
  ['only spaces', '   '],
  ['garbage', 'soon'],
  ['garbage with digits', '7 d ays'],
  ['negative', '-7d'],
  ['negative days', '-1'],
  ['zero', '0'],
  ['zero days', '0d'],
  ['zero hours', '0h'],
  ['a past date', '2020-01-01'],
  ['yesterday-ish: year 0', '0000-01-01'],
  ['an impossible date', '2026-02-30'],
  ['month 13', '2026-13-01'],
  ['absurdly far (date)', '9999-12-31'],
  ['absurdly far (years)', '11y'],
  ['absurdly far (digits)', '99999999999999999999d'],
  ['1e309', '1e309'],
  ['Infinity', 'Infinity'],
  ['NaN', 'NaN'],
  ['a fraction', '1.5d'],
  ['seconds (unsupported)', '30s'],
  ['minutes (unsupported)', '10min'],
  ['ambiguous m', '3m'],
  ['an unknown unit', '3x'],
  ['a prototype key as unit', '5constructor'],
  ['another date format', '2026/12/04'],
];

// Refused account-token inputs; the box and the argument get the same checks.
const TOKEN = 'vcp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2';
const ACCOUNT_TOKENS: [string, string][] = [
  ['empty', ''],
  ['only spaces', '   '],
  ['only newlines', '\n\n'],
  ['two tokens pasted on two lines', `${TOKEN}\n${TOKEN}`],
  ['a token and a second line of text', `${TOKEN}\nexport FOO=1`],
  ['two trailing newlines', `${TOKEN}\n\n`],
  ['a trailing CRLF CRLF', `${TOKEN}\r\n\r\n`],
  ['a leading newline', `\n${TOKEN}`],
  ['a Unicode line separator', `${TOKEN}\u2028`],
  ['"Bearer " in front', `Bearer ${TOKEN}`],
  ['an Authorization header', `Authorization: Bearer ${TOKEN}`],
  ['a URL', 'https://vercel.com/account/settings/tokens'],
  ['JSON', `{"token":"${TOKEN}"}`],
  ['quoted', `"${TOKEN}"`],
  ['an env assignment', `VERCEL_TOKEN=${TOKEN}`],
  ['a space inside', `vcp_A1b2C3d4E5f6 G7h8I9j0K1l2`],
  ['a dash inside', `vcp_A1b2C3d4E5f6-G7h8I9j0K1l2`],
  ['non-ASCII letters', 'vcp_Ä1b2C3d4E5f6G7h8I9j0K1l2'],
  ['too short', 'vcp_abc'],
  ['too long', 'vcp_' + 'a'.repeat(300)],
  ['an underscore after the prefix', 'vcp_A1b2C3d4E5f6_G7h8I9j0K1l2'],
];

const API_URLS = (server: FakeVercel): [string, string][] => {
  const port = new URL(server.url).port;
  return [
    ['http:// to a remote host', 'http://api.example.com'],
    ['http:// to a private address', 'http://10.0.0.1:8080'],
    ['http:// to a name that only starts like localhost', 'http://localhost.evil.example'],
    ['http:// to 127.0.0.1.nip.io', 'http://127.0.0.1.nip.io'],
    ['ftp://', 'ftp://api.vercel.com'],
    ['javascript:', 'javascript:alert(1)'],
    ['file://', 'file:///etc/passwd'],
    ['not a URL', 'not a url'],
    ['no scheme', 'api.vercel.com'],
    ['scheme only', 'https://'],
    ['three slashes', 'https:///api.vercel.com'],
    ['empty', ''],
    ['a space inside', 'https://api.vercel .com'],
    ['backslashes', 'https:\\\\api.vercel.com'],
    ['user and password, at the stand-in itself', `http://user:secret@127.0.0.1:${port}`],
    ['a user name only', `http://someone@127.0.0.1:${port}`],
    ['a password only', `http://:secret@localhost:${port}`],
    ['https with credentials', 'https://user:pass@api.vercel.com'],
    ['a query', `http://127.0.0.1:${port}?token=x`],
    ['a fragment', `http://127.0.0.1:${port}#x`],
  ];
};

/**
 * What the command must not have done: any request to the stand-in, any store in SecretStorage.
 * Create reads the account's teams for its scope step while the boxes are open: that read carries
 * nothing the user typed.
 */
function assertNothingSent(h: Harness, sentBefore: number, label: string): void {
  assert.deepEqual(
    h.server.requests
      .slice(sentBefore)
      .map((request) => `${request.method} ${request.path}`)
      .filter((request) => request !== 'GET /v2/teams'),
    [],
    `${label}: a request was sent`,
  );
}

/** The validator's message now (expiry messages can name a date computed from "now"). */
function expiryMessage(input: string): string[] {
  const now = parseExpiry(input, new Date());
  assert.equal(now.ok, false, `${JSON.stringify(input)} is refused by parseExpiry`);
  return [now.ok ? '' : now.message];
}

describe('names: refused before anything is sent', () => {
  test('as command arguments: the validator’s message, no request, nothing stored', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      for (const [label, name] of NAMES) {
        const message = validateTokenName(name);
        assert.ok(message, `${label} is refused by validateTokenName`);
        const sentBefore = h.server.requests.length;
        fake.messages.length = 0;
        assert.equal(await h.run('vercelTokens.createToken', { name, expiry: 'never' }), undefined, label);
        await h.settle(10);
        assertNothingSent(h, sentBefore, label);
        assert.deepEqual(fake.messagesOf('error').map((m) => m.message), [`Token not created: ${message}`], label);
        assert.equal(fake.progress.filter((run) => run.options.title?.startsWith('Creating')).length, 0, `${label}: no progress shown`);
      }
      assert.deepEqual(h.storedValueKeys(), []);
      assert.deepEqual((await h.rows()).map((row) => row.label), ['Stand-in account token']);
    });
  });

  test('typed into step 1: Enter keeps the box open with the message; Escape ends with no request', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const sentBefore = h.server.requests.length;
      const running = h.run('vercelTokens.createToken');
      const box = await fake.nextInputBox();
      assert.equal(box.step, 1);
      for (const [label, name] of NAMES) {
        box.type(name).enter();
        assert.equal(box.visible, true, `${label}: accepted`);
        assert.equal(box.validationText, validateTokenName(name), label);
      }
      box.escape();
      assert.equal(await running, undefined);
      assertNothingSent(h, sentBefore, 'the name box');
    });
  });
});

describe('expiries: refused before anything is sent', () => {
  test('as command arguments: the validator’s message, no request', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      for (const [label, expiry] of EXPIRIES) {
        const sentBefore = h.server.requests.length;
        fake.messages.length = 0;
        const expected = expiryMessage(expiry);
        assert.equal(await h.run('vercelTokens.createToken', { name: 'Valid name', expiry }), undefined, label);
        await h.settle(10);
        assertNothingSent(h, sentBefore, label);
        const shown = fake.messagesOf('error').map((m) => m.message);
        assert.equal(shown.length, 1, `${label}: ${JSON.stringify(shown)}`);
        assert.ok(
          [...expected, ...expiryMessage(expiry)].some((message) => shown[0] === `Token not created: ${message}`),
          `${label}: ${shown[0]}`,
        );
      }
      assert.equal(h.server.tokens().some((token) => token.name === 'Valid name'), false);
    });
  });

  test('typed into step 2: Enter keeps the box open with the message; Escape ends with no request', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const sentBefore = h.server.requests.length;
      const running = h.run('vercelTokens.createToken');
      (await fake.nextInputBox()).type('Valid name').enter();
      const box = await fake.nextInputBox();
      assert.equal(box.step, 2);
      for (const [label, expiry] of EXPIRIES) {
        const expected = expiryMessage(expiry);
        box.type(expiry).enter();
        assert.equal(box.visible, true, `${label}: accepted`);
        assert.ok([...expected, ...expiryMessage(expiry)].includes(box.validationText ?? ''), `${label}: ${box.validationText}`);
      }
      box.escape();
      assert.equal(await running, undefined);
      assertNothingSent(h, sentBefore, 'the expiry box');
    });
  });

  test('a setting vercelTokens.defaultExpiry that is bad is refused the same way', async () => {
    await withExtension({ settings: [['vercelTokens.defaultExpiry', '2026-02-30']] }, async (h) => {
      await h.signIn();
      const sentBefore = h.server.requests.length;
      assert.equal(await h.run('vercelTokens.createToken', { name: 'Valid name' }), undefined);
      assertNothingSent(h, sentBefore, 'defaultExpiry');
      assert.equal(fake.messagesOf('error').at(-1)?.message, 'Token not created: February 2026 has 28 days; 2026-02-30 is not a real date.');
    });
  });
});

describe('the account token: refused before anything is sent', () => {
  test('as the command argument: the validator’s message, no request, nothing stored', async () => {
    await withExtension({}, async (h) => {
      for (const [label, raw] of ACCOUNT_TOKENS) {
        const result = normalizeAccountToken(raw);
        assert.equal(result.ok, false, `${label} is refused by normalizeAccountToken`);
        fake.messages.length = 0;
        assert.equal(await h.run('vercelTokens.signIn', raw), false, label);
        await h.settle(10);
        assertNothingSent(h, 0, label);
        const error = fake.messagesOf('error').at(-1);
        assert.equal(error?.message, `Not signed in: ${result.ok ? '' : result.message}`, label);
        assert.ok(!error?.message.includes(TOKEN), `${label}: the message quotes the token`);
      }
      assert.equal(h.secrets.countOf('store'), 0);
      assert.notEqual(fake.context.get('vercelTokens.signedIn'), true);
    });
  });

  test('typed into the masked box: Enter keeps it open with the message; Escape ends with no request', async () => {
    await withExtension({}, async (h) => {
      const running = h.run('vercelTokens.signIn');
      const box = await fake.nextInputBox();
      assert.equal(box.password, true);
      for (const [label, raw] of ACCOUNT_TOKENS) {
        const result = normalizeAccountToken(raw);
        box.type(raw).enter();
        assert.equal(box.visible, true, `${label}: accepted`);
        assert.equal(box.validationText, result.ok ? undefined : result.message, label);
      }
      box.escape();
      assert.equal(await running, false);
      assertNothingSent(h, 0, 'the token box');
      assert.equal(h.secrets.countOf('store'), 0);
    });
  });

  for (const [label, suffix] of [
    ['a single trailing newline', '\n'],
    ['a single trailing CRLF', '\r\n'],
    ['surrounding spaces and a newline', '  \n'],
  ] as const) {
    test(`${label} is trimmed and accepted: the token, without it, is checked and stored`, async () => {
      await withExtension({}, async (h) => {
        const running = h.run('vercelTokens.signIn');
        const box = await fake.nextInputBox();
        box.type(`${h.server.accountToken}${suffix}`);
        assert.equal(box.validationText, undefined);
        box.enter();
        assert.equal(await running, true);
        await h.settle();
        assert.equal(h.storedAccount()?.token, h.server.accountToken);
        const redacted = `Bearer ${h.server.accountToken.slice(0, 4)}…${h.server.accountToken.slice(-4)}`;
        assert.ok(h.server.requests.length > 0 && h.server.requests.every((request) => request.headers.authorization === redacted));
        assert.ok(h.server.requests.every((request) => request.status === 200), 'Vercel accepted the trimmed token');
      });
    });
  }
});

describe('the vercelTokens.apiUrl setting: refused before anything is sent anywhere', () => {
  let server: FakeVercel;
  before(async () => {
    server = await startFakeVercel();
  });
  after(async () => server.close());

  test('signing in: the setting’s problem is shown; no HTTP request leaves the process', async () => {
    for (const [label, url] of API_URLS(server)) {
      const check = validateApiUrl(url);
      assert.equal(check.ok, false, `${label} is refused by validateApiUrl`);
      await withExtension({ server, apiUrl: url }, async (h) => {
        server.requests.length = 0;
        outgoing.length = 0;
        assert.equal(await h.run('vercelTokens.signIn', server.accountToken), false, label);
        await h.settle(10);
        assertNothingSent(h, 0, label);
        assert.deepEqual(outgoing, [], `${label}: an HTTP request left the process`);
        assert.equal(
          fake.messagesOf('error').at(-1)?.message,
          `Not signed in: The setting vercelTokens.apiUrl is refused: ${check.ok ? '' : check.message}`,
          label,
        );
        assert.equal(h.secrets.countOf('store'), 0, `${label}: something was stored`);
      });
    }
  });

  test('while signed in: refresh, create and delete send nothing once the setting is bad; the last list stays', async () => {
    await withExtension({ server }, async (h) => {
      outgoing.length = 0;
      await h.signIn();
      assert.ok(outgoing.some((request) => request.includes('127.0.0.1')), `control: the spy sees the extension's requests (${outgoing.join(', ')})`);
      const mine = await h.create('Mine');
      const rows = (await h.rows()).map((row) => row.label);
      for (const [label, url] of API_URLS(server)) {
        const check = validateApiUrl(url);
        const reason = `The setting vercelTokens.apiUrl is refused: ${check.ok ? '' : check.message}`;
        fake.setConfiguration('vercelTokens.apiUrl', url, 'global');
        await h.settle(10);
        const sentBefore = server.requests.length;
        outgoing.length = 0;
        fake.messages.length = 0;
        await h.run('vercelTokens.refresh');
        assert.equal(await h.run('vercelTokens.createToken', { name: 'Never sent', expiry: 'never' }), undefined);
        assert.equal(await h.run('vercelTokens.deleteToken', mine.id, { confirmed: true }), false);
        await h.settle(10);
        assertNothingSent(h, sentBefore, label);
        assert.deepEqual(outgoing, [], `${label}: an HTTP request left the process`);
        assert.deepEqual(
          fake.messagesOf('error').map((m) => m.message),
          [`Could not refresh the tokens: ${reason}`, `Token "Never sent" was not created: ${reason}`, `Token "Mine" was not deleted: ${reason}`],
          label,
        );
        assert.deepEqual((await h.rows()).map((row) => row.label), rows, `${label}: the last list stays`);
        assert.equal(fake.context.get('vercelTokens.signedIn'), true, `${label}: a bad setting is not a bad token`);
      }
      assert.equal(h.secrets.data.get(`value:${mine.id}`), mine.value);
      assert.ok(server.tokens().some((token) => token.id === mine.id));
      assert.equal(server.tokens().some((token) => token.name === 'Never sent'), false);
    });
  });
});
