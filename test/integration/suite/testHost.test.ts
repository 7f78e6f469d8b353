// What the test host gives every suite (test/integration/runInCodeServer.ts): the workspace is a git
// repository that VS Code's built-in git extension sees, and `github` / `github-enterprise` sign-ins
// reach the stand-in provider (test/host/github-auth-standin), as an extension's calls do.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { GITHUB_SIGN_IN_CANCELLED } from '../../host/githubAuthStandin';
import { EXTENSION_ID, githubStandin, waitFor, workspaceFolder, type GitHubStandin } from './helpers';

/** The part of the git extension's API (extensions/git/src/api/git.d.ts) these checks use. */
interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly HEAD: { readonly name?: string } | undefined; readonly remotes: readonly { name: string; fetchUrl?: string; pushUrl?: string }[] };
  checkIgnore(paths: string[]): Promise<Set<string>>;
}
interface GitApi {
  readonly repositories: readonly GitRepository[];
}

/** VS Code's answer to getSession(…, { createIfNone: true }) in the extension-tests mode: its Allow dialog is refused. */
const refusedAllowDialog = (providerLabel: string) =>
  `DialogService: refused to show dialog in tests. Contents: The extension 'Vercel Tokens' wants to sign in using ${providerLabel}.`;

describe('test host', () => {
  describe('the workspace is a git repository of the built-in git extension', () => {
    let repository: GitRepository;
    let root: string;

    before(async () => {
      root = workspaceFolder().uri.fsPath;
      const git = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
      assert.ok(git, 'the built-in git extension is not there');
      const api = (await git.activate()).getAPI(1);
      await waitFor(() => api.repositories.some((repo) => repo.rootUri.fsPath === root), `the git extension to open ${root}`, 15_000);
      repository = api.repositories.find((repo) => repo.rootUri.fsPath === root)!;
      await waitFor(() => repository.state.HEAD?.name !== undefined, 'the repository state (HEAD)');
    });

    it('is on main with the remotes origin (https) and upstream (scp-like ssh)', () => {
      assert.equal(repository.state.HEAD?.name, 'main');
      const remotes = repository.state.remotes.map(({ name, fetchUrl, pushUrl }) => ({ name, fetchUrl, pushUrl }));
      assert.deepEqual(
        remotes.sort((a, b) => a.name.localeCompare(b.name)),
        [
          { name: 'origin', fetchUrl: 'https://github.com/acme/web.git', pushUrl: 'https://github.com/acme/web.git' },
          { name: 'upstream', fetchUrl: 'git@github.com:acme/upstream.git', pushUrl: 'git@github.com:acme/upstream.git' },
        ],
      );
    });

    it('checkIgnore: .env.local and .env.*.local are ignored, the tracked .env and .env.example are not', async () => {
      const files = ['.env.local', '.env.production.local', '.env', '.env.example'].map((name) => join(root, name));
      const ignored = await repository.checkIgnore(files);
      assert.deepEqual([...ignored].sort(), [join(root, '.env.local'), join(root, '.env.production.local')].sort());
      // The tracked files are there, with their contents.
      const read = async (name: string) => Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceFolder().uri, name))).toString('utf8');
      assert.equal(await read('.env'), 'OTHER=1\n');
      assert.equal(await read('.env.example'), '# example\nVERCEL_TOKEN=\n');
    });
  });

  describe('GitHub sign-in reaches the stand-in provider', () => {
    let standin: GitHubStandin;
    const requestsFor = (providerId: string, scopes: string[]) =>
      standin.requests.filter((request) => request.providerId === providerId && JSON.stringify(request.scopes) === JSON.stringify(scopes)).map((request) => request.kind);

    before(async () => {
      standin = await githubStandin();
    });
    beforeEach(() => standin.reset());
    after(() => standin.reset());

    it('holds both ids: the built-in GitHub provider is never activated by the requests', async () => {
      assert.equal(await vscode.authentication.getSession('github', ['repo'], { createIfNone: false }), undefined);
      assert.equal(await vscode.authentication.getSession('github-enterprise', ['repo'], { createIfNone: false }), undefined);
      for (const providerId of ['github', 'github-enterprise']) {
        assert.ok(requestsFor(providerId, ['repo']).includes('getSessions'), `${providerId}: ${JSON.stringify(standin.requests)}`);
      }
      assert.equal(vscode.extensions.getExtension('vscode.github-authentication')?.isActive, false);
    });

    it("getSession(…, { createIfNone: true }) without a session: VS Code's Allow dialog is refused in tests, the provider is not asked to sign in", async () => {
      await assert.rejects(Promise.resolve(vscode.authentication.getSession('github', ['repo'], { createIfNone: true })), {
        message: refusedAllowDialog('GitHub (stand-in)'),
      });
      await assert.rejects(Promise.resolve(vscode.authentication.getSession('github-enterprise', ['repo'], { createIfNone: true })), {
        message: refusedAllowDialog('GitHub Enterprise (stand-in)'),
      });
      assert.ok(requestsFor('github', ['repo']).includes('getSessions'));
      assert.ok(!standin.requests.some((request) => request.kind === 'createSession'), JSON.stringify(standin.requests));
      assert.deepEqual(standin.sessions(), []);
    });

    it('an accepted sign-in request gives the extension the session with the token the test chose, for both ids', async () => {
      standin.setAccessToken('gho_testhost_github');
      assert.equal(await vscode.authentication.getSession('github', ['repo'], { createIfNone: false }), undefined);
      assert.equal(await standin.acceptSignInRequests(EXTENSION_ID), 1);
      const session = await vscode.authentication.getSession('github', ['repo'], { createIfNone: true });
      assert.equal(session.accessToken, 'gho_testhost_github');
      assert.deepEqual(session.account, { id: 'standin-user', label: 'standin-user' });
      assert.deepEqual(session.scopes, ['repo']);
      assert.deepEqual(standin.sessions('github'), [{ id: session.id, accessToken: 'gho_testhost_github', account: session.account, scopes: ['repo'] }]);
      const kinds = requestsFor('github', ['repo']);
      assert.equal(kinds[0], 'getSessions');
      assert.equal(kinds.filter((kind) => kind === 'createSession').length, 1, JSON.stringify(kinds));

      standin.setAccessToken('gho_testhost_enterprise');
      assert.equal(await vscode.authentication.getSession('github-enterprise', ['repo'], { createIfNone: false }), undefined);
      assert.equal(await standin.acceptSignInRequests(EXTENSION_ID, 'github-enterprise'), 1);
      const enterprise = await vscode.authentication.getSession('github-enterprise', ['repo'], { createIfNone: true });
      assert.equal(enterprise.accessToken, 'gho_testhost_enterprise');
      assert.deepEqual(standin.sessions('github').map((entry) => entry.accessToken), ['gho_testhost_github']);
    });

    it('declineNext: the sign-in fails with the built-in provider\'s "Cancelled", and no session is made', async () => {
      assert.equal(await vscode.authentication.getSession('github', ['repo'], { createIfNone: false }), undefined);
      standin.declineNext();
      await assert.rejects(standin.acceptSignInRequests(EXTENSION_ID), { message: GITHUB_SIGN_IN_CANCELLED });
      assert.deepEqual(standin.sessions(), []);
      assert.equal(await vscode.authentication.getSession('github', ['repo'], { createIfNone: false }), undefined);
      // Only the next one: the request, accepted again, signs in.
      assert.equal(await standin.acceptSignInRequests(EXTENSION_ID), 1);
      assert.equal(standin.sessions().length, 1);
    });

    it('reset: VS Code is told the sessions are gone', async () => {
      await vscode.authentication.getSession('github', ['repo'], { createIfNone: false });
      await standin.acceptSignInRequests(EXTENSION_ID);
      assert.ok(await vscode.authentication.getSession('github', ['repo'], { createIfNone: false }));
      standin.reset();
      assert.deepEqual(standin.requests, []);
      await waitFor(async () => (await vscode.authentication.getAccounts('github')).length === 0, 'VS Code to drop the account');
      assert.equal(await vscode.authentication.getSession('github', ['repo'], { createIfNone: false }), undefined);
    });
  });
});
