// A count of accounts is at least two where it is shown, yet the display language's plural rules
// choose its message: in Russian, 21 takes the singular form.
import '../support/installVscode';
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AccountStatus } from '../../../src/views/accountStatus';
import { setDisplayLanguage } from '../../../src/domain/format';
import { fake } from '../support/harness';

const tooltip = (accountCount: number, team?: { slug: string }) => {
  const status = new AccountStatus();
  status.show({ username: 'alice', team, accountCount });
  const item = fake.statusBarItems.filter((candidate) => candidate.id === 'vercelTokens.account').at(-1);
  status.dispose();
  return typeof item?.tooltip === 'string' ? item.tooltip : '';
};

describe('counted accounts', () => {
  afterEach(() => setDisplayLanguage('en'));

  test('the status bar chooses singular or plural by the plural rules, not by the count being above one', () => {
    assert.match(tooltip(21), /\(21 accounts signed in\)/);
    setDisplayLanguage('ru');
    assert.match(tooltip(21), /\(21 account signed in\)/, 'the singular message, which a Russian bundle words as such');
    assert.match(tooltip(21, { slug: 'acme' }), /team acme \(21 account signed in\)/);
    assert.match(tooltip(22), /\(22 accounts signed in\)/);
  });
});
