// The listing as the marketplace shows it (package.json: icon, banner, categories, links, pricing,
// where the extension runs) and what the VSIX holds: `vsce ls` over a copy of this tree with the
// five bundles in dist/ and the files a build or a release leaves beside them; the CHANGELOG's form;
// the walkthrough and the welcome views.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import { resolvedManifest } from '../../shared/manifest';

const root = join(__dirname, '..', '..', '..', '..');
// With package.nls.json's English in place of each `%key%`, as VS Code shows it.
const manifest = resolvedManifest(root);
const REPOSITORY = 'https://github.com/vercel-tokens/vscode-vercel-tokens';

/** The categories VS Code and the marketplace know (EXTENSION_CATEGORIES in VS Code's source). */
const VSCODE_CATEGORIES = [
  'AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Extension Packs', 'Education', 'Formatters', 'Keymaps',
  'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Programming Languages', 'SCM Providers',
  'Snippets', 'Testing', 'Themes', 'Visualization', 'Other',
];

interface WalkthroughImages {
  IMAGES: { name: string; crop: { x: number; y: number; width: number; height: number } }[];
  walkthroughImage(screenshot: Buffer, crop: { x: number; y: number; width: number; height: number }): Buffer;
}

/**
 * What a PNG draws: its header, palette and inflated rows. Compared instead of the file's bytes,
 * which another build of zlib may compress differently.
 */
function pngContent(file: Buffer): Buffer {
  const parts: Buffer[] = [];
  const data: Buffer[] = [];
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32BE(at);
    const type = file.toString('ascii', at + 4, at + 8);
    const body = file.subarray(at + 8, at + 8 + length);
    if (type === 'IDAT') data.push(body);
    else if (type === 'IHDR' || type === 'PLTE') parts.push(Buffer.from(type), body);
    at += 12 + length;
  }
  return Buffer.concat([...parts, inflateSync(Buffer.concat(data))]);
}

/** Width, height, bit depth and colour type from a PNG's IHDR, which must be its first chunk. */
function pngHeader(file: Buffer): { width: number; height: number; bitDepth: number; colourType: number } {
  assert.deepEqual([...file.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'the PNG signature');
  assert.equal(file.readUInt32BE(8), 13, 'IHDR is 13 bytes');
  assert.equal(file.toString('ascii', 12, 16), 'IHDR');
  return { width: file.readUInt32BE(16), height: file.readUInt32BE(20), bitDepth: file[24], colourType: file[25] };
}

const execFileP = promisify(execFile);
/** Scratch folders: one for the icon drawn again, one for the copy of the tree vsce lists. */
const scratch = mkdtempSync(join(tmpdir(), 'vercel-tokens-icon-'));
const copy = mkdtempSync(join(tmpdir(), 'vercel-tokens-vsce-ls-'));
after(() => {
  for (const dir of [scratch, copy]) rmSync(dir, { recursive: true, force: true });
});

describe('the marketplace listing (package.json)', () => {
  test('the icon is a 128×128 PNG in media/; the activity bar keeps the monochrome SVG', () => {
    assert.equal(manifest.icon, 'media/icon.png');
    const header = pngHeader(readFileSync(join(root, manifest.icon)));
    assert.deepEqual([header.width, header.height], [128, 128]);
    // 8-bit RGBA: the rounded corners are transparent.
    assert.deepEqual([header.bitDepth, header.colourType], [8, 6]);
    assert.equal(manifest.contributes.viewsContainers.activitybar[0].icon, 'media/vercel.svg');
  });

  test('the icon is what scripts/make-icon.mjs draws', async () => {
    const drawn = join(scratch, 'icon.png');
    await execFileP(process.execPath, [join(root, 'scripts', 'make-icon.mjs'), drawn]);
    assert.ok(pngContent(readFileSync(drawn)).equals(pngContent(readFileSync(join(root, manifest.icon)))));
  });

  test('a dark banner, categories VS Code knows with more than Other, at most 30 distinct keywords', () => {
    assert.deepEqual(manifest.galleryBanner, { color: '#000000', theme: 'dark' });
    for (const category of manifest.categories) assert.ok(VSCODE_CATEGORIES.includes(category), `${category} is not a VS Code category`);
    // The leak diagnostics are a linter's: problems in the editor with quick fixes.
    assert.ok(manifest.categories.includes('Linters'));
    assert.ok(manifest.categories.some((category: string) => category !== 'Other'));
    assert.ok(manifest.keywords.length <= 30, `${manifest.keywords.length} keywords`);
    assert.equal(new Set(manifest.keywords).size, manifest.keywords.length, 'a keyword is listed twice');
    assert.ok(manifest.keywords.includes('vercel'));
  });

  test('free, MIT, with the repository, its issues and its README as links', () => {
    assert.equal(manifest.pricing, 'Free');
    assert.equal(manifest.license, 'MIT');
    assert.match(readFileSync(join(root, 'LICENSE'), 'utf8'), /^MIT License/);
    assert.deepEqual(manifest.repository, { type: 'git', url: REPOSITORY });
    assert.deepEqual(manifest.bugs, { url: `${REPOSITORY}/issues` });
    assert.equal(manifest.homepage, `${REPOSITORY}#readme`);
  });

  test('runs beside the workspace (git, .env files, terminals), locally where there is no workspace host', () => {
    assert.deepEqual(manifest.extensionKind, ['workspace', 'ui']);
    // The browser's web worker host (vscode.dev) loads the file built for it; its loader reads dist/web/flows.js beside it.
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.browser, './dist/web/extension.js');
  });
});

