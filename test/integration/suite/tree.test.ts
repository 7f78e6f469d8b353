// The Auth Tokens tree built by the real provider from a real list: one token in every state.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AuthToken, VercelTeam } from '../../../src/api/types';
import {
  allValues,
  DAY,
  fieldNodes,
  HOUR,
  icon,
  labelText,
  list,
  localDateTime,
  rootIds,
  rootNodes,
  rows,
  run,
  signIn,
  tokenItem,
  tokenNode,
  tooltipText,
  type FakeVercel,
  type Row,
  type Services,
  type TokenNode,
  useStandIn,
} from './helpers';

interface Seeded {
  now: number;
  team: VercelTeam;
  account: AuthToken;
  production: AuthToken;
  previewBot: AuthToken;
  githubActions: AuthToken;
  oldLaptop: AuthToken;
  contractor: AuthToken;
  dotfiles: AuthToken;
  cli: AuthToken;
  acmeDeploys: AuthToken;
  createdHere: AuthToken;
}

const LEAK_URL = 'https://github.com/demo/dotfiles/blob/main/.env';

/** MarkdownString.appendText escapes punctuation and turns spaces into &nbsp;: undo both. */
function plain(markdown: string): string {
  return markdown.replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!~|<>:/])/g, '$1');
}

describe('tokens tree', () => {
  let services: Services;
  let server: FakeVercel;
  let seeded: Seeded;

  useStandIn((fixture) => ({ services, server } = fixture));
  beforeEach(async () => {
    seeded = await seed();
  });

  async function seed(): Promise<Seeded> {
    const now = Date.now();
    const team = server.addTeam({ slug: 'acme', name: 'Acme' });
    const add = (name: string, ageDays: number, fields: Partial<AuthToken> = {}) =>
      server.addToken({ name, createdAt: now - ageDays * DAY, activeAt: now - ageDays * DAY, ...fields });
    const production = add('Production deploys', 100, { activeAt: now - HOUR });
    const previewBot = add('Preview bot', 6, { expiresAt: now + 3 * HOUR + 20 * 60_000 });
    const githubActions = add('GitHub Actions', 30, { expiresAt: now + 10 * DAY + 2 * HOUR });
    const oldLaptop = add('Old laptop', 200, { expiresAt: now - 10 * DAY, activeAt: now - 15 * DAY });
    const contractor = add('Contractor access', 75, { revokedAt: now - 5 * DAY, activeAt: now - 6 * DAY });
    const dotfiles = add('Dotfiles sync', 45, { leakedAt: now - 2 * DAY, leakedUrl: LEAK_URL });
    const cli = server.issueToken({ kind: 'oauth', name: 'Vercel CLI on laptop', expiresAt: now + 30 * DAY + 2 * HOUR }).token;
    const acmeDeploys = server.issueToken({ kind: 'team-scoped', teamId: team.id, name: 'Acme deploys' }).token;

    await signIn(services, server.accountToken);
    const created = await run<{ tokenId: string; stored: boolean }>('vercelTokens.createToken', {
      name: 'Created here',
      expiry: 'never',
    });
    assert.ok(created?.stored, 'could not create the stored token');
    const byId = (id: string) => {
      const token = list(services).token(id);
      assert.ok(token, `the token list lacks ${id}`);
      return token;
    };
    const accountId = services.accounts.current?.tokenId;
    assert.ok(accountId);
    return {
      now,
      team,
      account: byId(accountId),
      production: byId(production.id),
      previewBot: byId(previewBot.id),
      githubActions: byId(githubActions.id),
      oldLaptop: byId(oldLaptop.id),
      contractor: byId(contractor.id),
      dotfiles: byId(dotfiles.id),
      cli: byId(cli.id),
      acmeDeploys: byId(acmeDeploys.id),
      createdHere: byId(created.tokenId),
    };
  }

  it('lists the tokens newest first, with label, status words, context words and icon per state', () => {
    const s = seeded;
    // The last column: the token needs attention (expiring within 7 days, leaked, revoked).
    const expected: [AuthToken, string, string, string, string | undefined, boolean?][] = [
      [s.createdHere, 'no expiry · value stored', 'token stored', 'key', 'charts.green'],
      [s.acmeDeploys, 'no expiry · Acme', 'token', 'key', 'charts.green'],
      [s.cli, 'expires in 30 days', 'token', 'key', 'charts.green'],
      [s.account, 'no expiry · signed in with this', 'token current', 'key', 'charts.green'],
      [s.previewBot, 'expires in 3 hours', 'token', 'key', 'list.warningForeground', true],
      [s.githubActions, 'expires in 10 days', 'token', 'key', 'charts.green'],
      [s.dotfiles, 'leaked', 'token leakUrl', 'warning', 'list.errorForeground', true],
      [s.contractor, 'revoked', 'token', 'circle-slash', 'list.errorForeground', true],
      [s.production, 'no expiry', 'token', 'key', 'charts.green'],
      [s.oldLaptop, 'expired', 'token', 'history', 'disabledForeground'],
    ];
    assert.deepEqual(
      rootIds(services),
      expected.map(([token]) => token.id),
    );
    for (const [token, description, contextValue, iconId, color, attention] of expected) {
      const item = tokenItem(services, token.id);
      const what = token.name;
      assert.equal(labelText(item), token.name, what);
      assert.equal(item.id, `token/${token.id}`, what);
      assert.equal(item.description, description, what);
      assert.equal(item.contextValue, contextValue, what);
      assert.deepEqual(icon(item), { id: iconId, color }, what);
      assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, what);
      assert.equal(item.accessibilityInformation?.label, `${token.name}, ${description.split(' · ').join(', ')}${attention ? ', needs attention' : ''}`, what);
    }
  });

  it('shows one row per field with its label and value', () => {
    const s = seeded;
    const at = (ms: number, relative: string) => `${localDateTime(ms)} (${relative})`;
    const common = (token: AuthToken): Row[] => [
      { key: 'id', label: 'ID', value: token.id },
      { key: 'type', label: 'Type', value: token.type },
      { key: 'value', label: 'Value', value: `${token.prefix}…${token.suffix}` },
    ];
    const cases: [AuthToken, Row[]][] = [
      [
        s.production,
        [
          ...common(s.production),
          { key: 'origin', label: 'Origin', value: 'manual' },
          { key: 'scopes', label: 'Scopes', value: 'user via manual' },
          { key: 'created', label: 'Created', value: at(s.production.createdAt, '3 months ago') },
          { key: 'lastUsed', label: 'Last used', value: at(s.now - HOUR, '1 hour ago') },
          { key: 'expires', label: 'Expires', value: 'never' },
        ],
      ],
      [
        s.previewBot,
        [
          ...common(s.previewBot),
          { key: 'origin', label: 'Origin', value: 'manual' },
          { key: 'scopes', label: 'Scopes', value: 'user via manual' },
          { key: 'created', label: 'Created', value: at(s.previewBot.createdAt, '6 days ago') },
          { key: 'lastUsed', label: 'Last used', value: 'never' },
          { key: 'expires', label: 'Expires', value: at(s.now + 3 * HOUR + 20 * 60_000, 'in 3 hours') },
        ],
      ],
      [
        s.githubActions,
        [
          ...common(s.githubActions),
          { key: 'origin', label: 'Origin', value: 'manual' },
          { key: 'scopes', label: 'Scopes', value: 'user via manual' },
          { key: 'created', label: 'Created', value: at(s.githubActions.createdAt, '30 days ago') },
          { key: 'lastUsed', label: 'Last used', value: 'never' },
          { key: 'expires', label: 'Expires', value: at(s.now + 10 * DAY + 2 * HOUR, 'in 10 days') },
        ],
      ],
      [
        s.oldLaptop,
        [
          ...common(s.oldLaptop),
          { key: 'origin', label: 'Origin', value: 'manual' },
          { key: 'scopes', label: 'Scopes', value: 'user via manual' },
          { key: 'created', label: 'Created', value: at(s.oldLaptop.createdAt, '6 months ago') },
          { key: 'lastUsed', label: 'Last used', value: at(s.now - 15 * DAY, '15 days ago') },
          { key: 'expires', label: 'Expires', value: at(s.now - 10 * DAY, '10 days ago') },
        ],
      ],
      [
        s.contractor,
        [
          ...common(s.contractor),
          { key: 'origin', label: 'Origin', value: 'manual' },
          { key: 'scopes', label: 'Scopes', value: 'user via manual' },
          { key: 'created', label: 'Created', value: at(s.contractor.createdAt, '2 months ago') },
          { key: 'lastUsed', label: 'Last used', value: at(s.now - 6 * DAY, '6 days ago') },
          { key: 'expires', label: 'Expires', value: 'never' },
          { key: 'revoked', label: 'Revoked', value: at(s.now - 5 * DAY, '5 days ago') },
        ],
      ],
      [
        s.dotfiles,
        [
          ...common(s.dotfiles),
          { key: 'origin', label: 'Origin', value: 'manual' },
          { key: 'scopes', label: 'Scopes', value: 'user via manual' },
          { key: 'created', label: 'Created', value: at(s.dotfiles.createdAt, '45 days ago') },
          { key: 'lastUsed', label: 'Last used', value: 'never' },
          { key: 'expires', label: 'Expires', value: 'never' },
          { key: 'leaked', label: 'Leaked', value: at(s.now - 2 * DAY, '2 days ago') },
          { key: 'leakUrl', label: 'Leak URL', value: LEAK_URL },
        ],
      ],
      [
        s.cli,
        [
          { key: 'id', label: 'ID', value: s.cli.id },
          { key: 'type', label: 'Type', value: 'oauth2-token' },
          { key: 'value', label: 'Value', value: `vca_…${s.cli.suffix}` },
          { key: 'origin', label: 'Origin', value: 'email' },
          { key: 'scopes', label: 'Scopes', value: 'user via email' },
          { key: 'created', label: 'Created', value: at(s.cli.createdAt, 'just now') },
          { key: 'lastUsed', label: 'Last used', value: 'never' },
          { key: 'expires', label: 'Expires', value: at(s.now + 30 * DAY + 2 * HOUR, 'in 30 days') },
        ],
      ],
      [
        s.acmeDeploys,
        [
          ...common(s.acmeDeploys),
          { key: 'origin', label: 'Origin', value: 'manual' },
          { key: 'scopes', label: 'Scopes', value: `team Acme (${s.team.id}) via manual` },
          { key: 'team', label: 'Team', value: `Acme (${s.team.id})` },
          { key: 'created', label: 'Created', value: at(s.acmeDeploys.createdAt, 'just now') },
          { key: 'lastUsed', label: 'Last used', value: 'never' },
          { key: 'expires', label: 'Expires', value: 'never' },
        ],
      ],
      [
        s.account,
        [
          ...common(s.account),
          { key: 'origin', label: 'Origin', value: 'manual' },
          { key: 'scopes', label: 'Scopes', value: 'user via manual' },
          { key: 'created', label: 'Created', value: at(s.account.createdAt, '1 day ago') },
          { key: 'lastUsed', label: 'Last used', value: at(s.account.activeAt, 'just now') },
          { key: 'expires', label: 'Expires', value: 'never' },
        ],
      ],
    ];
    assert.match(s.account.prefix ?? '', /^vcp_$/);
    for (const [token, expected] of cases) {
      assert.deepEqual(rows(services, token.id), expected, token.name);
      for (const node of fieldNodes(services, token.id)) {
        const item = services.provider.getTreeItem(node);
        const row = expected.find((candidate) => candidate.key === node.key);
        assert.ok(row);
        assert.equal(item.id, `token/${token.id}/${node.key}`);
        assert.equal(item.tooltip, `${row.label}: ${row.value}`);
        assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.None);
        if (node.key === 'leakUrl') {
          assert.equal(item.contextValue, 'field leakUrl leakUrl');
          assert.deepEqual(item.command, {
            command: 'vercelTokens.openLeakLocation',
            title: 'Open Leak Location',
            arguments: [tokenNode(services, token.id)],
          });
        } else {
          assert.equal(item.contextValue, `field ${node.key}`);
          assert.equal(item.command, undefined);
        }
        assert.deepEqual(services.provider.getChildren(node), [], 'rows have no children');
      }
    }
  });

  it('tooltips describe the token and never contain a token value', () => {
    const s = seeded;
    const values = allValues(server);
    assert.equal(values.length, 4, 'account, CLI session, team token and the created token have values');
    for (const id of rootIds(services)) {
      const item = tokenItem(services, id);
      const raw = tooltipText(item);
      const tooltip = plain(raw);
      for (const value of values) {
        assert.ok(!tooltip.includes(value) && !raw.includes(value), `the tooltip of ${labelText(item)} contains a token value`);
      }
      assert.ok(tooltip.startsWith(`**${labelText(item)}** — ${String(item.description).split(' · ')[0]}`), tooltip);
      assert.ok(tooltip.includes(`ID: ${id}`), tooltip);
    }
    for (const id of rootIds(services)) {
      for (const node of fieldNodes(services, id)) {
        const item = services.provider.getTreeItem(node);
        const text = `${labelText(item)} ${String(item.description)} ${tooltipText(item)}`;
        for (const value of values) assert.ok(!text.includes(value), `row ${node.key} of ${id} contains a token value`);
      }
    }
    const created = plain(tooltipText(tokenItem(services, s.createdHere.id)));
    assert.ok(created.includes('$(key) The value is stored in VS Code: right-click › Copy Token Value.'), created);
    assert.ok(created.includes('Expires: never'), created);
    const leaked = plain(tooltipText(tokenItem(services, s.dotfiles.id)));
    assert.ok(leaked.includes(`Leaked at: ${LEAK_URL}`), leaked);
    assert.ok(!leaked.includes('The value is stored'), leaked);
    const expiring = plain(tooltipText(tokenItem(services, s.previewBot.id)));
    assert.ok(expiring.includes(`Expires: ${localDateTime(s.now + 3 * HOUR + 20 * 60_000)} (in 3 hours)`), expiring);
    const tooltip = tokenItem(services, s.createdHere.id).tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString && tooltip.supportThemeIcons === true);
  });

  it('getParent: a row belongs to its token node, a token is at the root (one account), nodes are stable', () => {
    const first = rootNodes(services) as TokenNode[];
    const second = rootNodes(services);
    assert.equal(first.length, 10);
    first.forEach((node, index) => assert.equal(node, second[index], 'the same node object for the same token'));
    for (const node of first) {
      assert.deepEqual(node, { kind: 'token', userId: server.user.id, tokenId: node.tokenId });
      assert.equal(services.provider.getParent(node), undefined);
      assert.equal(services.provider.nodeFor(server.user.id, node.tokenId), node);
      const fields = fieldNodes(services, node.tokenId);
      assert.ok(fields.length >= 7);
      for (const field of fields) {
        assert.equal(field.kind, 'field');
        assert.equal(field.tokenId, node.tokenId);
        assert.equal(services.provider.getParent(field), node);
      }
    }
    assert.equal(labelText(services.provider.getTreeItem({ kind: 'token', userId: server.user.id, tokenId: 'tok_unknown' })), '(removed)');
  });
});
