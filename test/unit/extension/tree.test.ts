import '../support/installVscode';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDateTime } from '../../../src/domain/format';
import { delay, fake, withExtension, type Harness } from '../support/harness';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** An account with a token in every state the tree distinguishes. */
function seed(h: Harness) {
  const now = Date.now();
  const at = (hoursAgo: number) => now - hoursAgo * HOUR;
  const s = h.server;
  s.addToken({ name: 'Never expires', createdAt: at(1) });
  s.addToken({ name: 'Expires in hours', createdAt: at(2), expiresAt: now + 5 * HOUR + 30 * 60_000 });
  s.addToken({ name: 'Expires in days', createdAt: at(3), expiresAt: now + 3 * DAY + 2 * HOUR });
  s.addToken({ name: 'Expires later', createdAt: at(4), expiresAt: now + 40 * DAY + 2 * HOUR });
  s.addToken({ name: 'Expired', createdAt: at(50), expiresAt: now - DAY });
  s.addToken({ name: 'Revoked', createdAt: at(60), revokedAt: now - 2 * DAY });
  const leaked = s.addToken({ name: 'Leaked', createdAt: at(70) });
  s.markLeaked(leaked.id, 'https://github.com/acme/app/blob/main/.env');
  // The stand-in account token was created 24 hours ago: between "Expires later" and "Expired".
}

describe('Tree: token rows', () => {
  test('lists the tokens newest first, with stable ids, names as labels and exact status words', async () => {
    await withExtension({}, async (h) => {
      seed(h);
      await h.signIn();
      const mine = await h.create('Created here');
      const rows = await h.rows();
      assert.deepEqual(
        rows.map((row) => [row.label, row.description]),
        [
          ['Created here', 'no expiry · value stored'],
          ['Never expires', 'no expiry'],
          ['Expires in hours', 'expires in 5 hours'],
          ['Expires in days', 'expires in 3 days'],
          ['Expires later', 'expires in 40 days'],
          ['Stand-in account token', 'no expiry · signed in with this'],
          ['Expired', 'expired'],
          ['Revoked', 'revoked'],
          ['Leaked', 'leaked'],
        ],
      );
      const serverOrder = h.server.tokens().map((token) => `token/${token.id}`);
      assert.deepEqual(rows.map((row) => row.id), serverOrder, 'ids are token/<id>, in the order of creation, newest first');
      assert.equal(rows[0].id, `token/${mine.id}`);
      for (const row of rows) assert.equal(row.collapsible, 1, 'token rows are collapsed');

      // The same node objects after a refresh: selection and reveal keep working.
      await h.run('vercelTokens.refresh');
      const again = await h.rows();
      assert.deepEqual(again.map((row) => row.id), rows.map((row) => row.id));
      again.forEach((row, index) => assert.equal(row.element, rows[index].element));
    });
  });

  test('colours the icon by status', async () => {
    await withExtension({}, async (h) => {
      seed(h);
      await h.signIn();
      const icons = Object.fromEntries((await h.rows()).map((row) => [row.label, row.icon]));
      assert.deepEqual(icons, {
        'Never expires': { id: 'key', color: 'charts.green' },
        'Expires in hours': { id: 'key', color: 'list.warningForeground' },
        'Expires in days': { id: 'key', color: 'list.warningForeground' },
        'Expires later': { id: 'key', color: 'charts.green' },
        'Stand-in account token': { id: 'key', color: 'charts.green' },
        Expired: { id: 'history', color: 'disabledForeground' },
        // Revoked while still listed: it needs attention, in the error colour.
        Revoked: { id: 'circle-slash', color: 'list.errorForeground' },
        Leaked: { id: 'warning', color: 'list.errorForeground' },
      });
    });
  });

  test('contextValue carries the words the menus test: token, stored, leakUrl, current', async () => {
    await withExtension({}, async (h) => {
      seed(h);
      await h.signIn();
      await h.create('Created here');
      const words = Object.fromEntries((await h.rows()).map((row) => [row.label, row.contextValue]));
      assert.equal(words['Created here'], 'token stored');
      assert.equal(words['Leaked'], 'token leakUrl');
      assert.equal(words['Stand-in account token'], 'token current');
      assert.equal(words['Revoked'], 'token');
      // The package.json menu conditions, applied to these words.
      const stored = /\bstored\b/;
      assert.deepEqual(
        Object.entries(words).filter(([, value]) => stored.test(value ?? '')).map(([label]) => label),
        ['Created here'],
      );
    });
  });

  test('the tooltip shows name, id and dates but never a token value, and escapes the name', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const mine = await h.create('deploy *prod* [x](command:evil)');
      // inert() keeps a Markdown link from forming anywhere the name is shown: `](` gets a space.
      const row = await h.row('deploy *prod* [x] (command:evil)');
      assert.equal(row.tooltip.includes(mine.value), false);
      assert.equal(row.tooltip.includes(h.server.accountToken), false);
      assert.ok(row.tooltip.includes('\\*prod\\*'), row.tooltip);
      assert.ok(row.tooltip.includes('\\[x\\]&nbsp;\\(command:evil\\)'), row.tooltip);
      assert.ok(row.tooltip.includes(`ID: ${mine.id.replace(/_/g, '\\_')}`), row.tooltip);
      assert.match(row.tooltip, /The value is stored in VS Code/);
      const account = await h.row('Stand-in account token');
      assert.equal(account.tooltip.includes(h.server.accountToken), false);
    });
  });

  test('a token name with $(icon) syntax is shown as text, not as an icon, in the tooltip', async () => {
    // Regression test; the bug it caught (src/views/tokenTreeProvider.ts tooltip(), since fixed):
    // supportThemeIcons was switched on only after the name was appended, so appendText did not escape
    // `$(…)` and VS Code rendered it as an icon.
    await withExtension({}, async (h) => {
      h.server.addToken({ name: '$(verified) Official' });
      await h.signIn();
      const row = await h.row('$(verified) Official');
      assert.match(row.tooltip, /\\\$\\\(verified\\\)/, `the $ of $(verified) must be escaped: ${row.tooltip}`);
    });
  });

  test('a token without a name is listed as (unnamed)', async () => {
    await withExtension({}, async (h) => {
      h.server.addToken({ name: '' });
      await h.signIn();
      assert.ok((await h.rows()).some((row) => row.label === '(unnamed)'));
    });
  });
});

