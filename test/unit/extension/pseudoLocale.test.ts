// The extension in a display language other than English: every message comes from the bundle
// (here a pseudo-translation, "⟦message⟧"), parameters are put in after translating, and a button
// compares equal to the user's choice because both are the same translated label.
import '../support/installVscode';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fake, withExtension } from '../support/harness';
import { attentionBadge, attentionMessage, why } from '../../../src/commands/attention';
import type { AuthToken } from '../../../src/api/types';
import type { AttentionEntry } from '../../../src/core/alerts';
import { parseExpiry } from '../../../src/domain/expiry';
import { formatDateTime, setDisplayLanguage } from '../../../src/domain/format';
import { env } from '../support/vscode';
import { notOnTheWeb, type WebFeature } from '../../../src/web/unavailable';

// Before main.js loads (on the first activation below): its button labels are translated once.
fake.l10nBundle = new Proxy({}, { get: (_target, key) => (typeof key === 'string' ? `⟦${key}⟧` : undefined) });

describe('in another display language', () => {
  test('a translated button still does what it says (Forget Stored Values), and the message is whole translated sentences', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const mine = await h.create('Mine');
      fake.answerMessage(/^⟦Signed out of Vercel/, '⟦Forget Stored Values⟧');
      await h.runPublic('vercelTokens.signOut');
      await h.settle();
      const message = fake.messages.find((m) => m.message.startsWith('⟦Signed out of Vercel'));
      assert.equal(
        message?.message,
        '⟦Signed out of Vercel. The account token still works on Vercel; delete it there if you no longer need it.⟧ ' +
          '⟦The value of 1 token of this account is still stored in VS Code.⟧',
      );
      assert.deepEqual(message?.items, ['⟦Forget Stored Values⟧']);
      assert.equal(h.secrets.data.has(`value:${mine.id}`), false, "forgotten at the user's request");
    });
  });

  test("a modal's translated confirmation (Delete) deletes; the token's name goes in after translating", async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const doomed = await h.create('Doomed');
      fake.answerMessage('⟦Delete the Vercel token "Doomed"?⟧', '⟦Delete⟧');
      assert.equal(await h.run('vercelTokens.deleteToken', doomed.id), true);
      assert.equal(h.server.tokens().some((token) => token.id === doomed.id), false, 'deleted on Vercel');
      assert.ok(fake.statusBarMessages.some((m) => m.text === '⟦$(trash) Deleted token "Doomed"⟧'));
    });
  });

  test('a dismissed or other answer is not taken for the button', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const kept = await h.create('Kept');
      fake.answerMessage('⟦Delete the Vercel token "Kept"?⟧', undefined);
      assert.equal(await h.run('vercelTokens.deleteToken', kept.id), false);
      assert.ok(h.server.tokens().some((token) => token.id === kept.id), 'still on Vercel');
    });
  });

  test('a count chooses the singular or the plural message, each whole', () => {
    assert.equal(attentionBadge(1)?.tooltip, '⟦1 Vercel token needs attention: expiring soon, leaked or revoked⟧');
    assert.equal(attentionBadge(2)?.tooltip, '⟦2 Vercel tokens need attention: expiring soon, leaked or revoked⟧');
    assert.equal(attentionBadge(0), undefined);
  });

  test("the core's and the domain's messages (@vscode/l10n) come from the same bundle once activated, and dates are in VS Code's display language", async () => {
    env.language = 'de';
    try {
      await withExtension({}, async (h) => {
        await h.signIn();
        const refused = parseExpiry('', new Date());
        assert.equal(refused.ok, false);
        assert.ok(
          !refused.ok && refused.message.startsWith('⟦Enter when the token should expire. Use ⟦12h, 7d, 2w, 6mo, 1y'),
          `a domain message translated, its parameter too: ${!refused.ok && refused.message}`,
        );
        assert.match(formatDateTime(new Date(2026, 11, 4, 23, 27).getTime()), /^Fr\., 4\. Dez\. 2026, 23:27$/);
      });
    } finally {
      env.language = 'en';
      setDisplayLanguage('en');
    }
  });
  test('the attention notification and the Rotate… picker say why in whole translated sentences, never an English word', async () => {
    await withExtension({}, async () => {
      const now = Date.now();
      const entry = (name: string, reason: AttentionEntry['reason'], dates: Partial<AuthToken>): AttentionEntry => ({
        userId: 'u',
        reason,
        token: { id: `tok_${name}`, name, expiresAt: now + 2 * 86_400_000 + 120_000, ...dates } as AuthToken,
      });
      const leaked = entry('L', 'leaked', { leakedAt: now });
      const revoked = entry('R', 'revoked', { revokedAt: now });
      const soon = entry('S', 'expiresSoon', {});
      // One translated message, the name (and Intl's relative time) put in: nothing glued inside.
      const whole = (text: string) => assert.match(text, /^⟦[^⟦⟧]*⟧$/, text);
      whole(attentionMessage([leaked]));
      whole(attentionMessage([revoked]));
      whole(attentionMessage([soon]));
      assert.equal(attentionMessage([leaked]), '⟦The Vercel token "L" leaked.⟧');
      assert.ok(attentionMessage([soon]).startsWith('⟦The Vercel token "S" expires in 2 days./'));
      assert.equal(attentionMessage([leaked, revoked]), '⟦Vercel tokens need attention: ⟦"L" leaked⟧; ⟦"R" was revoked⟧.⟧');
      for (const candidate of [leaked, revoked, soon]) whole(why(candidate));
      // Counted (more than three): in Russian 21 takes the singular form, so the singular messages.
      setDisplayLanguage('ru');
      try {
        const many = attentionMessage(Array.from({ length: 21 }, (_, i) => entry(`L${i}`, 'leaked', { leakedAt: now })));
        assert.ok(many.startsWith('⟦21 Vercel token needs attention: ⟦21 leaked/The count takes the singular form'), many);
      } finally {
        setDisplayLanguage('en');
      }
      const english = attentionMessage(Array.from({ length: 21 }, (_, i) => entry(`L${i}`, 'leaked', { leakedAt: now })));
      assert.ok(english.startsWith('⟦21 Vercel tokens need attention: ⟦21 leaked/The count takes the plural form'), english);
    });
  });
  test('the clipboard countdown and the web build\'s "not available" are each one translated message', async () => {
    await withExtension({}, async (h) => {
      await h.signIn();
      const mine = await h.create('Mine');
      await h.run('vercelTokens.copyToken', mine.id);
      const countdown = fake.statusBarItems.find((item) => item.id === 'vercelTokens.clipboard');
      assert.equal(countdown?.text, '⟦$(clippy) Copied the value of "Mine": clipboard clears in 60 s⟧');
    });
    for (const feature of ['githubSecret', 'envFile', 'terminals', 'leakChecks'] as WebFeature[]) {
      assert.match(notOnTheWeb(feature), /^⟦[^⟦⟧]+ is not available in VS Code for the web: [^⟦⟧]+⟧$/, feature);
    }
  });
});
