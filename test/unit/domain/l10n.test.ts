// The domain's messages go through @vscode/l10n: given a bundle (what main.ts hands it from
// vscode.l10n.bundle), they come out translated, parameters in place, with dates in the display
// language; without one they are the English keys.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import { parseExpiry } from '../../../src/domain/expiry';
import { setDisplayLanguage } from '../../../src/domain/format';
import { describeStatus } from '../../../src/domain/tokenStatus';
import { validateTokenName } from '../../../src/domain/validation';
import { local, withTimeZone } from './timeZone';

const GERMAN = {
  'Enter a name for the token.': 'Gib einen Namen für das Token ein.',
  '{0} has {1} days; {2} is not a real date.': '{0} hat {1} Tage; {2} ist kein echtes Datum.',
  'expires {0}/{0} is a relative time in the same language, such as "in 3 days"': 'läuft {0} ab',
};

afterEach(() => {
  l10n.config({ contents: {} });
  setDisplayLanguage('en');
});

test('without a bundle, the messages are their English keys', () => {
  assert.equal(validateTokenName(''), 'Enter a name for the token.');
  const result = parseExpiry('2027-02-30', new Date(2026, 0, 1));
  assert.deepEqual(result, { ok: false, message: 'February 2027 has 28 days; 2027-02-30 is not a real date.' });
});

test('with a German bundle and display language, they are German', () => {
  l10n.config({ contents: GERMAN });
  setDisplayLanguage('de');
  assert.equal(validateTokenName(''), 'Gib einen Namen für das Token ein.');
  assert.deepEqual(parseExpiry('2027-02-30', new Date(2026, 0, 1)), { ok: false, message: 'Februar 2027 hat 28 Tage; 2027-02-30 ist kein echtes Datum.' });
  const now = withTimeZone('UTC', () => local([2026, 6, 15, 12, 0]));
  assert.equal(withTimeZone('UTC', () => describeStatus({ expiresAt: now + 3 * 86_400_000 }, now)), 'läuft in 3 Tagen ab');
});

test('a message the bundle lacks stays English', () => {
  l10n.config({ contents: GERMAN });
  assert.equal(validateTokenName(' x'), 'The name starts with a space. Remove the leading whitespace (trim the name).');
});