describe('CHANGELOG.md', () => {
  test('Keep a Changelog: Unreleased on top, then a dated section for package.json\'s version, versions descending', () => {
    assert.match(manifest.version, /^\d+\.\d+\.\d+$/);
    const headings = [...readFileSync(join(root, 'CHANGELOG.md'), 'utf8').matchAll(/^## (.*)$/gm)].map((match) => match[1]);
    assert.equal(headings[0], '[Unreleased]');
    assert.match(headings[1], new RegExp(`^\\[${manifest.version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`));
    const versions = headings.slice(1).map((heading) => {
      const match = /^\[(\d+)\.(\d+)\.(\d+)\] - \d{4}-\d{2}-\d{2}$/.exec(heading);
      assert.ok(match, `"## ${heading}" is not "## [x.y.z] - YYYY-MM-DD"`);
      return match.slice(1).map(Number);
    });
    const descending = [...versions].sort((a, b) => b[0] - a[0] || b[1] - a[1] || b[2] - a[2]);
    assert.deepEqual(versions, descending);
    assert.equal(new Set(versions.map(String)).size, versions.length, 'a version is listed twice');
  });
});

/** The `command:` links of a walkthrough step or welcome view, in order, arguments left out. */
function commandLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(command:([\w.]+)[^)]*\)/g)].map((match) => match[1]);
}

const contributedCommands = new Set(manifest.contributes.commands.map((entry: { command: string }) => entry.command));

