// "Vercel: Create Auth Token": name and expiry in two input steps, POST /v3/user/tokens, and the
// returned value into SecretStorage. The value is shown once by Vercel, so no path loses it silently.
import vscode = require('vscode');
import type { AuthToken, CreatedToken } from '../api/types';
import { defaultExpiry } from '../config';
import { EXPIRY_FORMATS, parseExpiry } from '../domain/expiry';
import { validateTokenName } from '../domain/validation';
import { describeError } from '../errorMessages';
import { isVercelError } from '../api/errors';
import { askText, BACK } from './inputSteps';
import { abortSignalOf, reportError, requireSignIn, type Services } from './services';

export interface CreateTokenArgs {
  name: string;
  expiry?: string;
}

export interface CreateTokenResult {
  tokenId: string;
  stored: boolean;
}

const COPY_VALUE = 'Copy Value';
const CREATED_NOTICE = 'New token created. Its value is stored in VS Code.';
const DELETE_ON_VERCEL = 'Delete Token on Vercel';
const DISCARD = 'Discard Value';
const RETRY = 'Retry';
/** Clock skew allowed when looking for a token created by a request whose answer was lost. */
const CLOCK_SKEW_MS = 5 * 60_000;

export async function createToken(services: Services, args?: CreateTokenArgs): Promise<CreateTokenResult | undefined> {
  if (!(await requireSignIn(services))) return undefined;
  const input = args ? checkArgs(args) : await askNameAndExpiry();
  if (!input) return undefined;
  return send(services, input.name, input.expiresAt);
}

/** Arguments get the same checks as typed input; bad ones are refused before anything is sent. */
function checkArgs(args: CreateTokenArgs): { name: string; expiresAt: number | undefined } | undefined {
  const name = typeof args?.name === 'string' ? args.name : '';
  const nameError = validateTokenName(name);
  if (nameError) {
    void vscode.window.showErrorMessage(`Token not created: ${nameError}`);
    return undefined;
  }
  const expiry = parseExpiry(typeof args.expiry === 'string' ? args.expiry : defaultExpiry(), new Date());
  if (!expiry.ok) {
    void vscode.window.showErrorMessage(`Token not created: ${expiry.message}`);
    return undefined;
  }
  return { name, expiresAt: expiry.expiresAt };
}

async function askNameAndExpiry(): Promise<{ name: string; expiresAt: number | undefined } | undefined> {
  const title = 'Create Vercel Auth Token';
  let name = '';
  let expiry = defaultExpiry();
  for (let step = 1; ; ) {
    if (step === 1) {
      const answer = await askText({
        title,
        step: 1,
        totalSteps: 2,
        value: name,
        prompt: 'Name of the new token, e.g. where it will be used ("GitHub Actions deploy").',
        placeholder: 'Token name',
        check: (value) => {
          const error = validateTokenName(value);
          return error ? { error } : {};
        },
      });
      if (answer === undefined || answer === BACK) return undefined;
      name = answer;
      step = 2;
    } else {
      const answer = await askText({
        title,
        step: 2,
        totalSteps: 2,
        value: expiry,
        prompt: `Expiry: ${EXPIRY_FORMATS}.`,
        // The preview replaces the prompt, so it repeats the formats.
        check: (value) => {
          const result = parseExpiry(value, new Date());
          return result.ok ? { hint: `${result.summary} · ${EXPIRY_FORMATS}` } : { error: result.message };
        },
        onBack: (value) => (expiry = value),
      });
      if (answer === undefined) return undefined;
      if (answer === BACK) {
        step = 1;
        continue;
      }
      expiry = answer;
      // Parsed again at send time: "12h" means twelve hours from now, not from when the box opened.
      const result = parseExpiry(expiry, new Date());
      if (result.ok) return { name, expiresAt: result.expiresAt };
    }
  }
}

