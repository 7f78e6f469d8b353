// The leak diagnostics of the web build (in place of ../integrations/leakDiagnostics.ts, see
// esbuild.mjs): documents are not scanned. A value in a file git ignores is where it belongs and must
// not be flagged, and git does not run in the browser: every .env.local would be an error.
import vscode = require('vscode');
import type { DontFlagRequest, TokenRequest } from '../integrations/leakDiagnostics';
import { sayNotOnTheWeb } from './unavailable';

export type { DontFlagRequest, TokenRequest };

export class LeakDiagnostics implements vscode.Disposable {
  // The Node host's constructor takes the reporter and the workspace state; nothing here needs them.
  constructor(..._unused: unknown[]) {}

  start(): void {}

  rescanAll(): void {}

  isOwnRequest(_value: unknown): _value is DontFlagRequest {
    return false;
  }

  isTokenRequest(_value: unknown): _value is TokenRequest {
    return false;
  }

  tokenRequest(userId: string, tokenId: string): TokenRequest {
    return { userId, tokenId };
  }

  dontFlag(_uri: vscode.Uri): Promise<void> {
    sayNotOnTheWeb('leakChecks');
    return Promise.resolve();
  }

  dispose(): void {}
}
