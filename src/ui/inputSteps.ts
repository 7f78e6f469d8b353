// One step of a multi-step input (as in vscode-extension-samples/quickinput-sample): an InputBox
// with step/totalSteps, a Back button from step 2, and validation shown in the box while typing.
import vscode = require('vscode');

export const BACK = Symbol('back');

export interface TextStep {
  title: string;
  step: number;
  totalSteps: number;
  /** The number of steps once known (e.g. when a step turns out to be skipped), updated in the open box. */
  totalStepsLater?: Promise<number>;
  value: string;
  prompt: string;
  placeholder?: string;
  password?: boolean;
  /** An error keeps the box open; a hint is shown as information and accepts. */
  check: (value: string) => { error?: string; hint?: string };
  /** Called with the box's value when the user presses Back, so it can be offered again. */
  onBack?: (value: string) => void;
  /**
   * A check that needs a server, run on Enter once `check` passes. The box stays open and busy
   * meanwhile; a problem it returns is shown in the emptied box for another try. Closing the box
   * aborts it.
   */
  confirm?: { busyMessage: string; run: (value: string, signal: AbortSignal) => Promise<{ problem?: string }> };
}

/** Resolves with the accepted value, BACK, or undefined when the user cancels. */
export function askText(step: TextStep): Promise<string | typeof BACK | undefined> {
  const box = vscode.window.createInputBox();
  box.title = step.title;
  // A single box shows no "1/1" counter.
  if (step.totalSteps > 1) {
    box.step = step.step;
    box.totalSteps = step.totalSteps;
  }
  // A count that arrives after the box closed changes nothing visible.
  void step.totalStepsLater?.then((total) => (box.totalSteps = total), () => undefined);
  box.value = step.value;
  box.valueSelection = [0, step.value.length];
  box.prompt = step.prompt;
  box.placeholder = step.placeholder;
  box.password = step.password ?? false;
  box.ignoreFocusOut = true;
  box.buttons = step.step > 1 ? [vscode.QuickInputButtons.Back] : [];

  const error = (message: string) => ({ message, severity: vscode.InputBoxValidationSeverity.Error });
  const info = (message: string) => ({ message, severity: vscode.InputBoxValidationSeverity.Info });
  const show = (value: string) => {
    const result = step.check(value);
    box.validationMessage = result.error ? error(result.error) : result.hint ? info(result.hint) : undefined;
    return result;
  };

  return new Promise((resolve) => {
    let settled = false;
    let confirming: AbortController | undefined;
    const finish = (result: string | typeof BACK | undefined) => {
      if (settled) return;
      settled = true;
      confirming?.abort();
      resolve(result);
      for (const disposable of disposables) disposable.dispose();
      box.dispose();
    };
    const confirm = async (value: string, { busyMessage, run }: NonNullable<TextStep['confirm']>) => {
      confirming = new AbortController();
      box.busy = true;
      box.enabled = false;
      box.validationMessage = info(busyMessage);
      const { problem } = await run(value, confirming.signal);
      confirming = undefined;
      if (settled) return;
      if (!problem) return finish(value);
      box.busy = false;
      box.enabled = true;
      box.value = '';
      box.validationMessage = error(problem);
    };
    const disposables = [
      // An emptied box keeps its message: it is how a problem from `confirm` stays in view.
      box.onDidChangeValue((value) => (value || !step.confirm ? show(value) : undefined)),
      box.onDidAccept(() => {
        if (confirming || show(box.value).error) return;
        if (step.confirm) void confirm(box.value, step.confirm);
        else finish(box.value);
      }),
      box.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) {
          step.onBack?.(box.value);
          finish(BACK);
        }
      }),
      box.onDidHide(() => finish(undefined)),
    ];
    // An empty first box shows its prompt, not an error; the error comes on Enter.
    if (box.value) show(box.value);
    box.show();
  });
}

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
  /** Shown but not pickable: accepting it shows this reason instead. */
  refusal?: string;
}

export interface PickStep<T> {
  title: string;
  step: number;
  totalSteps: number;
  placeholder: string;
  /** The items, or a promise of them: the pick is busy until they arrive. */
  items: readonly PickItem<T>[] | Promise<readonly PickItem<T>[]>;
  /** The item active (Enter picks it) when the pick opens. */
  active?: (item: PickItem<T>) => boolean;
  matchOnDescription?: boolean;
}

/** One quick-pick step of a multi-step input: resolves with the picked value, BACK, or undefined when cancelled. */
export function askPick<T>(step: PickStep<T>): Promise<{ value: T } | typeof BACK | undefined> {
  const pick = vscode.window.createQuickPick<PickItem<T>>();
  pick.title = step.title;
  if (step.totalSteps > 1) {
    pick.step = step.step;
    pick.totalSteps = step.totalSteps;
  }
  pick.placeholder = step.placeholder;
  pick.ignoreFocusOut = true;
  pick.matchOnDescription = step.matchOnDescription ?? true;
  pick.buttons = step.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  const fill = (items: readonly PickItem<T>[]) => {
    pick.items = items;
    const active = step.active ? items.find(step.active) : undefined;
    if (active) pick.activeItems = [active];
  };
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: { value: T } | typeof BACK | undefined) => {
      if (settled) return;
      settled = true;
      resolve(result);
      for (const disposable of disposables) disposable.dispose();
      pick.dispose();
    };
    const disposables = [
      pick.onDidAccept(() => {
        const [chosen] = pick.selectedItems.length ? pick.selectedItems : pick.activeItems;
        if (!chosen) return;
        if (chosen.refusal) {
          pick.placeholder = chosen.refusal;
          return;
        }
        finish({ value: chosen.value });
      }),
      pick.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) finish(BACK);
      }),
      pick.onDidHide(() => finish(undefined)),
    ];
    if (Array.isArray(step.items)) fill(step.items as readonly PickItem<T>[]);
    else {
      pick.busy = true;
      // The pick shows its placeholder (and closes normally) even if the items never come.
      void (step.items as Promise<readonly PickItem<T>[]>).then(
        (items) => {
          pick.busy = false;
          fill(items);
        },
        () => (pick.busy = false),
      );
    }
    pick.show();
  });
}