describe('Tree: field rows', () => {
  test('a fully populated token has one row per field, with labels and values', async () => {
    await withExtension({}, async (h) => {
      const now = Date.now();
      const team = h.server.addTeam({ slug: 'acme', name: 'Acme' });
      const createdAt = now - 10 * DAY - HOUR;
      const activeAt = now - 2 * DAY - HOUR;
      const expiresAt = now + 20 * DAY + HOUR;
      const revokedAt = now - DAY - HOUR;
      const leakedAt = now - DAY - 2 * HOUR;
      const token = h.server.addToken({
        name: 'Everything',
        type: 'token',
        prefix: 'vcp_',
        suffix: '9XyZ',
        origin: 'github',
        scopes: [{ type: 'team', teamId: team.id, origin: 'github', createdAt }],
        teamId: team.id,
        projectId: 'prj_123',
        createdAt,
        activeAt,
        expiresAt,
        revokedAt,
        leakedAt,
        leakedUrl: 'https://github.com/acme/app/blob/main/.env',
      });
      await h.signIn();
      const requests = h.server.requests.length;
      const row = await h.row('Everything');
      const fields = await h.children(row);
      assert.deepEqual(
        fields.map((field) => [field.label, field.description]),
        [
          ['ID', token.id],
          ['Type', 'token'],
          ['Value', 'vcp_…9XyZ'],
          ['Origin', 'github'],
          ['Scopes', `team Acme (${team.id}) via github`],
          ['Team', `Acme (${team.id})`],
          ['Project', 'prj_123'],
          ['Created', `${formatDateTime(createdAt)} (10 days ago)`],
          ['Last used', `${formatDateTime(activeAt)} (2 days ago)`],
          ['Expires', `${formatDateTime(expiresAt)} (in 20 days)`],
          ['Revoked', `${formatDateTime(revokedAt)} (1 day ago)`],
          ['Leaked', `${formatDateTime(leakedAt)} (1 day ago)`],
          ['Leak URL', 'https://github.com/acme/app/blob/main/.env'],
        ],
      );
      assert.deepEqual(
        fields.map((field) => field.id),
        ['id', 'type', 'value', 'origin', 'scopes', 'team', 'project', 'created', 'lastUsed', 'expires', 'revoked', 'leaked', 'leakUrl'].map(
          (key) => `token/${token.id}/${key}`,
        ),
      );
      for (const field of fields) {
        assert.equal(field.collapsible, 0);
        assert.equal(field.tooltip, `${field.label}: ${field.description}`);
        assert.deepEqual(await h.children(field), []);
      }
      const leakUrl = fields.at(-1);
      assert.equal(leakUrl?.command?.command, 'vercelTokens.openLeakLocation');
      assert.deepEqual(leakUrl?.command?.arguments, [row.element]);
      assert.match(leakUrl?.contextValue ?? '', /\bleakUrl\b/);
      assert.equal(h.server.requests.length, requests, 'expanding a token asks the API nothing');

      // Its leak link opens in the browser.
      await h.run('vercelTokens.openLeakLocation', ...(leakUrl?.command?.arguments ?? []));
      assert.deepEqual(fake.openedExternal.map(String), ['https://github.com/acme/app/blob/main/.env']);
    });
  });

  test('a minimal token shows only what the API returned', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const createdAt = Date.now() - 5 * DAY - HOUR;
      h.server.fail({
        method: 'GET',
        path: '/v6/user/tokens',
        kind: 'respond',
        status: 200,
        times: 'always',
        body: {
          tokens: [{ id: 'tok_minimal', name: 'Minimal', type: 'oauth2-token', createdAt, activeAt: createdAt }],
          pagination: { count: 1, next: null, prev: null },
        },
      });
      await h.run('vercelTokens.refresh');
      const rows = await h.rows();
      assert.deepEqual(rows.map((row) => [row.label, row.description]), [['Minimal', 'no expiry']]);
      assert.deepEqual(
        (await h.children(rows[0])).map((field) => [field.label, field.description]),
        [
          ['ID', 'tok_minimal'],
          ['Type', 'oauth2-token'],
          ['Created', `${formatDateTime(createdAt)} (5 days ago)`],
          ['Last used', 'never'],
          ['Expires', 'never'],
        ],
      );
    });
  });

  test('getParent leads from a field to its token and from a token to the root', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const provider = h.treeView.treeDataProvider;
      const [row] = await h.rows();
      assert.equal(await provider.getParent?.(row.element), undefined);
      for (const field of await h.children(row)) assert.equal(await provider.getParent?.(field.element), row.element);
      // reveal() of a token (what create does) resolves through getParent, as VS Code needs.
      await h.treeView.reveal(row.element, { select: true, focus: false });
      assert.deepEqual(h.treeView.selection, [row.element]);
    });
  });
});

describe('Tree: view state', () => {
  test('while signed out, an open view does not reload the list in a loop', async () => {
    // An open view re-reads its root after every onDidChangeTreeData. If getChildren() reloaded the
    // list while signed out and that reload fired a change, the two would chase each other forever.
    await withExtension({}, async (h) => {
      h.treeView.setVisible(true);
      await delay(300);
      const renders = h.treeView.renders;
      const contextUpdates = fake.contextHistory.length;
      assert.ok(renders <= 3, `the view was re-rendered ${renders} times in 300 ms while signed out`);
      assert.ok(contextUpdates <= 6, `setContext was called ${contextUpdates} times in 300 ms while signed out`);
      h.treeView.setVisible(false);
    });
  });
});
