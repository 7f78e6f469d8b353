// A flows chunk that does not load (the web build reads it from the extension's files) is told to
// the user and the log once, however the command was run: from the palette, from the attention
// notification's Rotate…, or from the Sign In button of the signed-out warning, both of which run
// their command from code, where VS Code shows nobody its failure. The next command tries again.
import '../support/installVscode';
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fake, withExtension, type Harness } from '../support/harness';

type Loader = typeof import('../../../src/flowsChunk');

// main.ts calls the loader through its module's exports, so replacing the export fakes the load.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the module object itself, to replace its export
const loader = require('../../../src/flowsChunk') as { loadFlows: Loader['loadFlows'] };
const realLoad = loader.loadFlows;
const WORDS = "The extension's files could not be read (the test's chunk): gone. Reload the window; if it happens again, reinstall the extension.";

function failLoads(): void {
  loader.loadFlows = () => Promise.reject(new Error(WORDS));
}

/** The error shown for the failed load, and the log's line for it. */
function told(h: Harness): { shown: number; logged: number } {
  return {
    shown: fake.messagesOf('error').filter((m) => m.message === WORDS).length,
    logged: h.channel.lines.filter((line) => line.level === 'error' && line.message.includes(WORDS)).length,
  };
}

describe('the flows chunk does not load', () => {
  afterEach(() => {
    loader.loadFlows = realLoad;
  });

  test('from the palette: the loader’s words, once, to the user and the log; the next run loads it', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      failLoads();
      assert.equal(await h.runPublic('vercelTokens.deleteExpiredTokens'), undefined, 'resolves: VS Code shows no second error');
      await h.settle();
      assert.deepEqual(told(h), { shown: 1, logged: 1 });
      assert.equal(fake.messagesOf('error').find((m) => m.message === WORDS)?.options?.modal, true, 'as VS Code shows a failed command');
      loader.loadFlows = realLoad;
      await h.runPublic('vercelTokens.deleteExpiredTokens');
      await h.settle();
      assert.ok(
        fake.messages.some((m) => m.message === 'There are no expired or revoked tokens to delete.'),
        'the next run loaded the chunk',
      );
    });
  });

  test("the attention notification's Rotate…", async () => {
    await withExtension({}, async (h) => {
      const leaked = h.server.addToken({ name: 'Leaked' });
      h.server.markLeaked(leaked.id, 'https://github.com/acme/app/blob/main/.env');
      // The user clicks Rotate… once the chunk has gone (the sign-in itself needs it).
      let click = () => {};
      const clicked = new Promise<void>((resolve) => (click = resolve));
      fake.answerMessage(/^The Vercel token "Leaked" leaked\.$/, 'Rotate…', { after: clicked });
      await h.signIn();
      failLoads();
      click();
      await h.settle();
      assert.ok(fake.messagesOf('warning').some((m) => m.answer === 'Rotate…'), 'Rotate… was chosen');
      assert.deepEqual(told(h), { shown: 1, logged: 1 });
    });
  });

  test("the signed-out warning's Sign In", async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      failLoads();
      fake.answerMessage(/^Vercel no longer accepts the token/, 'Sign In');
      h.server.revoke(h.accountTokenId);
      await h.run('vercelTokens.refresh');
      await h.settle();
      assert.ok(fake.messagesOf('warning').some((m) => m.answer === 'Sign In'), 'Sign In was chosen');
      assert.deepEqual(told(h), { shown: 1, logged: 1 });
    });
  });
});
