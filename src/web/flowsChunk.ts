// The flows chunk of the browser build (in place of ../flowsChunk.ts, see esbuild.mjs):
// dist/web/flows.js, read and evaluated the first time a flow runs, as VS Code's web worker host
// evaluates the extension itself. It takes the shared modules from this bundle through the require
// handed to it, as the Node host's chunks take them from main.js.
import vscode = require('vscode');
import { l10n } from 'vscode';
import { sharedWithChunks } from '../chunkShared';

type Flows = typeof import('../flows.js');

/** Beside dist/web/extension.js, package.json's `browser`. */
const CHUNK_PATH = ['dist', 'web', 'flows.js'];

let extensionUri: vscode.Uri | undefined;
let loading: Promise<Flows> | undefined;

/** main.ts hands over the extension's location at start(). */
export function setExtensionUri(uri: vscode.Uri): void {
  extensionUri = uri;
}

export function loadFlows(): Promise<Flows> {
  // A failed load is not kept: the next command tries again.
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load(): Promise<Flows> {
  if (!extensionUri) throw new Error(l10n.t("The extension's files could not be read: its location is not known yet."));
  const uri = vscode.Uri.joinPath(extensionUri, ...CHUNK_PATH);
  const where = uri.toString(true);
  let source: string;
  try {
    source = await read(uri);
  } catch (error) {
    throw new Error(l10n.t("The extension's files could not be read ({0}): {1}. Reload the window; if it happens again, reinstall the extension.", where, reason(error)), { cause: error });
  }
  const module: { exports: unknown } = { exports: {} };
  try {
    // The web worker host evaluates extension code this way; its worker's content security policy allows it.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const evaluate = new Function('module', 'exports', 'require', `${source}\n//# sourceURL=${where}`) as (module: unknown, exports: unknown, require: (id: string) => unknown) => void;
    evaluate(module, module.exports, requireForChunk(where));
  } catch (error) {
    if (error instanceof MissingModule) throw error;
    throw new Error(l10n.t("The extension's files could not be loaded ({0}): {1}. Reload the window; if it happens again, reinstall the extension.", where, reason(error)), { cause: error });
  }
  return module.exports as Flows;
}

/** vscode.dev serves extensions over https, which its file system does not read; code-server's `vscode-remote:` is read through it. */
async function read(uri: vscode.Uri): Promise<string> {
  if (uri.scheme === 'http' || uri.scheme === 'https') {
    const response = await fetch(uri.toString(true));
    if (!response.ok) throw new Error(l10n.t('HTTP {0}', response.status));
    return response.text();
  }
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** A require the bundle cannot answer: already the whole message, which the chunk's evaluation passes on. */
class MissingModule extends Error {}

/** The chunk's require: the two modules esbuild.mjs leaves outside it. */
function requireForChunk(where: string): (id: string) => unknown {
  return (id) => {
    if (id === 'vscode') return vscode;
    if (id === './main.js') return { sharedWithChunks };
    throw new MissingModule(
      l10n.t(
        "The extension's files could not be loaded ({0}): it requires {1}, which the browser bundle does not provide. Reload the window; if it happens again, reinstall the extension.",
        where,
        id,
      ),
    );
  };
}

/** Without a closing full stop: the sentence goes on. */
function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
}
