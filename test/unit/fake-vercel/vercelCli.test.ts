// Runs the real Vercel CLI against the stand-in API: proof that the stand-in answers the way the
// real API does for a real client, including the 403 messages the CLI recognises.
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startFakeVercel, type FakeVercel } from '../../fake-vercel/server';

const CLI_VERSION = '60.0.1';
// Compiled to out/test/unit/fake-vercel/.
const repoRoot = resolve(__dirname, '../../../..');
const cliPackage = join(repoRoot, '.cache/vercel-cli/node_modules/vercel');

let server: FakeVercel;
let configDir: string;

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function cliEntry(): string {
  const manifest = join(cliPackage, 'package.json');
  const installed = existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : undefined;
  assert.equal(
    installed,
    CLI_VERSION,
    `vercel@${CLI_VERSION} is not installed in .cache/vercel-cli: run scripts/install-vercel-cli.sh`,
  );
  return join(cliPackage, 'dist/index.js');
}

function vercel(args: string[], token = server.accountToken): Promise<CliResult> {
  const argv = [cliEntry(), ...args, '--api', server.url, '--token', token, '-Q', configDir];
  const env: NodeJS.ProcessEnv = { ...process.env, VERCEL_TELEMETRY_DISABLED: '1', NO_COLOR: '1', CI: '1' }; // CI: never open a browser
  delete env.VERCEL_TOKEN;
  return new Promise((resolvePromise) => {
    execFile(process.execPath, argv, { cwd: configDir, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolvePromise({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

before(async () => {
  server = await startFakeVercel();
});
// A fresh CLI config directory per test, so no CLI state carries over.
beforeEach(() => {
  configDir = mkdtempSync(join(tmpdir(), 'vercel-cli-'));
});
afterEach(() => {
  server.reset();
  rmSync(configDir, { recursive: true, force: true });
});
after(() => server.close());

describe('the real Vercel CLI against the stand-in API', () => {
  test(`vercel@${CLI_VERSION} is installed`, () => {
    cliEntry();
  });

  test('tokens add NAME creates the token and prints the value the server stored', async () => {
    const { code, stdout, stderr } = await vercel(['tokens', 'add', 'made by the CLI']);
    assert.equal(code, 0, stderr);
    const created = server.tokens().find((token) => token.name === 'made by the CLI');
    assert.ok(created, 'the server has the token');
    const output = stdout + stderr;
    const printedValue = /^> (vcp_[A-Za-z0-9]+)$/m.exec(output)?.[1];
    assert.equal(printedValue, server.valueOf(created.id));
    assert.match(output, new RegExp(`id: ${created.id}`));
    const post = server.requests.find((request) => request.method === 'POST');
    assert.deepEqual(post?.body, { name: 'made by the CLI' });
    assert.ok(!JSON.stringify(server.requests).includes(printedValue ?? '?'), 'the log never holds a value');
  });

  test('tokens ls lists the names, and pages with --limit and --next', async () => {
    const names = ['ci deploys', 'preview bot', 'laptop'];
    const ids = names.map((name) => server.addToken({ name }).id);
    const all = await vercel(['tokens', 'ls']);
    assert.equal(all.code, 0, all.stderr);
    for (const [index, name] of names.entries()) {
      assert.match(all.stderr, new RegExp(`${ids[index]}\\s+${name}\\s+token`));
    }
    assert.match(all.stderr, /Stand-in account token/);

    const firstPage = await vercel(['tokens', 'ls', '--limit', '2']);
    assert.match(firstPage.stderr, /laptop/);
    assert.doesNotMatch(firstPage.stderr, /ci deploys/);
    const next = /--next (\d+)/.exec(firstPage.stderr)?.[1];
    assert.ok(next, firstPage.stderr);
    const secondPage = await vercel(['tokens', 'ls', '--limit', '2', '--next', next]);
    assert.match(secondPage.stderr, /ci deploys/);
    assert.match(secondPage.stderr, /Stand-in account token/);
    assert.doesNotMatch(secondPage.stderr, /laptop|--next/);
  });

  test('tokens rm ID removes the token', async () => {
    const doomed = server.addToken({ name: 'doomed' });
    const { code, stderr } = await vercel(['tokens', 'rm', doomed.id]);
    assert.equal(code, 0, stderr);
    assert.match(stderr, new RegExp(`Removed token ${doomed.id}`));
    assert.ok(!server.tokens().some((token) => token.id === doomed.id));

    const unknown = await vercel(['tokens', 'rm', doomed.id]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /Error: Token not found/);
  });

  test('the CLI recognises the 403 for an OAuth login session and for a team-scoped token', async () => {
    server.addTeam({ slug: 'acme', name: 'Acme' });
    const session = await vercel(['tokens', 'add', 'x'], server.issueToken({ kind: 'oauth' }).value);
    assert.equal(session.code, 1);
    assert.match(session.stderr, /requires a classic personal access token/);

    const teamScoped = await vercel(['tokens', 'add', 'x'], server.issueToken({ kind: 'team-scoped' }).value);
    assert.equal(teamScoped.code, 1);
    assert.match(teamScoped.stderr, /does not include full user \(account\) scope/);
    assert.match(teamScoped.stderr, /To create a token you must be authenticated to scope "tester"/);
    assert.equal(server.tokens().filter((token) => token.name === 'x').length, 0);
  });

  test('a revoked token is refused', async () => {
    const { value, token } = server.issueToken({ kind: 'full' });
    server.revoke(token.id);
    const { code, stderr } = await vercel(['tokens', 'ls'], value);
    assert.equal(code, 1);
    assert.match(stderr, /Error: Not authorized/);
  });
});
