import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

interface Manifest {
  publisher: string;
  name: string;
  contributes: { commands: { command: string }[] };
}

function readManifest(extensionPath: string): Manifest {
  return JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8')) as Manifest;
}

describe('activation', () => {
  // This file runs from out/test/integration/suite/; the repo root is the extension under development.
  const repoManifest = readManifest(join(__dirname, '..', '..', '..', '..'));
  const extensionId = `${repoManifest.publisher}.${repoManifest.name}`;

  it(`finds the extension ${extensionId}`, () => {
    assert.ok(vscode.extensions.getExtension(extensionId), `${extensionId} is not loaded`);
  });

  it('activates', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not loaded`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers every command its package.json contributes', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not loaded`);
    await extension.activate();
    const contributed = readManifest(extension.extensionPath).contributes.commands.map(({ command }) => command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');

    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((command) => !registered.has(command));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });
});
