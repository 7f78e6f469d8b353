// The manifest's words live in package.nls.json (`%key%` in package.json), so that a
// package.nls.<language>.json can translate them: every key has its English text, no text is
// unused, no user-visible field is left as plain text, and the command titles read as they did.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { NLS_PLACEHOLDER, readJson, resolveNls } from '../../shared/manifest';

const root = join(__dirname, '..', '..', '..', '..');
const manifest = readJson<any>(join(root, 'package.json'));
const english = readJson<Record<string, string>>(join(root, 'package.nls.json'));

/** Every `%key%` string in the manifest, wherever it is. */
function placeholders(node: unknown): string[] {
  if (typeof node === 'string') return NLS_PLACEHOLDER.exec(node)?.slice(1) ?? [];
  if (Array.isArray(node)) return node.flatMap(placeholders);
  if (node && typeof node === 'object') return Object.values(node).flatMap(placeholders);
  return [];
}

/** The fields VS Code shows to users, with where they are, as [where, value]. */
function visibleFields(): [string, unknown][] {
  const c = manifest.contributes;
  const fields: [string, unknown][] = [
    ['displayName', manifest.displayName],
    ['description', manifest.description],
    ['capabilities.untrustedWorkspaces.description', manifest.capabilities.untrustedWorkspaces.description],
    ['configuration.title', c.configuration.title],
  ];
  for (const container of c.viewsContainers.activitybar) fields.push([`viewsContainers ${container.id}`, container.title]);
  for (const view of Object.values<{ id: string; name: string; contextualTitle?: string }[]>(c.views).flat()) {
    fields.push([`view ${view.id} name`, view.name], [`view ${view.id} contextualTitle`, view.contextualTitle]);
  }
  c.viewsWelcome.forEach((entry: { contents: string }, index: number) => fields.push([`viewsWelcome[${index}]`, entry.contents]));
  for (const walkthrough of c.walkthroughs) {
    fields.push([`walkthrough title`, walkthrough.title], [`walkthrough description`, walkthrough.description]);
    for (const step of walkthrough.steps) {
      fields.push([`step ${step.id} title`, step.title], [`step ${step.id} description`, step.description], [`step ${step.id} altText`, step.media.altText]);
    }
  }
  for (const command of c.commands) fields.push([`${command.command} title`, command.title], [`${command.command} category`, command.category]);
  for (const [name, schema] of Object.entries<Record<string, unknown>>(c.configuration.properties)) {
    for (const key of ['description', 'markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions', 'deprecationMessage', 'markdownDeprecationMessage']) {
      if (key in schema) fields.push([`${name} ${key}`, schema[key]]);
    }
  }
  return fields;
}

describe('package.nls.json', () => {
  test('every %key% in package.json has its English text, and every text is used', () => {
    const used = new Set(placeholders(manifest));
    assert.ok(used.size > 0);
    assert.deepEqual([...used].filter((key) => !Object.hasOwn(english, key)), [], 'keys without a text');
    assert.deepEqual(Object.keys(english).filter((key) => !used.has(key)), [], 'texts no key uses');
    for (const [key, text] of Object.entries(english)) assert.ok(typeof text === 'string' && text.trim() !== '', key);
  });

  test('no user-visible field of the manifest is plain text', () => {
    const plain = visibleFields().filter(([, value]) => value !== undefined && !(typeof value === 'string' && NLS_PLACEHOLDER.test(value)));
    assert.deepEqual(plain.map(([where]) => where), []);
  });

  test('the command titles read as they did, all in the category Vercel', () => {
    const resolved = resolveNls(manifest, english);
    assert.deepEqual(
      resolved.contributes.commands.map((command: { command: string; title: string; category: string }) => [command.command, command.category, command.title]),
      [
        ['vercelTokens.signIn', 'Vercel', 'Sign In with Access Token'],
        ['vercelTokens.signOut', 'Vercel', 'Sign Out'],
        ['vercelTokens.createToken', 'Vercel', 'Create Auth Token'],
        ['vercelTokens.refresh', 'Vercel', 'Refresh Tokens'],
        ['vercelTokens.copyToken', 'Vercel', 'Copy Token Value'],
        ['vercelTokens.copyTokenId', 'Vercel', 'Copy Token ID'],
        ['vercelTokens.deleteToken', 'Vercel', 'Delete Token'],
        ['vercelTokens.selectTeam', 'Vercel', 'Select Team'],
        ['vercelTokens.openLeakLocation', 'Vercel', 'Open Leak Location'],
        ['vercelTokens.rotateToken', 'Vercel', 'Rotate Token'],
        ['vercelTokens.deleteExpiredTokens', 'Vercel', 'Delete Expired and Revoked Tokens…'],
        ['vercelTokens.hideInactiveTokens', 'Vercel', 'Hide Expired and Revoked'],
        ['vercelTokens.showInactiveTokens', 'Vercel', 'Show Expired and Revoked'],
        ['vercelTokens.saveToGitHubSecret', 'Vercel', 'Save Token as GitHub Actions Secret…'],
        ['vercelTokens.addToEnvFile', 'Vercel', 'Add Token to .env File…'],
        ['vercelTokens.useInTerminals', 'Vercel', 'Use Token in New Terminals'],
        ['vercelTokens.stopUsingInTerminals', 'Vercel', 'Stop Using in Terminals'],
        ['vercelTokens.dontFlagTokensInFile', 'Vercel', "Don't Flag Vercel Tokens in This File"],
      ],
    );
    assert.equal(resolved.displayName, 'Vercel Tokens');
    assert.equal(resolved.contributes.views.vercel[0].name, 'Auth Tokens');
  });

  test('each translation (package.nls.<language>.json) has exactly the same keys', () => {
    const translations = readdirSync(root).filter((name) => /^package\.nls\.[\w-]+\.json$/.test(name));
    for (const name of translations) {
      const translated = readJson<Record<string, string>>(join(root, name));
      assert.deepEqual(Object.keys(translated).sort(), Object.keys(english).sort(), name);
    }
  });

  test('the strings bundles of the code are in l10n/, where the manifest says', () => {
    assert.equal(manifest.l10n, './l10n');
  });
});
