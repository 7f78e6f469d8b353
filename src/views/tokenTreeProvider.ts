// TreeItems for the Auth Tokens view, built from the TokenModel. No API calls of its own.
import vscode = require('vscode');
import type { AuthToken } from '../api/types';
import { formatDateTimeAndRelative, formatPastDateTimeAndRelative, formatRelative } from '../domain/format';
import { describeStatus, expiresSoon, tokenStatus } from '../domain/tokenStatus';
import { tokenFields } from './tokenFields';
import type { TokenModel } from './tokenModel';

export type TokenNode = { readonly kind: 'token'; readonly tokenId: string };
export type FieldNode = { readonly kind: 'field'; readonly tokenId: string; readonly key: string };
export type Node = TokenNode | FieldNode;

export class TokenTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<Node | undefined>();
  private readonly subscription: vscode.Disposable;
  /** One node object per token id, so reveal() and selection keep working across refreshes. */
  private readonly tokenNodes = new Map<string, TokenNode>();
  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(
    private readonly model: TokenModel,
    private readonly now: () => number = Date.now,
  ) {
    this.subscription = model.onDidChange(() => this.changeEmitter.fire(undefined));
  }

  nodeFor(tokenId: string): TokenNode {
    let node = this.tokenNodes.get(tokenId);
    if (!node) {
      node = { kind: 'token', tokenId };
      this.tokenNodes.set(tokenId, node);
    }
    return node;
  }

  getChildren(element?: Node): Node[] {
    if (!element) {
      this.model.ensureLoaded();
      const ids = new Set(this.model.tokens.map((token) => token.id));
      for (const id of this.tokenNodes.keys()) if (!ids.has(id)) this.tokenNodes.delete(id);
      return this.model.tokens.map((token) => this.nodeFor(token.id));
    }
    if (element.kind === 'field') return [];
    const token = this.model.token(element.tokenId);
    if (!token) return [];
    return tokenFields(token, this.now(), this.model.teamNames).map((field) => ({
      kind: 'field',
      tokenId: token.id,
      key: field.key,
    }));
  }

  /** Tooltips are built when hovered, not for every row: building 10,000 Markdown tooltips costs ~70 ms. */
  resolveTreeItem(item: vscode.TreeItem, element: Node): vscode.TreeItem {
    const token = this.model.token(element.tokenId);
    if (token && element.kind === 'token') item.tooltip = this.tooltip(token, this.now());
    return item;
  }

  getParent(element: Node): Node | undefined {
    return element.kind === 'field' ? this.nodeFor(element.tokenId) : undefined;
  }

  getTreeItem(element: Node): vscode.TreeItem {
    const token = this.model.token(element.tokenId);
    if (!token) return new vscode.TreeItem('(removed)');
    return element.kind === 'token' ? this.tokenItem(token) : this.fieldItem(token, element.key);
  }

  private tokenItem(token: AuthToken): vscode.TreeItem {
    const now = this.now();
    const item = new vscode.TreeItem(token.name || '(unnamed)', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `token/${token.id}`;
    const marks = [describeStatus(token, now)];
    if (this.model.isValueStored(token.id)) marks.push('value stored');
    if (this.model.isValueLost(token.id)) marks.push('value NOT stored');
    if (this.model.isCurrentToken(token.id)) marks.push('signed in with this');
    item.description = marks.join(' · ');
    item.iconPath = statusIcon(token, now);
    item.contextValue = this.contextValue(token);
    item.accessibilityInformation = { label: `${token.name}, ${marks.join(', ')}` };
    return item;
  }

  private fieldItem(token: AuthToken, key: string): vscode.TreeItem {
    const field = tokenFields(token, this.now(), this.model.teamNames).find((candidate) => candidate.key === key);
    const item = new vscode.TreeItem(field?.label ?? key, vscode.TreeItemCollapsibleState.None);
    item.id = `token/${token.id}/${key}`;
    item.description = field?.value ?? '';
    item.tooltip = field ? `${field.label}: ${field.value}` : undefined;
    item.contextValue = `field ${key}`;
    if (field?.url) {
      item.command = { command: 'vercelTokens.openLeakLocation', title: 'Open Leak Location', arguments: [this.nodeFor(token.id)] };
      item.contextValue += ' leakUrl';
    }
    return item;
  }

  /** Words for `when` clauses in package.json menus: `token`, `stored`, `leakUrl`, `current`. */
  private contextValue(token: AuthToken): string {
    const words = ['token'];
    if (this.model.isValueStored(token.id)) words.push('stored');
    if (token.leakedUrl) words.push('leakUrl');
    if (this.model.isCurrentToken(token.id)) words.push('current');
    return words.join(' ');
  }

  private tooltip(token: AuthToken, now: number): vscode.MarkdownString {
    // Theme icons on from the start, so appendText escapes `$(…)` in a token's name.
    const tooltip = new vscode.MarkdownString('', true);
    tooltip.appendMarkdown('**');
    tooltip.appendText(token.name || '(unnamed)');
    tooltip.appendMarkdown(`** — ${describeStatus(token, now)}\n\n`);
    const line = (label: string, value: string) => {
      tooltip.appendMarkdown(`${label}: `);
      tooltip.appendText(value);
      tooltip.appendMarkdown('  \n');
    };
    line('ID', token.id);
    line('Created', formatPastDateTimeAndRelative(token.createdAt, now));
    line('Last used', token.activeAt > token.createdAt ? formatRelative(Math.min(token.activeAt, now), now) : 'never');
    line('Expires', token.expiresAt != null ? formatDateTimeAndRelative(token.expiresAt, now) : 'never');
    if (token.leakedUrl) line('Leaked at', token.leakedUrl);
    if (this.model.isValueStored(token.id)) tooltip.appendMarkdown('\n$(key) The value is stored in VS Code: right-click › Copy Token Value.');
    else if (this.model.isValueLost(token.id)) tooltip.appendMarkdown('\n$(warning) The value could not be stored in VS Code.');
    return tooltip;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}

function statusIcon(token: AuthToken, now: number): vscode.ThemeIcon {
  switch (tokenStatus(token, now)) {
    case 'leaked':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.errorForeground'));
    case 'revoked':
      return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
    case 'expired':
      return new vscode.ThemeIcon('history', new vscode.ThemeColor('disabledForeground'));
    case 'active':
      return expiresSoon(token, now)
        ? new vscode.ThemeIcon('key', new vscode.ThemeColor('list.warningForeground'))
        : new vscode.ThemeIcon('key', new vscode.ThemeColor('charts.green'));
  }
}
