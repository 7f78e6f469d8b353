// The fake must behave like the real API where the extension relies on it. These are the contract
// checks of test/shared/vscodeContract.ts run against the fake; test/integration/suite/vscodeContract.test.ts
// runs the same checks against the real VS Code, so the fake cannot drift unnoticed.
//
// Titles say where a check does not count: "[real VS Code only]" checks are skipped here, and
// "[known drift]" checks are ones real VS Code passes and the fake fails: here they must fail (with
// a contract assertion). When the fake is fixed, that test fails: remove the check's `fakeDiffers`.
import '../support/installVscode';
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as fakeModule from '../support/vscode';
import * as fakes from '../support/fakes';
import { contractChecks, isContractFailure, type ContractHost } from '../../shared/vscodeContract';

const { fake } = fakeModule;

function fakeHost(): ContractHost {
  return {
    where: 'fake',
    vscode,
    secrets: new fakes.FakeSecretStorage(),
    memento: new fakes.FakeMemento(),
    key: (name) => `vercelTokensContract.${name}`,
    async setConfiguration(key, value, scope) {
      fake.setConfiguration(key, value, scope);
    },
    async dismissNotifications() {},
    async dismissQuickInput() {},
    fake: fakeModule,
    fakes,
  };
}

describe('vscode fake: the contract with real VS Code (test/shared/vscodeContract.ts)', () => {
  beforeEach(() => fake.reset());
  afterEach(() => fake.reset());

  for (const check of contractChecks) {
    if (check.only && check.only.where !== 'fake') {
      test(`[real VS Code only] ${check.name}`, { skip: `runs only in the extension host: ${check.only.why}` }, () => undefined);
    } else if (check.fakeDiffers) {
      const fakeDiffers = check.fakeDiffers;
      test(`[known drift: VS Code passes, the fake must fail] ${check.name}`, async (t) => {
        let failure: unknown;
        try {
          await check.run(fakeHost());
        } catch (error) {
          failure = error;
        }
        assert.ok(failure !== undefined, `the fake now passes "${check.name}": remove the check's fakeDiffers (${fakeDiffers})`);
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the check threw, unchanged
        if (!isContractFailure(failure)) throw failure;
        t.diagnostic(`the fake differs: ${fakeDiffers}. It fails with: ${failure.message}`);
      });
    } else {
      test(check.name, () => check.run(fakeHost()));
    }
  }
});
