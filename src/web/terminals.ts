// The terminals of the web build (in place of ../integrations/terminals.ts, see esbuild.mjs): a
// browser window has no integrated terminals of its own, so new terminals never get a value.
import { l10n } from 'vscode';

export const TERMINAL_VARIABLE = 'VERCEL_TOKEN';

export class TerminalEnvironment {
  // The Node host's constructor takes the environment variable collection; nothing here needs it.
  constructor(..._unused: unknown[]) {}

  get tokenId(): string | undefined {
    return undefined;
  }

  get userId(): string | undefined {
    return undefined;
  }

  use(): void {
    throw new Error(l10n.t('New terminals do not exist in the web build'));
  }

  stop(): void {}
}
