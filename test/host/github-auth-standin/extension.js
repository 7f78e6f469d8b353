// Test-only stand-in for VS Code's built-in GitHub sign-in (vscode.github-authentication): an
// AuthenticationProvider for the ids `github` and `github-enterprise` whose sessions and tokens the
// tests control through the exports of activate(). It activates at start-up ("*") so that it holds
// both ids before the built-in provider, which registers only on the first request (see README.md).
'use strict';
const { randomBytes } = require('node:crypto');
const vscode = require('vscode');

const PROVIDERS = [
  { id: 'github', label: 'GitHub (stand-in)' },
  { id: 'github-enterprise', label: 'GitHub Enterprise (stand-in)' },
];
const ACCOUNT = Object.freeze({ id: 'standin-user', label: 'standin-user' });
// What the built-in provider throws when the user cancels its sign-in; callers match on it.
const CANCELLED = 'Cancelled';

/** @param {vscode.ExtensionContext} context */
function activate(context) {
  /** @type {{ providerId: string, session: vscode.AuthenticationSession }[]} */
  let sessions = [];
  /** @type {{ kind: 'createSession' | 'getSessions' | 'removeSession', providerId: string, scopes: string[] | undefined }[]} */
  const requests = [];
  // The e2e run cannot reach these exports; it can set the token in the server's environment.
  const defaultToken = () => process.env.GITHUB_AUTH_STANDIN_TOKEN || `gho_${randomBytes(18).toString('hex')}`;
  let accessToken;
  let declines = 0;
  let nextId = 1;
  const emitters = new Map();

  const sameScopes = (a, b) => {
    const [x, y] = [[...a].sort(), [...b].sort()];
    return x.length === y.length && x.every((scope, i) => scope === y[i]);
  };
  const copy = (session) => ({ ...session, account: { ...session.account }, scopes: [...session.scopes] });
  const fire = (providerId, change) => emitters.get(providerId).fire({ added: [], removed: [], changed: [], ...change });

  for (const { id, label } of PROVIDERS) {
    const emitter = new vscode.EventEmitter();
    emitters.set(id, emitter);
    /** @type {vscode.AuthenticationProvider} */
    const provider = {
      onDidChangeSessions: emitter.event,
      async getSessions(scopes) {
        requests.push({ kind: 'getSessions', providerId: id, scopes: scopes ? [...scopes] : undefined });
        // Exact scope sets, as the built-in provider matches them.
        return sessions.filter((entry) => entry.providerId === id && (!scopes || sameScopes(entry.session.scopes, scopes))).map((entry) => entry.session);
      },
      async createSession(scopes) {
        requests.push({ kind: 'createSession', providerId: id, scopes: [...scopes] });
        if (declines > 0) {
          declines--;
          throw new Error(CANCELLED);
        }
        const session = { id: `standin-${nextId++}`, accessToken: accessToken ?? defaultToken(), account: ACCOUNT, scopes: [...scopes] };
        // Signing in again with the same scopes replaces the session, as the built-in provider does.
        const removed = sessions.filter((entry) => entry.providerId === id && sameScopes(entry.session.scopes, scopes)).map((entry) => entry.session);
        sessions = sessions.filter((entry) => !removed.includes(entry.session));
        sessions.push({ providerId: id, session });
        fire(id, { added: [session], removed });
        return session;
      },
      async removeSession(sessionId) {
        const found = sessions.filter((entry) => entry.providerId === id && entry.session.id === sessionId).map((entry) => entry.session);
        requests.push({ kind: 'removeSession', providerId: id, scopes: found[0] ? [...found[0].scopes] : undefined });
        sessions = sessions.filter((entry) => !found.includes(entry.session));
        if (found.length) fire(id, { removed: found });
      },
    };
    context.subscriptions.push(emitter, vscode.authentication.registerAuthenticationProvider(id, label, provider, { supportsMultipleAccounts: false }));
  }

  return {
    /** The access token of the sessions created from now on; undefined: GITHUB_AUTH_STANDIN_TOKEN, else a random `gho_…` each time. */
    setAccessToken(token) {
      accessToken = token;
    },
    /** The next createSession fails as a cancelled sign-in does: `new Error('Cancelled')`. */
    declineNext() {
      declines++;
    },
    /** Copies of the sessions of one provider id, or of both. */
    sessions(providerId) {
      return sessions.filter((entry) => providerId === undefined || entry.providerId === providerId).map((entry) => copy(entry.session));
    },
    /** Every call VS Code made to the providers, oldest first (VS Code's own extensions call too). */
    requests,
    /**
     * Accepts the pending sign-in requests of an extension, as a click on "Sign in with … to use …"
     * in the Accounts menu does: VS Code creates a session through this provider and allows the
     * extension to use the account, with no dialog. An extension makes such a request with
     * getSession(…, { createIfNone: false }) when there is no session. Resolves to how many it accepted.
     */
    async acceptSignInRequests(extensionId, providerId = 'github') {
      // VS Code's command for the request: `${providerId}:${lower-case extension id}:signIn${n}`.
      const prefix = `${providerId}:${extensionId.toLowerCase()}:signIn`;
      // One command for each scope set the extension asked for.
      const ids = (await vscode.commands.getCommands(false)).filter((id) => id.startsWith(prefix) && /^\d+$/.test(id.slice(prefix.length)));
      for (const id of ids) await vscode.commands.executeCommand(id);
      return ids.length;
    },
    /** No sessions (VS Code is told they were removed), no requests, no pending decline, random tokens. */
    reset() {
      const old = sessions;
      sessions = [];
      for (const { id } of PROVIDERS) {
        const removed = old.filter((entry) => entry.providerId === id).map((entry) => entry.session);
        if (removed.length) fire(id, { removed });
      }
      requests.length = 0;
      declines = 0;
      accessToken = undefined;
    },
  };
}

function deactivate() {}

module.exports = { activate, deactivate };
