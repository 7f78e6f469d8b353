// Answers for modal dialogs in the extension host's tests. VS Code refuses every dialog while it
// runs extension tests (its DialogService throws "refused to show dialog in tests"), so a test that
// must go down one of a modal's paths answers it here; the e2e suite presses the real buttons.
import * as vscode from 'vscode';
import { messages, type Severity } from './helpers';

type Show = (...args: unknown[]) => Thenable<unknown>;

interface Rule {
  message: RegExp;
  answer: string | undefined;
}

const rules: Rule[] = [];
let installed: { name: string; original: Show }[] | undefined;

/**
 * From now until `stopAnsweringModals()`, a modal whose message matches is answered with `answer`
 * (the item with that title; undefined = the dialog was closed). It is recorded in `messages` like
 * every other message. Modals that match no rule go to VS Code (which refuses them).
 */
export function answerModal(message: RegExp, answer: string | undefined): void {
  install();
  rules.push({ message, answer });
}

export function stopAnsweringModals(): void {
  rules.length = 0;
}

function install(): void {
  if (installed) return;
  const window = vscode.window as unknown as Record<string, Show>;
  const severities: [string, Severity][] = [
    ['showInformationMessage', 'info'],
    ['showWarningMessage', 'warning'],
    ['showErrorMessage', 'error'],
  ];
  installed = severities.map(([name, severity]) => {
    const original = window[name];
    window[name] = (...args: unknown[]) => {
      const [message, options, ...items] = args;
      const modal = typeof options === 'object' && options !== null && (options as vscode.MessageOptions).modal === true;
      const rule = modal ? rules.find((candidate) => candidate.message.test(String(message))) : undefined;
      if (!rule) return original.apply(vscode.window, args);
      const titles = items.map((item) => (typeof item === 'string' ? item : String((item as { title?: unknown }).title)));
      messages.push({ severity, message: String(message), modal: true, detail: (options as vscode.MessageOptions).detail, items: titles });
      if (rule.answer !== undefined && !titles.includes(rule.answer)) {
        return Promise.reject(new Error(`the modal "${String(message)}" has no item "${rule.answer}" (it has ${titles.join(', ')})`));
      }
      const index = titles.indexOf(rule.answer ?? '');
      return Promise.resolve(index >= 0 ? items[index] : undefined);
    };
    return { name, original };
  });
}
