// Answering the extension's quick picks and input boxes through the workbench, as a user would:
// the item made active, then the workbench's own "accept" command.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { inputBoxes, sleep, waitFor } from './helpers';

export type Pick = vscode.QuickPick<vscode.QuickPickItem & { refusal?: string }>;

export interface QuickInputs {
  /** Every QuickPick the extension created since the test began. */
  readonly picks: Pick[];
  nthPick(index: number): Promise<Pick>;
  nthBox(index: number): Promise<vscode.InputBox>;
  answerPick(pick: Pick, label: RegExp): Promise<void>;
  answerBox(box: vscode.InputBox, value: string): Promise<void>;
  labels(pick: Pick): string[];
}

/** Installs a spy on createQuickPick for the suite (the helpers spy on input boxes already). */
export function useQuickInputs(): QuickInputs {
  const picks: Pick[] = [];
  const window = vscode.window as unknown as Record<string, unknown>;
  let originalCreateQuickPick: unknown;
  before(() => {
    originalCreateQuickPick = window.createQuickPick;
    const create = originalCreateQuickPick as (...args: unknown[]) => Pick;
    window.createQuickPick = (...args: unknown[]) => {
      const pick = create.apply(vscode.window, args);
      picks.push(pick);
      return pick;
    };
  });
  after(() => {
    window.createQuickPick = originalCreateQuickPick;
  });
  beforeEach(() => {
    picks.length = 0;
  });

  return {
    picks,
    async nthPick(index) {
      await waitFor(() => picks.length > index && !picks[index].busy && picks[index].items.length > 0, `quick pick #${index + 1} with its items`);
      return picks[index];
    },
    async nthBox(index) {
      await waitFor(() => inputBoxes.length > index, `input box #${index + 1}`);
      return inputBoxes[index];
    },
    async answerPick(pick, label) {
      const item = pick.items.find((candidate) => label.test(candidate.label));
      assert.ok(item, `no item ${label} in ${JSON.stringify(pick.items.map((candidate) => candidate.label))}`);
      pick.activeItems = [item];
      await sleep(200);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    },
    async answerBox(box, value) {
      box.value = value;
      await sleep(200);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    },
    labels: (pick) => pick.items.map((item) => item.label),
  };
}
