// Which token of the signed-in accounts a string found in a document is: by its exact stored value,
// else by the prefix and last characters Vercel lists for each token. The values are read from the
// keychain once and held in memory only, until the stored values or the accounts change.
import type { AuthToken } from '../api/types';
import type { Accounts } from './accounts';
import { Emitter, type Disposable } from './events';
import type { Keychain } from './keychain';
import type { TokenLists } from './tokenList';

export interface TokenMatch {
  userId: string;
  token: AuthToken;
  /** The exact value of a token stored here (else matched by prefix and suffix only). */
  exact: boolean;
}

export class TokenMatcher implements Disposable {
  private values: Promise<Map<string, { userId: string; tokenId: string }>> | undefined;
  private readonly changeEmitter = new Emitter<void>();
  /** What a match answers may have changed: documents are worth scanning again. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly subscriptions: Disposable[];

  constructor(
    private readonly accounts: Accounts,
    private readonly keychain: Keychain,
    private readonly lists: TokenLists,
  ) {
    const changed = () => {
      this.values = undefined;
      this.changeEmitter.fire();
    };
    // The keychain reports other windows' writes; this window's creates and deletes show in the lists.
    this.subscriptions = [keychain.onDidChangeStoredValues(changed), accounts.onDidChange(changed), lists.onDidChange(changed)];
  }

  async match(value: string, prefix: string, suffix: string): Promise<TokenMatch | undefined> {
    const byValue = (await this.storedValues()).get(value);
    if (byValue) {
      const token = this.lists.get(byValue.userId)?.token(byValue.tokenId);
      if (token) return { userId: byValue.userId, token, exact: true };
    }
    // Only an unambiguous prefix and suffix names a token: four characters can repeat.
    const alike = this.accounts.all.flatMap(({ userId }) =>
      (this.lists.get(userId)?.tokens ?? []).filter((token) => token.prefix === prefix && token.suffix === suffix).map((token) => ({ userId, token })),
    );
    return alike.length === 1 ? { ...alike[0], exact: false } : undefined;
  }

  private storedValues(): Promise<Map<string, { userId: string; tokenId: string }>> {
    this.values ??= this.readValues().catch(() => {
      this.values = undefined;
      return new Map();
    });
    return this.values;
  }

  private async readValues(): Promise<Map<string, { userId: string; tokenId: string }>> {
    const values = new Map<string, { userId: string; tokenId: string }>();
    for (const { userId } of this.accounts.all) {
      const ids = [...(await this.keychain.storedTokenIds(userId))];
      const read = await Promise.all(ids.map(async (tokenId) => ({ tokenId, value: await this.keychain.getTokenValue(tokenId) })));
      for (const { tokenId, value } of read) if (value) values.set(value, { userId, tokenId });
    }
    return values;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changeEmitter.dispose();
  }
}