async function send(services: Services, name: string, expiresAt: number | undefined): Promise<CreateTokenResult | undefined> {
  const { session } = services;
  const team = session.team;
  const startedAt = Date.now();
  let created: CreatedToken;
  let userId: string;
  try {
    // Known before sending: once Vercel has answered, nothing may stand between the value and the keychain.
    userId = (await session.ensureProfile()).userId;
    const client = session.client();
    created = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Creating Vercel token "${name}"${team ? ` for team ${team.slug}` : ''}…`,
        cancellable: true,
      },
      (_progress, cancellation) => client.createToken({ name, expiresAt }, team, { signal: abortSignalOf(cancellation) }),
    );
  } catch (error) {
    if (isVercelError(error) && error.outcomeUnknown) return reconcileUnknownOutcome(services, name, expiresAt, startedAt, error);
    await reportError(services, `Token "${name}" was not created`, error);
    return undefined;
  }
  return keepValue(services, created, userId);
}

/** Stores the value; if the keychain fails, the user gets the value and a choice before it is dropped. */
async function keepValue(services: Services, created: CreatedToken, userId: string): Promise<CreateTokenResult> {
  const { token, bearerToken } = created;
  services.log.addSecret(bearerToken);
  const result = await services.store
    .storeTokenValue(userId, token.id, bearerToken)
    .catch((error: unknown) => ({ stored: false as const, reason: describeError(error) }));
  services.model.addCreated(token, result.stored);
  void services.treeView.reveal(services.provider.nodeFor(token.id), { select: true, focus: false }).then(undefined, () => undefined);
  if (result.stored) {
    announceCreated(token.name, token.id);
    return { tokenId: token.id, stored: true };
  }
  await offerUnstoredValue(services, token, bearerToken, result.reason);
  return { tokenId: token.id, stored: false };
}

/**
 * The notification's promise stays pending in the extension host until the notification closes,
 * maybe hours later, so its callback holds the id and nothing else (never the value). Its text is
 * the same for every token on purpose: VS Code closes an open notification when an identical one
 * is shown, so successive creates leave one confirmation, whose Copy Value is the newest token's,
 * instead of a pile of open promises. The name goes to the status bar, and the tree selects the row.
 */
function announceCreated(name: string, tokenId: string): void {
  vscode.window.setStatusBarMessage(`$(check) Created token "${name}"`, 5000);
  void vscode.window
    .showInformationMessage(CREATED_NOTICE, COPY_VALUE)
    .then((choice) => (choice === COPY_VALUE ? vscode.commands.executeCommand('vercelTokens.copyToken', tokenId) : undefined));
}

async function offerUnstoredValue(services: Services, token: AuthToken, value: string, reason: string): Promise<void> {
  let detail =
    `VS Code could not store its value (${reason}). Vercel shows a token's value only once: copy it now and keep it ` +
    'somewhere safe, or delete the token on Vercel.';
  for (let dismissals = 0; dismissals < 2; dismissals++) {
    const choice = await vscode.window.showWarningMessage(
      `Token "${token.name}" was created, but its value is not stored.`,
      { modal: true, detail },
      COPY_VALUE,
      DELETE_ON_VERCEL,
      DISCARD,
    );
    if (choice === COPY_VALUE) return copyToClipboard(token, value);
    if (choice === DELETE_ON_VERCEL) {
      await vscode.commands.executeCommand('vercelTokens.deleteToken', token.id, { confirmed: true });
      return;
    }
    if (choice === DISCARD) {
      services.log.warn(`The value of token ${token.id} was discarded at the user's request`);
      return;
    }
    // Dismissed (Escape): ask once more, the value cannot be recovered later.
    detail = 'If you close this dialog again without choosing, the value is gone for good (the token stays on Vercel). ' + detail;
  }
  services.log.warn(`The value of token ${token.id} was dropped after the dialog was closed twice; the token stays on Vercel`);
}

/**
 * The create may or may not have happened (timeout, reset, cancel after sending). Never retried
 * blindly: the token list tells whether a token of that name appeared since the request.
 */
async function reconcileUnknownOutcome(
  services: Services,
  name: string,
  expiresAt: number | undefined,
  startedAt: number,
  cause: unknown,
): Promise<CreateTokenResult | undefined> {
  services.log.warn(`Create of "${name}" has an unknown outcome (${describeError(cause)}); checking the token list`);
  const known = new Set(services.model.tokens.map((token) => token.id));
  const isFromThisRequest = (token: AuthToken) => token.name === name && !known.has(token.id) && token.createdAt >= startedAt - CLOCK_SKEW_MS;
  for (;;) {
    let appeared: AuthToken | undefined;
    try {
      const tokens = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Checking whether "${name}" was created…` },
        () => services.session.client().listTokens(),
      );
      appeared = tokens.find(isFromThisRequest);
    } catch (error) {
      void vscode.window.showErrorMessage(
        `Creating "${name}" failed (${describeError(cause)}), and the token list could not be checked (${describeError(error)}). ` +
          'Refresh the Auth Tokens view before creating it again, so you do not end up with two.',
      );
      return undefined;
    }
    await services.model.refresh();
    if (appeared) {
      const choice = await vscode.window.showWarningMessage(
        `Token "${name}" was created on Vercel, but its value was lost in transit (${describeError(cause)}).`,
        { modal: true, detail: 'Without its value the token is of no use. Delete it on Vercel and create a new one?' },
        DELETE_ON_VERCEL,
      );
      if (choice === DELETE_ON_VERCEL) await vscode.commands.executeCommand('vercelTokens.deleteToken', appeared.id, { confirmed: true });
      return undefined;
    }
    const choice = await vscode.window.showErrorMessage(`Token "${name}" was not created: ${describeError(cause)}`, RETRY);
    if (choice !== RETRY) return undefined;
    // Vercel may have finished the first request since: look again before sending a second one.
    const stillAbsent = await services.session
      .client()
      .listTokens()
      .then((tokens) => !tokens.some(isFromThisRequest))
      .catch(() => false);
    if (stillAbsent) return send(services, name, expiresAt);
  }
}

async function copyToClipboard(token: AuthToken, value: string): Promise<void> {
  await vscode.env.clipboard.writeText(value);
  void vscode.window.showInformationMessage(`Copied the value of "${token.name}" to the clipboard.`);
}