describe('the walkthrough', () => {
  const [walkthrough, ...others] = manifest.contributes.walkthroughs;
  const steps: { id: string; title: string; description: string; media: { image: string; altText: string }; completionEvents: string[] }[] = walkthrough.steps;

  test('one, "Get Started with Vercel Tokens": sign in, create, copy or save, expiry alerts', () => {
    assert.deepEqual(others, []);
    assert.equal(walkthrough.id, 'vercelTokens.gettingStarted');
    assert.equal(walkthrough.title, 'Get Started with Vercel Tokens');
    assert.deepEqual(steps.map((step) => step.title), ['Sign in', 'Create your first token', 'Copy or save it where it is used', 'Set up expiry alerts']);
  });

  test('each step\'s buttons run its commands, and doing it completes the step', () => {
    const placing = ['vercelTokens.copyToken', 'vercelTokens.saveToGitHubSecret', 'vercelTokens.addToEnvFile', 'vercelTokens.useInTerminals'];
    assert.deepEqual(steps.map((step) => commandLinks(step.description)), [
      ['vercelTokens.signIn'],
      ['vercelTokens.createToken'],
      placing,
      ['workbench.action.openSettings'],
    ]);
    assert.deepEqual(steps.map((step) => step.completionEvents), [
      ['onContext:vercelTokens.signedIn'],
      ['onCommand:vercelTokens.createToken'],
      placing.map((command) => `onCommand:${command}`),
      ['onSettingChanged:vercelTokens.expiryWarningDays'],
    ]);
    for (const command of steps.flatMap((step) => commandLinks(step.description)).filter((id) => id.startsWith('vercelTokens.'))) {
      assert.ok(contributedCommands.has(command), `${command} is not contributed`);
    }
    // The settings editor opens filtered to the setting the last step completes on.
    assert.ok(steps[3].description.includes(`command:workbench.action.openSettings?${encodeURIComponent(JSON.stringify(['vercelTokens.expiryWarningDays']))})`));
    assert.ok(manifest.contributes.configuration.properties['vercelTokens.expiryWarningDays']);
  });

  test('each step shows a screenshot from docs/screenshots, made into media/ so that it ships, with alt text', async () => {
    assert.deepEqual(steps.map((step) => step.media.image), [
      'media/walkthrough/02-sign-in.png',
      'media/walkthrough/03-create-step1.png',
      'media/walkthrough/06-context-menu.png',
      'media/walkthrough/09-badge.png',
    ]);
    // A computed specifier: the script is plain JavaScript outside the TypeScript project.
    const script = (await import(pathToFileURL(join(root, 'scripts', 'walkthrough-images.mjs')).href)) as WalkthroughImages;
    let bytes = 0;
    for (const { media } of steps) {
      const name = media.image.split('/').at(-1)!.replace(/\.png$/, '');
      const image = readFileSync(join(root, media.image));
      const { crop } = script.IMAGES.find((entry) => entry.name === name)!;
      assert.deepEqual(pngHeader(image), { width: crop.width, height: crop.height, bitDepth: 8, colourType: 3 });
      // `npm run screenshots` makes both: a file that differs is one it did not make from the screenshot.
      const made = script.walkthroughImage(readFileSync(join(root, 'docs', 'screenshots', `${name}.png`)), crop);
      assert.ok(pngContent(image).equals(pngContent(made)), `${media.image} is not what scripts/walkthrough-images.mjs makes of docs/screenshots/${name}.png`);
      assert.ok(media.altText.length > 20, `${media.image} has no alt text that says what it shows`);
      bytes += image.length;
    }
    // They go into the VSIX as they are (PNG does not compress further): the bench's goal for it is 160 KB.
    assert.ok(bytes <= 60 * 1024, `the walkthrough's images take ${bytes} bytes`);
  });
});

/** Lines that are a `command:` link alone: VS Code draws them as buttons in a welcome view or walkthrough step. */
function buttons(markdown: string): string[] {
  return markdown.split('\n').flatMap((line) => /^\[[^\]]+\]\(command:([\w.]+)[^)]*\)$/.exec(line)?.[1] ?? []);
}

/** A `when` clause of `&&`-joined terms (`key`, `!key`, `key == value`) against context keys. */
function holds(when: string, context: Record<string, string | boolean>): boolean {
  return when.split(' && ').every((term) => {
    const equals = /^([\w.]+) == (\w+)$/.exec(term);
    if (equals) return context[equals[1]] === equals[2];
    return term.startsWith('!') ? !context[term.slice(1)] : !!context[term];
  });
}

