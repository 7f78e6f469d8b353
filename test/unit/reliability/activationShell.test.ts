// The activation shell (src/extension.ts) registers every command the manifest contributes,
// forwards each to main, and main has a handler for each: a command missing from either list
// would do nothing when run.
import '../support/installVscode';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withExtension, fake } from '../support/harness';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[] };
  activationEvents: string[];
};

describe('activation shell', () => {
  test('registers exactly the commands package.json contributes, and each reaches a handler', async () => {
    await withExtension({}, async () => {
      const contributed = manifest.contributes.commands.map((entry) => entry.command).sort();
      const registered = [...fake.commands.keys()].filter((id) => id.startsWith('vercelTokens.')).sort();
      assert.deepEqual(registered, contributed);
      // Signed out, Refresh says so instead of throwing: its handler in main was reached.
      await fake.executeCommand('vercelTokens.refresh');
      assert.equal(fake.messages.at(-1)?.message, 'Sign in to Vercel first.');
    });
  });

  test('activates once start-up has finished: a token pasted into an editor is flagged without the view ever being opened', () => {
    // Not '*': the window is up first. The shell registers commands and the view only, so this costs little.
    assert.deepEqual(manifest.activationEvents, ['onStartupFinished']);
  });
});
