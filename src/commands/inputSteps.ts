// One step of a multi-step input (as in vscode-extension-samples/quickinput-sample): an InputBox
// with step/totalSteps, a Back button from step 2, and validation shown in the box while typing.
import vscode = require('vscode');

export const BACK = Symbol('back');

export interface TextStep {
  title: string;
  step: number;
  totalSteps: number;
  value: string;
  prompt: string;
  placeholder?: string;
  password?: boolean;
  /** An error keeps the box open; a hint is shown as information and accepts. */
  check: (value: string) => { error?: string; hint?: string };
  /** Called with the box's value when the user presses Back, so it can be offered again. */
  onBack?: (value: string) => void;
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
  box.value = step.value;
  box.valueSelection = [0, step.value.length];
  box.prompt = step.prompt;
  box.placeholder = step.placeholder;
  box.password = step.password ?? false;
  box.ignoreFocusOut = true;
  box.buttons = step.step > 1 ? [vscode.QuickInputButtons.Back] : [];

  const show = (value: string) => {
    const result = step.check(value);
    box.validationMessage =
      result.error
        ? { message: result.error, severity: vscode.InputBoxValidationSeverity.Error }
        : result.hint
          ? { message: result.hint, severity: vscode.InputBoxValidationSeverity.Info }
          : undefined;
    return result;
  };

  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: string | typeof BACK | undefined) => {
      if (settled) return;
      settled = true;
      resolve(result);
      for (const disposable of disposables) disposable.dispose();
      box.dispose();
    };
    const disposables = [
      box.onDidChangeValue(show),
      box.onDidAccept(() => {
        if (!show(box.value).error) finish(box.value);
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
