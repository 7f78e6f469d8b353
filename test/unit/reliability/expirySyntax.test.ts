// The expiry box reads the same syntax in every language (src/domain/expiry.ts's parser knows only
// 12h, 7d, …, YYYY-MM-DD and never), so the messages that name it say so to the translator in their
// comment, and each translation keeps those words as they are.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseExpiry } from '../../../src/domain/expiry';

const root = join(__dirname, '..', '..', '..', '..');
const MARK = / (?:are|is) what the expiry box accepts in every language: keep (?:them|it) exactly as (?:they are|it is)/;

describe("the expiry syntax in translations", () => {
  const bundles = readdirSync(join(root, 'l10n')).filter((name) => /^bundle\.l10n\.[\w-]+\.json$/.test(name));

  test('the messages that name the syntax tell the translator which words stay', () => {
    const keys = Object.keys(JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.de.json'), 'utf8')) as Record<string, string>);
    const marked = keys.filter((key) => MARK.test(key));
    for (const message of ['12h, 7d, 2w, 6mo, 1y, a number of days', 'Use h (hours), d (days)', 'is not a unit I know', 'Choose a shorter time, or never']) {
      assert.ok(marked.some((key) => key.includes(message)), `a comment on "${message}…"`);
    }
  });

  for (const bundle of bundles) {
    test(`${bundle} keeps every word its comment names, and each of them is one the parser accepts`, () => {
      const translations = JSON.parse(readFileSync(join(root, 'l10n', bundle), 'utf8')) as Record<string, string>;
      for (const [key, translation] of Object.entries(translations)) {
        const comment = key.slice(key.lastIndexOf('/') + 1);
        const mark = MARK.exec(comment);
        if (!mark) continue;
        const words = comment.slice(0, mark.index).split(/,\s*|\s+and\s+/).map((word) => word.trim()).filter(Boolean);
        for (const word of words) {
          assert.match(translation, new RegExp(`(?<![\\p{L}\\d])${word}(?![\\p{L}\\d])`, 'u'), `${bundle}: "${word}" kept in ${translation}`);
          // A placeholder of the form is not itself an expiry; every other word is one.
          if (word !== 'YYYY-MM-DD' && !/^[a-z]+$/.test(word)) assert.equal(parseExpiry(word, new Date()).ok, true, word);
        }
      }
    });
  }
});
