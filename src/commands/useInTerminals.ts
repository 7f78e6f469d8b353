// "Use Token in New Terminals" / "Stop Using in Terminals": VERCEL_TOKEN in the environment of this
// window's new integrated terminals (never written to disk: see integrations/terminals.ts).
import vscode = require('vscode');
import { l10n } from 'vscode';
import { inert } from '../domain/inertText';
import { TERMINAL_VARIABLE } from '../integrations/terminals';
import { resolveToken, storedValueFor, type Services, type TokenTarget } from './services';

export async function useInTerminals(services: Services, target: TokenTarget = {}): Promise<boolean> {
  const resolved = await resolveToken(services, target, l10n.t('Use which token in new terminals?'), (list, token) => list.isValueStored(token.id));
  if (!resolved) return false;
  const { list, token } = resolved;
  const value = await storedValueFor(services, token);
  if (!value) return false;
  services.terminals.use(list.userId, token.id, token.name, value);
  // One token at a time: adding the place takes it from the token that had it.
  await services.places.add(token.id, { kind: 'terminals', variable: TERMINAL_VARIABLE });
  const done = l10n.t(
    'New terminals of this window get {0} set to "{1}". Terminals already open keep their environment until relaunched.',
    TERMINAL_VARIABLE,
    inert(token.name),
  );
  // VS Code itself logs each terminal's environment at Debug and Trace (remoteagent.log, ptyhost.log).
  const level = vscode.env.logLevel;
  if (level === vscode.LogLevel.Trace || level === vscode.LogLevel.Debug) {
    const risk =
      level === vscode.LogLevel.Trace
        ? l10n.t(
            "VS Code's log level is Trace: at that level VS Code's own logs record each new terminal's environment, this value included. Set it to Info (Developer: Set Log Level…) to keep the value out of them.",
          )
        : l10n.t(
            "VS Code's log level is Debug: at that level VS Code's own logs record each new terminal's environment, this value included. Set it to Info (Developer: Set Log Level…) to keep the value out of them.",
          );
    void vscode.window.showWarningMessage(`${done} ${risk}`);
  } else {
    void vscode.window.showInformationMessage(done);
  }
  return true;
}

export async function stopUsingInTerminals(services: Services): Promise<boolean> {
  const tokenId = services.terminals.tokenId;
  if (!tokenId) {
    void vscode.window.showInformationMessage(l10n.t('New terminals do not get a Vercel token from this extension.'));
    return false;
  }
  await stopTerminals(services);
  vscode.window.setStatusBarMessage(l10n.t('$(terminal) New terminals no longer get {0}', TERMINAL_VARIABLE), 5000);
  return true;
}

/** Clears the variable and its place (also on sign-out and when the token is gone). */
export async function stopTerminals(services: Services): Promise<void> {
  const tokenId = services.terminals.tokenId;
  services.terminals.stop();
  if (tokenId) await services.places.remove(tokenId, { kind: 'terminals', variable: TERMINAL_VARIABLE });
}

