// TreeItems for the Auth Tokens view, built from the core's accounts and token lists. With one
// account the tokens are the roots; with several, each account is a root with its tokens under it.
// No API calls and no secrets of its own.
import vscode = require('vscode');
import { l10n } from 'vscode';
import type { AuthToken } from '../api/types';
import type { Accounts } from '../core/accounts';
import type { TokenList, TokenLists } from '../core/tokenList';
import { inert } from '../domain/inertText';
import { formatDateTimeAndRelative, formatPastDateTimeAndRelative, formatRelative, isSingular } from '../domain/format';
import { describeStatus, isInactive, tokenStatus } from '../domain/tokenStatus';
import { attentionReason, type AttentionReason } from '../domain/attention';
import { describeTokenScope, scopeOf } from '../domain/scope';
import { tokenFields } from './tokenFields';
import { nameOf } from '../ui/words';
import { describePlace, placeKey, type Place, type Places } from '../core/places';

export type AccountNode = { readonly kind: 'account'; readonly userId: string };
export type TokenNode = { readonly kind: 'token'; readonly userId: string; readonly tokenId: string };
export type FieldNode = { readonly kind: 'field'; readonly userId: string; readonly tokenId: string; readonly key: string };
/** A place the token's value was put (a GitHub secret, a .env line, the terminals). */
export type PlaceNode = { readonly kind: 'place'; readonly userId: string; readonly tokenId: string; readonly key: string };
export type Node = AccountNode | TokenNode | FieldNode | PlaceNode;

export interface TreeOptions {
  /** Days before expiry from which a row is coloured as needing attention; 0: no warning colour. */
  warningDays?: () => number;
  /** The view filter: expired and revoked tokens are left out. */
  hideInactive?: () => boolean;
  /** Where each token's value went: shown as rows under the token. */
  places?: Places;
}

