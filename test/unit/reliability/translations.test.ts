// Issue 12: each translation that ships (l10n/bundle.l10n.<lang>.json for the messages of src/,
// package.nls.<lang>.json for the manifest) is complete and fits its English: the same keys, none
// empty, the same `{…}` placeholders and `$(…)` codicons, and in the manifest the same command:
// links. Checked by machine for completeness, not for style. The English messages are extracted
// here from src/ as scripts/l10n-export.mjs does, so no build has to have run.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';

const root = join(__dirname, '..', '..', '..', '..');

/** What `getL10nJson` writes: a message, or for `l10n.t({ message, comment })` both. */
type BundleEntry = string | { message: string; comment: string[] };

export interface Problem {
  key: string;
  why: string;
}

const PLACEHOLDER = /\{[^{}]*\}/g;
const CODICON = /\$\([\w~-]+\)/g;
/** A markdown link's target that runs a command: `(command:vercelTokens.signIn)`. */
const COMMAND_LINK = /\]\((command:[^)\s]*)\)/g;

function distinct(text: string, pattern: RegExp, group = 0): string[] {
  return [...new Set([...text.matchAll(pattern)].map((match) => match[group]))].sort();
}

/**
 * What is wrong with `translated` against `english` (key → English text): keys missing or stale,
 * values that are no non-empty string, placeholders and codicons (and with `links`, command: link
 * targets) that differ.
 */
export function compareTranslation(english: ReadonlyMap<string, string>, translated: Record<string, unknown>, options: { links: boolean }): Problem[] {
  const problems: Problem[] = [];
  for (const key of english.keys()) if (!Object.hasOwn(translated, key)) problems.push({ key, why: 'missing' });
  for (const [key, value] of Object.entries(translated)) {
    const source = english.get(key);
    if (source === undefined) {
      problems.push({ key, why: 'stale: no such key in the English' });
      continue;
    }
    // VS Code formats a translated bundle's value as the message itself: it must be a string.
    if (typeof value !== 'string') {
      problems.push({ key, why: `the translation is a ${typeof value}, not a string` });
      continue;
    }
    if (value.trim() === '') {
      problems.push({ key, why: 'empty' });
      continue;
    }
    const checks: Array<[string, RegExp, number]> = [['placeholders', PLACEHOLDER, 0], ['codicons', CODICON, 0]];
    if (options.links) checks.push(['command: links', COMMAND_LINK, 1]);
    for (const [what, pattern, group] of checks) {
      const want = distinct(source, pattern, group);
      const got = distinct(value, pattern, group);
      if (want.join('\n') !== got.join('\n')) problems.push({ key, why: `${what} ${JSON.stringify(got)}, the English has ${JSON.stringify(want)}` });
    }
  }
  return problems;
}

function describeProblems(problems: Problem[]): string {
  return problems.map((problem) => `  ${JSON.stringify(problem.key)}: ${problem.why}`).join('\n');
}

function scriptFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return scriptFiles(path);
    return /\.[cm]?[jt]sx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The English bundle as a build writes it to l10n/bundle.l10n.json, key → English message. */
