import '../support/installVscode';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { faults } from '../../fake-vercel/server';
import { fake, waitFor, withExtension } from '../support/harness';

test('after a whole session, no token value appears in logs, messages, the tree, context keys or globalState', async () => {
  await withExtension({}, async (h) => {
    const secrets = new Set<string>();
    const remember = (value: string | undefined) => {
      assert.ok(value, 'a value to check for');
      secrets.add(value);
      return value;
    };
    remember(h.server.accountToken);

    // A rejected token, then a legacy-shaped account token (no vc?_ prefix: only redacted by value).
    const revoked = h.server.issueToken({ kind: 'full', name: 'revoked' });
    h.server.revoke(revoked.token.id);
    remember(revoked.value);
    assert.equal(await h.run('vercelTokens.signIn', revoked.value), false);
    const legacy = remember('Legacy0Account0Token0Abcdef');
    const legacyToken = h.server.addToken({ name: 'Legacy account token', value: legacy });
    await h.signIn(legacy);

    // Created and stored; its value copied from the notification.
    fake.answerMessage('New token created', 'Copy Value');
    const stored = await h.create('Stored', '7d');
    remember(stored.value);
    // Put on the clipboard (and, on the harness's clock, cleared from it again before long).
    await waitFor(() => fake.clipboardWrites.includes(stored.value), 'copied');

    // The keychain refuses, quoting the value in its error; the user copies it.
    h.secrets.failStore((key, value) => new Error(`Secret ${key}=${value} rejected by the keyring`), /^value:/);
    fake.answerMessage('its value is not stored', 'Copy Value');
    const unstored = await h.run<{ tokenId: string }>('vercelTokens.createToken', { name: 'Unstored', expiry: '12h' });
    remember(h.server.valueOf(unstored.tokenId));
    h.secrets.failStore(undefined);

    // Unknown outcome: created, answer lost; kept.
    h.server.fail({ method: 'POST', path: '/v3/user/tokens', kind: 'resetAfterCommit' });
    await h.run('vercelTokens.createToken', { name: 'Lost in transit', expiry: 'never' });
    remember(h.server.valueOf(h.tokenIdByName('Lost in transit')));

    // Not created; no retry. A rejected create.
    h.server.fail({ method: 'POST', path: '/v3/user/tokens', kind: 'reset' });
    await h.run('vercelTokens.createToken', { name: 'Never made', expiry: 'never' });
    h.server.fail({ method: 'POST', path: '/v3/user/tokens', ...faults.error(400, 'bad_request', 'Invalid request') });
    await h.run('vercelTokens.createToken', { name: 'Refused', expiry: 'never' });

    // Copy, copy id, delete, another window, a stale refresh.
    fake.answerQuickPick((items) => items[0]);
    assert.equal(await h.run('vercelTokens.copyToken'), true);
    await h.run('vercelTokens.copyTokenId', stored.id);
    const other = remember('vcp_OtherWindowSecret000000000');
    const otherToken = h.server.addToken({ name: 'Other window', value: other });
    await h.secrets.otherWindow.store(`value:${otherToken.id}`, other);
    await h.secrets.otherWindow.store(`index:${h.userId}`, JSON.stringify([stored.id, otherToken.id]));
    await h.settle();
    h.server.fail({ method: 'GET', path: '/v6/user/tokens', ...faults.serverError(500) });
    await h.run('vercelTokens.refresh');
    await h.settle();
    const staleView = await h.visibleText();
    fake.answerMessage('Delete the Vercel token', 'Delete');
    await h.run('vercelTokens.deleteToken', stored.id);
    await h.settle();

    // Switch to the other account token, then lose it: invalid token while refreshing.
    await h.signIn(h.server.accountToken);
    await h.run('vercelTokens.signIn', legacy);
    await h.settle();
    h.server.revoke(legacyToken.id);
    await h.run('vercelTokens.refresh');
    await h.settle();
    assert.equal(fake.context.get('vercelTokens.signedIn'), false, 'the session ended signed out');

    const seen = [...staleView, ...(await h.visibleText())];
    assert.ok(h.channel.lines.length > 20, 'the session was logged');
    for (const level of ['info', 'warn', 'error'] as const) assert.ok(h.channel.linesAt(level).length > 0, `${level} lines were written`);
    for (const secret of secrets) {
      const leaks = seen.filter((text) => text.includes(secret));
      assert.deepEqual(leaks, [], `a token value (${secret.slice(0, 6)}…) was shown`);
    }
    const everything = seen.join('\n');
    assert.doesNotMatch(everything, /bearer\s+\S{8,}/i);
    assert.doesNotMatch(everything, /\bvc[a-z]_[A-Za-z0-9]{16,}/, 'nothing token-shaped at all');
    // Where the values are meant to be: SecretStorage (and the clipboard, on request).
    assert.equal(h.secrets.data.get(`value:${otherToken.id}`), other);
  });
});
