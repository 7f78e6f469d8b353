// A copied token value leaves the clipboard by itself, on a virtual clock: no real waiting.
import '../support/installVscode';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock } from '../core/support';
import { fake, withExtension, type Harness } from '../support/harness';
import { env } from '../support/vscode';

async function copied(h: Harness, clock: VirtualClock) {
  h.api.useClock(clock);
  await h.signIn();
  const mine = await h.create('Mine');
  assert.equal(await h.run('vercelTokens.copyToken', (await h.row('Mine')).element), true);
  assert.equal(fake.clipboardText, mine.value);
  return mine;
}

const countdown = () => fake.statusBarItems.find((item) => item.id === 'vercelTokens.clipboard');

describe('Clipboard clearing', () => {
  test('cleared after the default 60 s, with a countdown in the status bar, if it still holds the value', async () => {
    await withExtension({}, async (h) => {
      const clock = new VirtualClock();
      await copied(h, clock);
      assert.equal(countdown()?.text, '$(clippy) Copied the value of "Mine": clipboard clears in 60 s');
      assert.equal(countdown()?.visible, true);
      await clock.advance(30_000);
      assert.equal(countdown()?.text, '$(clippy) Copied the value of "Mine": clipboard clears in 30 s');
      assert.notEqual(fake.clipboardText, '', 'still there before the time is up');
      await clock.advance(30_000);
      await h.settle();
      assert.equal(fake.clipboardText, '');
      assert.equal(countdown()?.visible, false);
      assert.equal(fake.statusBarMessages.at(-1)?.text, '$(check) Cleared the token value from the clipboard');
    });
  });

  test('left alone when the clipboard holds something else by then', async () => {
    await withExtension({}, async (h) => {
      const clock = new VirtualClock();
      await copied(h, clock);
      await env.clipboard.writeText('something the user copied since');
      await clock.advance(60_000);
      await h.settle();
      assert.equal(fake.clipboardText, 'something the user copied since');
      assert.equal(fake.statusBarMessages.at(-1)?.text, '$(info) The clipboard no longer holds the token value: left as it is');
    });
  });

  test('follows vercelTokens.clipboardClearSeconds; 0 never clears', async () => {
    await withExtension({ settings: [['vercelTokens.clipboardClearSeconds', 0]] }, async (h) => {
      const clock = new VirtualClock();
      const mine = await copied(h, clock);
      await clock.advance(3_600_000);
      await h.settle();
      assert.equal(fake.clipboardText, mine.value);
      assert.equal(countdown(), undefined);
      assert.equal(clock.pendingTimers, 0, 'no timer left running');
    });
    await withExtension({ settings: [['vercelTokens.clipboardClearSeconds', 5]] }, async (h) => {
      const clock = new VirtualClock();
      await copied(h, clock);
      await clock.advance(4_000);
      assert.notEqual(fake.clipboardText, '');
      await clock.advance(1_000);
      await h.settle();
      assert.equal(fake.clipboardText, '');
    });
  });

  test('a workspace value of the setting is ignored (user settings only)', async () => {
    await withExtension({ settings: [['vercelTokens.clipboardClearSeconds', 0, 'workspace']] }, async (h) => {
      const clock = new VirtualClock();
      await copied(h, clock);
      await clock.advance(60_000);
      await h.settle();
      assert.equal(fake.clipboardText, '');
    });
  });
});