async function englishBundle(): Promise<Map<string, string>> {
  const scripts = scriptFiles(join(root, 'src'))
    .sort()
    .map((path) => ({ extension: extname(path), contents: readFileSync(path, 'utf8') }))
    .filter((script) => script.contents.includes('l10n'));
  const bundle = (await getL10nJson(scripts)) as Record<string, BundleEntry>;
  return new Map(Object.entries(bundle).map(([key, entry]) => [key, typeof entry === 'string' ? entry : entry.message]));
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** `[language, path]` of each file in `dir` whose name is `prefix.<language>.json`. */
function translationsIn(dir: string, prefix: string): Array<[string, string]> {
  const pattern = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.([a-z]{2,3}(?:-[a-z0-9]+)*)\\.json$`, 'i');
  return readdirSync(dir)
    .map((name) => [pattern.exec(name)?.[1], join(dir, name)] as const)
    .filter((entry): entry is [string, string] => entry[0] !== undefined)
    .sort();
}

const bundles = translationsIn(join(root, 'l10n'), 'bundle.l10n');
const manifests = translationsIn(root, 'package.nls');

describe('the translation check itself', () => {
  const english = new Map([
    ['Deleted {0} of {1}.', 'Deleted {0} of {1}.'],
    ['$(trash) Deleted token "{0}"', '$(trash) Deleted token "{0}"'],
    ['hello/a comment', 'hello'],
  ]);
  const good = { 'Deleted {0} of {1}.': '{1}: {0} gelöscht.', '$(trash) Deleted token "{0}"': '$(trash) Token „{0}“ gelöscht', 'hello/a comment': 'hallo' };

  test('passes a complete translation, whatever the order of its placeholders', () => {
    assert.deepEqual(compareTranslation(english, good, { links: false }), []);
  });

  test('names a missing key, a stale key and an empty translation', () => {
    const { 'hello/a comment': _dropped, ...rest } = good;
    assert.deepEqual(compareTranslation(english, { ...rest, 'Gone {0}': 'Weg {0}', 'Deleted {0} of {1}.': ' ' }, { links: false }), [
      { key: 'hello/a comment', why: 'missing' },
      { key: 'Deleted {0} of {1}.', why: 'empty' },
      { key: 'Gone {0}', why: 'stale: no such key in the English' },
    ]);
  });

  test('names a dropped or renamed placeholder, a lost codicon and a value that is no string', () => {
    const problems = compareTranslation(
      english,
      { ...good, 'Deleted {0} of {1}.': '{0} gelöscht.', '$(trash) Deleted token "{0}"': 'Token „{name}“ gelöscht', 'hello/a comment': { message: 'hallo' } },
      { links: false },
    );
    assert.deepEqual(
      problems.map((problem) => problem.key),
      ['Deleted {0} of {1}.', '$(trash) Deleted token "{0}"', '$(trash) Deleted token "{0}"', 'hello/a comment'],
    );
    assert.match(problems[0].why, /^placeholders \["\{0\}"\], the English has \["\{0\}","\{1\}"\]$/);
    assert.match(problems[1].why, /^placeholders \["\{name\}"\]/);
    assert.match(problems[2].why, /^codicons \[\], the English has \["\$\(trash\)"\]$/);
    assert.match(problems[3].why, /not a string/);
  });

  test('in the manifest, a command: link must keep its target', () => {
    const manifest = new Map([['welcome', 'Not signed in.\n[Sign In](command:vercelTokens.signIn)']]);
    assert.deepEqual(compareTranslation(manifest, { welcome: 'Nicht angemeldet.\n[Anmelden](command:vercelTokens.signIn)' }, { links: true }), []);
    assert.match(
      compareTranslation(manifest, { welcome: 'Nicht angemeldet.\n[Anmelden](command:vercelTokens.signOut)' }, { links: true })[0]?.why ?? '',
      /^command: links \["command:vercelTokens\.signOut"\]/,
    );
  });
});

describe('every translation that ships is complete', () => {
  let english: Map<string, string>;
  before(async () => {
    english = await englishBundle();
  });

  test('German is among them, with both its files', () => {
    assert.ok(bundles.some(([language]) => language === 'de'), 'l10n/bundle.l10n.de.json is missing');
    assert.ok(manifests.some(([language]) => language === 'de'), 'package.nls.de.json is missing');
    // A language with messages but no manifest (or the other way round) would be half translated.
    assert.deepEqual(bundles.map(([language]) => language), manifests.map(([language]) => language));
  });

  test('the English is extracted from src/ (the keys the build writes)', () => {
    assert.ok(english.size > 100, `only ${english.size} messages extracted from src/`);
    assert.ok([...english.keys()].some((key) => key !== english.get(key)), 'no l10n.t({ message, comment }) key of the form "message/comment"');
  });

  for (const [language, path] of bundles) {
    test(`l10n/bundle.l10n.${language}.json: every message of src/, with its placeholders and codicons`, () => {
      const problems = compareTranslation(english, readJson(path), { links: false });
      assert.equal(problems.length, 0, `${problems.length} problem(s) in ${path}:\n${describeProblems(problems)}`);
    });
  }

  for (const [language, path] of manifests) {
    test(`package.nls.${language}.json: every key of package.nls.json, with its placeholders, codicons and command: links`, () => {
      const source = new Map(Object.entries(readJson(join(root, 'package.nls.json')) as Record<string, string>));
      const problems = compareTranslation(source, readJson(path), { links: true });
      assert.equal(problems.length, 0, `${problems.length} problem(s) in ${path}:\n${describeProblems(problems)}`);
    });
  }
});
