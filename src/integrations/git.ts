// VS Code's built-in git extension, through its public API (`vscode.git`, getAPI(1)): the
// workspace's remotes, for GitHub repositories, and `checkIgnore`, before a value goes into a file.
import vscode = require('vscode');

/** The part of the git extension's API used here (extensions/git/src/api/git.d.ts). */
interface GitRemote {
  readonly name: string;
  readonly fetchUrl?: string;
  readonly pushUrl?: string;
}
export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly remotes: readonly GitRemote[] };
  checkIgnore(paths: string[]): Promise<Set<string>>;
}
interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  readonly repositories: readonly GitRepository[];
  getRepository(uri: vscode.Uri): GitRepository | null;
  openRepository?(root: vscode.Uri): Promise<GitRepository | null>;
}
interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

export interface WorkspaceRemote {
  /** The repository's root folder. */
  readonly root: vscode.Uri;
  readonly name: string;
  readonly url: string;
}

/** How long to wait for the git extension to find the workspace's repositories. */
const INITIALIZE_TIMEOUT_MS = 10_000;

export class Git {
  private api: Promise<GitApi | undefined> | undefined;
  /** Folders already asked for: a folder that is no repository is not asked again and again. */
  private readonly asked = new Set<string>();

  /** The git extension's API once it has looked at the workspace; undefined without it (e.g. on the web, or disabled). */
  private gitApi(): Promise<GitApi | undefined> {
    this.api ??= loadGitApi().then(
      (api) => api,
      () => undefined,
    );
    return this.api;
  }

  /** Whether the git extension is there to ask; without it nothing can be checked. */
  async available(): Promise<boolean> {
    return (await this.gitApi()) !== undefined;
  }

  /** Every remote of every repository of the workspace (fetch URL, else push URL). */
  async remotes(): Promise<WorkspaceRemote[]> {
    const api = await this.gitApi();
    if (!api) return [];
    await this.openWorkspaceRepositories(api);
    return api.repositories.flatMap((repository) =>
      repository.state.remotes.flatMap((remote) => {
        const url = remote.fetchUrl ?? remote.pushUrl;
        return url ? [{ root: repository.rootUri, name: remote.name, url }] : [];
      }),
    );
  }

  /**
   * Whether git ignores the file: `undefined` when no repository holds it (or git is not there),
   * which the caller treats as "not protected".
   */
  async isIgnored(file: vscode.Uri): Promise<boolean | undefined> {
    const repository = await this.repositoryOf(file);
    if (!repository) return undefined;
    const ignored = await repository.checkIgnore([file.fsPath]);
    return ignored.has(file.fsPath) || [...ignored].some((path) => vscode.Uri.file(path).toString() === file.toString());
  }

  /** The repository whose working tree holds the file. */
  async repositoryOf(file: vscode.Uri): Promise<GitRepository | undefined> {
    const api = await this.gitApi();
    if (!api) return undefined;
    await this.openWorkspaceRepositories(api);
    return api.getRepository(file) ?? undefined;
  }

  /** The git extension opens repositories as it finds them; a folder it has not found yet is asked for. */
  private async openWorkspaceRepositories(api: GitApi): Promise<void> {
    if (!api.openRepository) return;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const key = folder.uri.toString();
      if (folder.uri.scheme !== 'file' || this.asked.has(key) || api.getRepository(folder.uri)) continue;
      this.asked.add(key);
      await api.openRepository(folder.uri).catch(() => null);
    }
  }
}

async function loadGitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) return undefined;
  const exports = extension.isActive ? extension.exports : await extension.activate();
  if (!exports?.enabled) return undefined;
  const api = exports.getAPI(1);
  if (api.state === 'initialized') return api;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, INITIALIZE_TIMEOUT_MS);
    const listener = api.onDidChangeState((state) => state === 'initialized' && done());
    function done() {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    }
  });
  return api;
}