describe('the welcome views of the Auth Tokens view', () => {
  const welcome: { view: string; contents: string; when: string }[] = manifest.contributes.viewsWelcome;
  const extensionId = `${manifest.publisher}.${manifest.name}`;

  test('signed out, loading, empty, error and filtered to nothing, each with its buttons', () => {
    assert.ok(welcome.every((entry) => entry.view === 'vercelTokens.tokens'));
    assert.deepEqual(welcome.map((entry) => [entry.when, buttons(entry.contents)]), [
      ['!vercelTokens.signedIn', ['vercelTokens.signIn']],
      ['vercelTokens.signedIn && vercelTokens.state == loading', ['vercelTokens.createToken']],
      ['vercelTokens.signedIn && vercelTokens.state == empty', ['vercelTokens.createToken']],
      ['vercelTokens.signedIn && vercelTokens.state == error', ['vercelTokens.refresh']],
      ['vercelTokens.signedIn && vercelTokens.state == ready && vercelTokens.allHidden', ['vercelTokens.showInactiveTokens', 'vercelTokens.createToken']],
    ]);
    for (const command of welcome.flatMap((entry) => commandLinks(entry.contents)).filter((id) => id.startsWith('vercelTokens.'))) {
      assert.ok(contributedCommands.has(command), `${command} is not contributed`);
    }
    assert.equal(welcome[4].contents.split('\n')[0], 'All tokens are expired or revoked and hidden.');
  });

  test('signed out, a link opens the walkthrough; after an error, one opens this extension\'s settings', () => {
    const link = (entry: { contents: string }, command: string) => new RegExp(`\\(command:${command.replace(/\./g, '\\.')}\\?([^)]*)\\)`).exec(entry.contents)?.[1];
    assert.deepEqual(JSON.parse(decodeURIComponent(link(welcome[0], 'workbench.action.openWalkthrough') ?? '')), [`${extensionId}#${manifest.contributes.walkthroughs[0].id}`]);
    assert.deepEqual(JSON.parse(decodeURIComponent(link(welcome[3], 'workbench.action.openSettings') ?? '')), [`@ext:${extensionId}`]);
  });

  test('exactly one shows in each state the tree is empty in, none while it shows tokens', () => {
    // The context main.ts sets: allHidden only for one account's ready list; several accounts are 'ready'.
    const contexts: [Record<string, string | boolean>, number | undefined][] = [
      [{ 'vercelTokens.signedIn': false, 'vercelTokens.state': 'signedOut', 'vercelTokens.allHidden': false }, 0],
      [{ 'vercelTokens.signedIn': true, 'vercelTokens.state': 'loading', 'vercelTokens.allHidden': false }, 1],
      [{ 'vercelTokens.signedIn': true, 'vercelTokens.state': 'empty', 'vercelTokens.allHidden': false }, 2],
      [{ 'vercelTokens.signedIn': true, 'vercelTokens.state': 'error', 'vercelTokens.allHidden': false }, 3],
      [{ 'vercelTokens.signedIn': true, 'vercelTokens.state': 'ready', 'vercelTokens.allHidden': true }, 4],
      [{ 'vercelTokens.signedIn': true, 'vercelTokens.state': 'ready', 'vercelTokens.allHidden': false }, undefined],
    ];
    for (const [context, expected] of contexts) {
      const shown = welcome.flatMap((entry, index) => (holds(entry.when, context) ? [index] : []));
      assert.deepEqual(shown, expected === undefined ? [] : [expected], JSON.stringify(context));
    }
  });
});

/** Left out of the copy: large, and the ignore file covers them with the rest. */
const NOT_COPIED = ['node_modules', '.git', 'out', 'dist', 'l10n', '.cache', '.vscode-test', 'test-results'];

describe('the VSIX (vsce ls)', () => {
  test("holds the Node host's five bundles, the browser's two, the manifest and its strings (English and German), the German strings bundle, media, README, CHANGELOG and LICENSE, nothing else", async () => {
    cpSync(root, copy, {
      recursive: true,
      filter: (source) => !NOT_COPIED.includes(relative(root, source).split(sep)[0]),
    });
    // What the bundles are does not matter to vsce; that they are there does. Beside them, what a
    // development build, the tests and a release leave.
    mkdirSync(join(copy, 'dist'));
    for (const name of ['extension.js', 'main.js', 'flows.js', 'places.js', 'github.js', 'extension.js.map', 'main.js.map']) writeFileSync(join(copy, 'dist', name), '//\n');
    mkdirSync(join(copy, 'dist', 'web'));
    for (const name of ['extension.js', 'flows.js', 'extension.js.map', 'flows.js.map']) writeFileSync(join(copy, 'dist', 'web', name), '//\n');
    mkdirSync(join(copy, 'out'));
    writeFileSync(join(copy, 'out', 'extension.js'), '//\n');
    // The strings bundle a build writes (scripts/l10n-export.mjs), and a translation beside it.
    mkdirSync(join(copy, 'l10n'));
    for (const name of ['bundle.l10n.json', 'bundle.l10n.de.json']) writeFileSync(join(copy, 'l10n', name), '{}\n');
    writeFileSync(join(copy, `vercel-tokens-${manifest.version}.vsix`), '');
    const vsce = join(root, 'node_modules', '.bin', 'vsce');
    const { stdout } = await execFileP(vsce, ['ls', '--no-dependencies'], { cwd: copy });
    const listed = stdout.split('\n').filter(Boolean).sort();
    assert.deepEqual(listed, [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/extension.js',
      'dist/flows.js',
      'dist/github.js',
      'dist/main.js',
      'dist/places.js',
      'dist/web/extension.js',
      'dist/web/flows.js',
      'l10n/bundle.l10n.de.json',
      'media/icon.png',
      'media/vercel.svg',
      'media/walkthrough/02-sign-in.png',
      'media/walkthrough/03-create-step1.png',
      'media/walkthrough/06-context-menu.png',
      'media/walkthrough/09-badge.png',
      'package.json',
      'package.nls.de.json',
      'package.nls.json',
    ].sort());
  });
});
