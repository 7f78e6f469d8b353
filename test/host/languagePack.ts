// A minimal German language pack (test/host/language-pack-de/), installed into a code-server's
// extensions folder so that `--locale de` takes effect: code-server 4.100.3 ignores a locale that no
// installed language pack provides. The pack translates nothing of VS Code, so VS Code's own UI
// stays English while the extensions see `vscode.env.language === 'de'` and load their German files.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { installVsix, repoRoot } from './codeServer';

export const LANGUAGE_PACK_ID = 'vercel-tokens-tests.language-pack-de-minimal';
const LANGUAGE_PACK_VERSION = '0.0.1';

export function languagePackFolder(): string {
  return join(repoRoot(), 'test', 'host', 'language-pack-de');
}

async function packageLanguagePack(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'language-pack-de-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  // vsce packages its working directory; a copy keeps it from looking at the repository around it.
  const source = join(dir, 'extension');
  await cp(languagePackFolder(), source, { recursive: true });
  const vsix = join(dir, 'language-pack-de.vsix');
  const args = ['package', '--no-dependencies', '--out', vsix];
  try {
    await promisify(execFile)(join(repoRoot(), 'node_modules', '.bin', 'vsce'), args, { cwd: source });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`vsce ${args.join(' ')} failed: ${(error as Error).message}\n${stdout}${stderr}`, { cause: error });
  }
  return vsix;
}

let packaged: Promise<string> | undefined;

/**
 * Installs the pack into `extensionsDir` and registers it in `userDataDir/languagepacks.json`,
 * before code-server starts there with `locale: 'de'`. The command-line install does not write that
 * file, and without it the server finds no pack for the locale and falls back to English.
 */
export async function installLanguagePack(dirs: { extensionsDir: string; userDataDir: string }): Promise<void> {
  packaged ??= packageLanguagePack().catch((error: unknown) => {
    packaged = undefined;
    throw error;
  });
  await installVsix(await packaged, dirs);
  const folder = readdirSync(dirs.extensionsDir).find((name) => name.toLowerCase() === `${LANGUAGE_PACK_ID}-${LANGUAGE_PACK_VERSION}`);
  const translations = folder && join(dirs.extensionsDir, folder, 'translations', 'main.i18n.json');
  if (!translations || !existsSync(translations)) throw new Error(`the language pack was not installed into ${dirs.extensionsDir}`);
  const languagePacks = {
    de: {
      // Names the folder the server caches the pack's messages in (clp/<hash>.de).
      hash: 'vercel-tokens-tests-de',
      extensions: [{ extensionIdentifier: { id: LANGUAGE_PACK_ID }, version: LANGUAGE_PACK_VERSION }],
      translations: { vscode: translations },
      label: 'Deutsch',
    },
  };
  await writeFile(join(dirs.userDataDir, 'languagepacks.json'), JSON.stringify(languagePacks, null, 2));
}

