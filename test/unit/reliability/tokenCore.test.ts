// Holes the token core closed, seen from the user's side: the whole extension against the
// stand-in API. Each of these failed on the extension before the core.
import '../support/installVscode';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { faults } from '../../fake-vercel/server';
import { fake, waitFor, withExtension } from '../support/harness';

describe('a value Vercel showed once is never lost', () => {
  test('a list that leaves a stored token out does not forget its value', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const kept = await h.create('Kept');
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', kind: 'omit', tokenIds: [kept.id] });
      await h.run('vercelTokens.refresh');
      await h.settle();
      assert.equal(h.secrets.data.get(`value:${kept.id}`), kept.value, 'the value is still stored');
      assert.ok(h.storedIndex().includes(kept.id), 'and still listed as stored');
      assert.ok(h.requestsTo('GET', `/v5/user/tokens/${kept.id}`).length > 0, 'Vercel was asked about that token itself');
    });
  });

  test('a token Vercel says is gone (404 for its id) has its value forgotten', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const gone = await h.create('Gone');
      await h.deleteOnVercel(gone.id);
      await h.run('vercelTokens.refresh');
      await h.settle();
      assert.equal(h.secrets.data.has(`value:${gone.id}`), false);
    });
  });

  test('a 500 to a create is an unknown outcome: checked against the list, never "Nothing was changed"', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      h.server.fail({ method: 'POST', path: '/v3/user/tokens', ...faults.serverError(500) });
      const listsBefore = h.requestsTo('GET', '/v6/user/tokens').length;
      await h.run('vercelTokens.createToken', { name: 'Unknown', expiry: 'never' });
      await h.settle();
      const said = fake.messages.map((m) => `${m.message} ${m.options?.detail ?? ''}`);
      assert.ok(!said.some((text) => text.includes('Nothing was changed')), said.join('\n'));
      assert.ok(h.requestsTo('GET', '/v6/user/tokens').length > listsBefore, 'the list was checked');
      assert.ok(said.some((text) => text.includes('The token list shows no new token of that name')), said.join('\n'));
    });
  });

  test('a create whose answer was lost after Vercel made the token: its id and creation time are shown, and nothing is deleted unless chosen', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      h.server.fail({ method: 'POST', path: '/v3/user/tokens', kind: 'resetAfterCommit' });
      await h.run('vercelTokens.createToken', { name: 'Lost', expiry: 'never' });
      await h.settle();
      const made = h.server.tokens().find((token) => token.name === 'Lost');
      assert.ok(made, 'Vercel made the token');
      const modal = fake.messages.find((m) => m.message.startsWith('Token "Lost" was created on Vercel'));
      assert.ok(modal?.options?.modal, 'a modal asks');
      assert.ok(modal?.options?.detail?.includes(made.id), `the detail names the id: ${modal?.options?.detail}`);
      assert.ok(modal?.items.includes('Keep'), `Keep is offered: ${modal?.items.join(', ')}`);
      assert.ok(h.server.tokens().some((token) => token.id === made.id), 'dismissed: nothing was deleted');
      assert.equal(h.requestsTo('DELETE', `/v3/user/tokens/${made.id}`).length, 0);
    });
  });
});

describe('no ghost rows', () => {
  test('a token deleted while a list is loading stays deleted', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const doomed = await h.create('Doomed');
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', kind: 'stale', ms: 300 });
      const loading = h.run('vercelTokens.refresh');
      await waitFor(() => h.server.requests.some((r) => r.path === '/v6/user/tokens' && r.durationMs === null), 'the list in flight');
      assert.equal(await h.run('vercelTokens.deleteToken', doomed.id, { confirmed: true }), true);
      await loading;
      await h.settle();
      assert.ok(!(await h.rows()).some((row) => row.label === 'Doomed'), 'the deleted token did not come back');
    });
  });

  test('a refresh asked for during a load resolves only after a load that started after it', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      h.server.fail({ method: 'GET', path: '/v6/user/tokens', kind: 'stale', ms: 300 });
      const first = h.run('vercelTokens.refresh');
      await waitFor(() => h.server.requests.some((r) => r.path === '/v6/user/tokens' && r.durationMs === null), 'the list in flight');
      h.server.addToken({ name: 'Made meanwhile' });
      await h.run('vercelTokens.refresh');
      assert.ok((await h.rows()).some((row) => row.label === 'Made meanwhile'), 'the second refresh shows what the first load could not');
      await first;
    });
  });
});