export class TokenTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<Node | undefined>();
  private readonly subscriptions: vscode.Disposable[];
  /** One node object per account and per token, so reveal() and selection keep working across refreshes. */
  private readonly accountNodes = new Map<string, AccountNode>();
  private readonly tokenNodes = new Map<string, TokenNode>();
  /** Every node this tree handed out: commands act directly only on these (checked by identity). */
  private readonly handedOut = new WeakSet<object>();
  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(
    private readonly accounts: Accounts,
    private readonly lists: TokenLists,
    private readonly view: TreeOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.subscriptions = [
      toDisposable(lists.onDidChange(() => this.changeEmitter.fire(undefined))),
      toDisposable(accounts.onDidChange(() => this.changeEmitter.fire(undefined))),
      ...(view.places ? [toDisposable(view.places.onDidChange(() => this.changeEmitter.fire(undefined)))] : []),
    ];
  }

  /** Every row again: the filter or the warning days changed. */
  refreshAll(): void {
    this.changeEmitter.fire(undefined);
  }

  /** True only for a node object this tree created: any other argument is treated as none. */
  owns(value: unknown): value is Node {
    return typeof value === 'object' && value !== null && this.handedOut.has(value);
  }

  /** Several accounts: each is a root node. One: its tokens are the roots, as before accounts. */
  get showsAccounts(): boolean {
    return this.accounts.all.length > 1;
  }

  accountNode(userId: string): AccountNode {
    let node = this.accountNodes.get(userId);
    if (!node) {
      node = { kind: 'account', userId };
      this.accountNodes.set(userId, node);
      this.handedOut.add(node);
    }
    return node;
  }

  nodeFor(userId: string, tokenId: string): TokenNode {
    let node = this.tokenNodes.get(tokenId);
    if (!node || node.userId !== userId) {
      node = { kind: 'token', userId, tokenId };
      this.tokenNodes.set(tokenId, node);
      this.handedOut.add(node);
    }
    return node;
  }

  getChildren(element?: Node): Node[] {
    if (!element) {
      const accounts = this.accounts.all;
      if (accounts.length === 1) return this.tokenChildren(accounts[0].userId);
      return accounts.map((account) => this.accountNode(account.userId));
    }
    if (element.kind === 'account') return this.tokenChildren(element.userId);
    if (element.kind === 'field' || element.kind === 'place') return [];
    const list = this.lists.get(element.userId);
    const token = list?.token(element.tokenId);
    if (!list || !token) return [];
    const places = this.placesOf(token.id).map((place) => {
      const node: PlaceNode = { kind: 'place', userId: element.userId, tokenId: token.id, key: placeKey(place) };
      this.handedOut.add(node);
      return node;
    });
    return [...places, ...tokenFields(token, this.now(), list.teamNames).map((field) => {
      const node: FieldNode = { kind: 'field', userId: element.userId, tokenId: token.id, key: field.key };
      this.handedOut.add(node);
      return node;
    })];
  }

  private placesOf(tokenId: string): Place[] {
    return this.view.places?.of(tokenId) ?? [];
  }

  /** The place a place row stands for, while the token is still there. */
  placeOf(node: PlaceNode): Place | undefined {
    return this.placesOf(node.tokenId).find((place) => placeKey(place) === node.key);
  }

  private tokenChildren(userId: string): Node[] {
    const list = this.lists.get(userId);
    if (!list) return [];
    list.ensureLoaded();
    const ids = new Set(list.tokens.map((token) => token.id));
    for (const [id, node] of this.tokenNodes) if (node.userId === userId && !ids.has(id)) this.tokenNodes.delete(id);
    return this.shownTokens(list).map((token) => this.nodeFor(userId, token.id));
  }

  /** The tokens of a list the view shows, with the filter applied. */
  shownTokens(list: TokenList): readonly AuthToken[] {
    if (!this.view.hideInactive?.()) return list.tokens;
    const now = this.now();
    return list.tokens.filter((token) => !isInactive(token, now));
  }

  /** How many tokens the filter hides, over every account. */
  hiddenCount(): number {
    if (!this.view.hideInactive?.()) return 0;
    const now = this.now();
    return this.accounts.all.reduce((sum, { userId }) => sum + (this.lists.get(userId)?.tokens.filter((token) => isInactive(token, now)).length ?? 0), 0);
  }

  private attention(token: AuthToken, now: number): AttentionReason | undefined {
    return attentionReason(token, now, this.view.warningDays?.() ?? 7);
  }

  /** Tooltips are built when hovered, not for every row. */
  resolveTreeItem(item: vscode.TreeItem, element: Node): vscode.TreeItem {
    const list = this.lists.get(element.userId);
    const token = element.kind === 'token' ? list?.token(element.tokenId) : undefined;
    if (list && token) item.tooltip = this.tooltip(list, token, this.now());
    return item;
  }

  getParent(element: Node): Node | undefined {
    if (element.kind === 'field' || element.kind === 'place') return this.nodeFor(element.userId, element.tokenId);
    if (element.kind === 'token' && this.showsAccounts) return this.accountNode(element.userId);
    return undefined;
  }

  getTreeItem(element: Node): vscode.TreeItem {
    if (element.kind === 'account') return this.accountItem(element.userId);
    const list = this.lists.get(element.userId);
    const token = list?.token(element.tokenId);
    if (!list || !token) return new vscode.TreeItem(l10n.t('(removed)'));
    if (element.kind === 'place') return this.placeItem(token, element);
    return element.kind === 'token' ? this.tokenItem(list, token) : this.fieldItem(list, token, element.key);
  }

  private accountItem(userId: string): vscode.TreeItem {
    const account = this.accounts.get(userId);
    const username = inert(account?.username ?? userId);
    const item = new vscode.TreeItem(username, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `account/${userId}`;
    const team = this.accounts.team(userId);
    const list = this.lists.get(userId);
    const words = [
      team ? inert(team.slug) : undefined,
      list?.state === 'loading' ? l10n.t('loading…') : undefined,
      list?.error ? l10n.t('refresh failed') : undefined,
    ];
    item.description = words.filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon('account');
    item.contextValue = 'account';
    const name = inert(account?.username ?? userId);
    item.tooltip = team ? l10n.t('Vercel account {0}, creating tokens for team {1}', name, inert(team.slug)) : l10n.t('Vercel account {0}', name);
    item.accessibilityInformation = { label: team ? l10n.t('Vercel account {0}, team {1}', name, inert(team.slug)) : l10n.t('Vercel account {0}', name) };
    return item;
  }

  private tokenItem(list: TokenList, token: AuthToken): vscode.TreeItem {
    const now = this.now();
    const item = new vscode.TreeItem(inert(nameOf(token)), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `token/${token.id}`;
    const marks = [describeStatus(token, now)];
    const scope = describeTokenScope(scopeOf(token), list.teamNames, list.projectNames);
    if (scope) marks.push(inert(scope));
    if (list.isValueStored(token.id)) marks.push(l10n.t('value stored'));
    if (list.isValueLost(token.id)) marks.push(l10n.t('value NOT stored'));
    if (list.isAccountToken(token.id)) marks.push(l10n.t('signed in with this'));
    item.description = marks.join(' · ');
    const attention = this.attention(token, now);
    item.iconPath = statusIcon(token, now, attention);
    item.contextValue = this.contextValue(list, token);
    const used = this.placesOf(token.id).length;
    const spoken = [inert(nameOf(token)), ...marks];
    if (attention) spoken.push(l10n.t('needs attention'));
    if (used) spoken.push(isSingular(used) ? l10n.t('used in {0} place', used) : l10n.t('used in {0} places', used));
    item.accessibilityInformation = { label: spoken.join(', ') };
    return item;
  }

  private placeItem(token: AuthToken, node: PlaceNode): vscode.TreeItem {
    const place = this.placeOf(node);
    if (!place) return new vscode.TreeItem(l10n.t('(removed)'));
    const where = inert(describePlace(place));
    const item = new vscode.TreeItem(l10n.t('Used in'), vscode.TreeItemCollapsibleState.None);
    item.id = `token/${token.id}/place/${node.key.split('\u0000').join('/')}`;
    item.description = where;
    item.contextValue = `place ${place.kind}`;
    item.iconPath = new vscode.ThemeIcon({ githubSecret: 'github', envFile: 'file', terminals: 'terminal' }[place.kind]);
    const name = inert(nameOf(token));
    // One whole sentence per kind of place, so that each can be worded as its language needs.
    switch (place.kind) {
      case 'githubSecret':
        item.tooltip = l10n.t('Vercel Tokens put the value of "{0}" in the GitHub Actions secret {1}. Rotate Token updates it there.', name, where);
        item.accessibilityInformation = { label: l10n.t('Used in the GitHub Actions secret {0}', where) };
        break;
      case 'envFile':
        item.tooltip = l10n.t('Vercel Tokens put the value of "{0}" in the .env line {1}. Rotate Token updates it there.', name, where);
        item.accessibilityInformation = { label: l10n.t('Used in the .env line {0}', where) };
        break;
      case 'terminals':
        item.tooltip = l10n.t('Vercel Tokens put the value of "{0}" in the environment of {1}. Rotate Token updates it there.', name, where);
        item.accessibilityInformation = { label: l10n.t('Used in the environment of {0}', where) };
        break;
    }
    if (place.kind === 'envFile') {
      item.command = { command: 'vscode.open', title: l10n.t('Open File'), arguments: [vscode.Uri.parse(place.file)] };
    }
    return item;
  }

  private fieldItem(list: TokenList, token: AuthToken, key: string): vscode.TreeItem {
    const field = tokenFields(token, this.now(), list.teamNames).find((candidate) => candidate.key === key);
    const item = new vscode.TreeItem(field?.label ?? key, vscode.TreeItemCollapsibleState.None);
    item.id = `token/${token.id}/${key}`;
    item.description = inert(field?.value ?? '');
    item.tooltip = field ? `${field.label}: ${inert(field.value)}` : undefined;
    item.contextValue = `field ${key}`;
    if (field?.url) {
      item.command = {
        command: 'vercelTokens.openLeakLocation',
        title: l10n.t('Open Leak Location'),
        arguments: [this.nodeFor(list.userId, token.id)],
      };
      item.contextValue += ' leakUrl';
    }
    return item;
  }

  /** Words for `when` clauses in package.json menus: `token`, `stored`, `leakUrl`, `current`. */
  private contextValue(list: TokenList, token: AuthToken): string {
    const words = ['token'];
    if (list.isValueStored(token.id)) words.push('stored');
    if (token.leakedUrl) words.push('leakUrl');
    if (list.isAccountToken(token.id)) words.push('current');
    return words.join(' ');
  }

  private tooltip(list: TokenList, token: AuthToken, now: number): vscode.MarkdownString {
    // Theme icons on from the start, so appendText escapes `$(…)` in a token's name.
    const tooltip = new vscode.MarkdownString('', true);
    tooltip.appendMarkdown('**');
    tooltip.appendText(inert(nameOf(token)));
    tooltip.appendMarkdown(`** — ${describeStatus(token, now)}\n\n`);
    const line = (label: string, value: string) => {
      tooltip.appendMarkdown(`${label}: `);
      tooltip.appendText(inert(value));
      tooltip.appendMarkdown('  \n');
    };
    line(l10n.t('ID'), token.id);
    line(l10n.t('Scope'), describeTokenScope(scopeOf(token), list.teamNames, list.projectNames) ?? l10n.t('Full Account'));
    line(l10n.t('Created'), formatPastDateTimeAndRelative(token.createdAt, now));
    line(l10n.t('Last used'), token.activeAt > token.createdAt ? formatRelative(Math.min(token.activeAt, now), now) : l10n.t('never'));
    line(l10n.t('Expires'), token.expiresAt != null ? formatDateTimeAndRelative(token.expiresAt, now) : l10n.t('never'));
    if (token.leakedUrl) line(l10n.t('Leaked at'), token.leakedUrl);
    if (list.isValueStored(token.id)) tooltip.appendMarkdown(`\n${l10n.t('$(key) The value is stored in VS Code: right-click › Copy Token Value.')}`);
    else if (list.isValueLost(token.id)) tooltip.appendMarkdown(`\n${l10n.t('$(warning) The value could not be stored in VS Code.')}`);
    return tooltip;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changeEmitter.dispose();
  }
}

function toDisposable(disposable: { dispose(): void }): vscode.Disposable {
  return { dispose: () => disposable.dispose() };
}

/** Leaked and revoked in the error colour, expiring within the warning days in the warning colour. */
function statusIcon(token: AuthToken, now: number, attention: AttentionReason | undefined): vscode.ThemeIcon {
  switch (tokenStatus(token, now)) {
    case 'leaked':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.errorForeground'));
    case 'revoked':
      return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor(attention ? 'list.errorForeground' : 'disabledForeground'));
    case 'expired':
      return new vscode.ThemeIcon('history', new vscode.ThemeColor('disabledForeground'));
    case 'active':
      return attention === 'expiresSoon'
        ? new vscode.ThemeIcon('key', new vscode.ThemeColor('list.warningForeground'))
        : new vscode.ThemeIcon('key', new vscode.ThemeColor('charts.green'));
  }
}

