// "Vercel: Create Auth Token": name and expiry in two input steps, then the core creates the token
// and stores its value. This file only asks and shows: every outcome the core can return is
// shown here, and a value that could not be stored reaches the user before it is dropped.
import vscode = require('vscode');
import { l10n } from 'vscode';
import type { AuthToken } from '../api/types';
import type { CreateOutcome, UnknownCreate } from '../core/tokens';
import { defaultExpiry } from '../config';
import { expiryFormats, parseExpiry } from '../domain/expiry';
import { formatDateTime } from '../domain/format';
import { inert, inertLabel } from '../domain/inertText';
import { validateTokenName } from '../domain/validation';
import { describeError } from '../errorMessages';
import { askText, BACK } from '../ui/inputSteps';
import { askScope, type CreateScope } from '../ui/scopeStep';
import { VercelApiError } from '../api/errors';
import { abortSignalOf, reportError, resolveAccount, type Services } from './services';
import { signIn } from './signIn';

/** Create input that skips the boxes: from the test API only. */
export interface CreateTokenArgs {
  name: string;
  expiry?: string;
  /** Default: the account's selected team (or the whole account). */
  scope?: CreateScope;
}

interface CreateInput {
  name: string;
  expiresAt: number | undefined;
  scope: CreateScope;
}

export interface CreateTokenRequest {
  /** The account node it was run on. */
  userId?: string;
  /** From the test API only. */
  input?: CreateTokenArgs;
}

export interface CreateTokenResult {
  tokenId: string;
  stored: boolean;
}

// Button labels: one translated value each, so that the answer compares equal in every language.
const COPY_VALUE = l10n.t('Copy Value');
const DELETE_ON_VERCEL = l10n.t('Delete Token on Vercel');
const KEEP = l10n.t('Keep');
const DISCARD = l10n.t('Discard Value');
const RETRY = l10n.t('Retry');

export async function createToken(services: Services, request: CreateTokenRequest = {}): Promise<CreateTokenResult | undefined> {
  await services.accounts.restore();
  // The first command a newcomer looks for: signed out, it signs in first and goes on.
  if (!services.accounts.signedIn && !(await signIn(services))) return undefined;
  const userId = await resolveAccount(services, request.userId, l10n.t('Create the token in which Vercel account?'));
  if (!userId) return undefined;
  const input = request.input ? checkArgs(services, userId, request.input) : await askInput(services, userId);
  if (!input) return undefined;
  return send(services, userId, input);
}

/** The account's selected team as a scope (or the whole account). */
function selectedScope(services: Services, userId: string): CreateScope {
  const team = services.accounts.team(userId);
  return team ? { team } : {};
}

/** Arguments get the same checks as typed input; bad ones are refused before anything is sent. */
function checkArgs(services: Services, userId: string, args: CreateTokenArgs): CreateInput | undefined {
  const name = typeof args?.name === 'string' ? args.name : '';
  const nameError = validateTokenName(name);
  if (nameError) {
    void vscode.window.showErrorMessage(l10n.t('Token not created: {0}', nameError));
    return undefined;
  }
  const expiry = parseExpiry(typeof args.expiry === 'string' ? args.expiry : defaultExpiry(), new Date());
  if (!expiry.ok) {
    void vscode.window.showErrorMessage(l10n.t('Token not created: {0}', expiry.message));
    return undefined;
  }
  return { name, expiresAt: expiry.expiresAt, scope: args.scope ?? selectedScope(services, userId) };
}

/**
 * Name → scope → expiry, in the dashboard's order, with Back throughout. The scope step is
 * skipped when the account has no team (its teams are asked for while the name is typed).
 */
async function askInput(services: Services, userId: string): Promise<CreateInput | undefined> {
  const title = l10n.t('Create Vercel Auth Token');
  let client;
  try {
    client = services.accounts.client(userId);
  } catch (error) {
    await reportError(services, userId, l10n.t('Token not created'), error);
    return undefined;
  }
  const teams = client.listTeams();
  // Without any team there is nothing to choose: two steps. The teams read with the token list
  // give the count at once; the fresh answer corrects it. A failed read still offers the step.
  const listed = services.lists.get(userId);
  const knownTotal = listed?.lastLoadedAt !== undefined ? (listed.teamNames.size ? 3 : 2) : 3;
  const totalSteps = teams.then((list) => (list.length ? 3 : 2), () => 3);
  let name = '';
  let expiry = defaultExpiry();
  let scope: CreateScope = selectedScope(services, userId);
  for (let step = 1; ; ) {
    if (step === 1) {
      const answer = await askText({
        title,
        step: 1,
        totalSteps: knownTotal,
        totalStepsLater: totalSteps,
        value: name,
        prompt: l10n.t('Name of the new token, e.g. where it will be used ("GitHub Actions deploy").'),
        placeholder: l10n.t('Token name'),
        check: (value) => {
          const error = validateTokenName(value);
          return error ? { error } : {};
        },
      });
      if (answer === undefined || answer === BACK) return undefined;
      name = answer;
      step = 2;
    } else if (step === 2) {
      if ((await totalSteps) === 2) {
        step = 3;
        continue;
      }
      const answer = await askScope(client, teams, services.accounts.team(userId), { title, step: 2, totalSteps: 3 });
      if (answer === undefined) return undefined;
      if (answer === BACK) {
        step = 1;
        continue;
      }
      scope = answer;
      step = 3;
    } else {
      const total = await totalSteps;
      const answer = await askText({
        title,
        step: total,
        totalSteps: total,
        value: expiry,
        prompt: l10n.t('Expiry: {0}.', expiryFormats()),
        // Names the box for screen readers, which otherwise hear only the title.
        placeholder: l10n.t('Expiry of the new token'),
        // The preview replaces the prompt, so it repeats the formats.
        check: (value) => {
          const result = parseExpiry(value, new Date());
          return result.ok ? { hint: `${result.summary} · ${expiryFormats()}` } : { error: result.message };
        },
        onBack: (value) => (expiry = value),
      });
      if (answer === undefined) return undefined;
      if (answer === BACK) {
        step = total === 3 ? 2 : 1;
        continue;
      }
      expiry = answer;
      // Parsed again at send time: "12h" means twelve hours from now, not from when the box opened.
      const result = parseExpiry(expiry, new Date());
      if (result.ok) return { name, expiresAt: result.expiresAt, scope };
    }
  }
}

async function send(services: Services, userId: string, input: CreateInput): Promise<CreateTokenResult | undefined> {
  const { name, expiresAt, scope } = input;
  const several = services.accounts.all.length > 1;
  const username = services.accounts.get(userId)?.username ?? '';
  const token = inertLabel(name);
  const title = scope.team
    ? scope.projectId
      ? l10n.t('Creating Vercel token "{0}" for project {1} of team {2}…', token, inertLabel(scope.projectName ?? scope.projectId), inertLabel(scope.team.slug))
      : l10n.t('Creating Vercel token "{0}" for team {1}…', token, inertLabel(scope.team.slug))
    : several
      ? l10n.t('Creating Vercel token "{0}" in {1}…', token, inertLabel(username))
      : l10n.t('Creating Vercel token "{0}"…', token);
  if (scope.projectId && scope.projectName) services.lists.get(userId)?.rememberProjectName(scope.projectId, scope.projectName);
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    (_progress, cancellation) =>
      services.tokens.create(userId, { name, expiresAt, team: scope.team ?? null, projectId: scope.projectId }, abortSignalOf(cancellation)),
  );
  return showOutcome(services, userId, outcome, input);
}

async function showOutcome(services: Services, userId: string, outcome: CreateOutcome, input: CreateInput): Promise<CreateTokenResult | undefined> {
  switch (outcome.kind) {
    case 'createdAndStored':
      reveal(services, outcome.userId, outcome.token);
      announceCreated(services, outcome.userId, outcome.token);
      return { tokenId: outcome.token.id, stored: true };
    case 'createdNotStored':
      reveal(services, outcome.userId, outcome.token);
      await offerUnstoredValue(services, outcome.userId, outcome.token, outcome.value, outcome.reason);
      return { tokenId: outcome.token.id, stored: false };
    case 'outcomeUnknown':
      return reconcileUnknownOutcome(services, outcome.pending, outcome.cause, input);
    case 'refused':
      if (cannotCreateTokens(outcome.error)) {
        await explainCannotCreate(services, input.name, outcome.error);
        return undefined;
      }
      await reportError(services, userId, l10n.t('Token "{0}" was not created', inert(input.name)), outcome.error);
      return undefined;
  }
}

export function reveal(services: Services, userId: string, token: AuthToken): void {
  // Selecting the new row is a courtesy: a tree that is not visible cannot reveal, and that is fine.
  void services.treeView.reveal(services.provider.nodeFor(userId, token.id), { select: true, focus: false }).then(undefined, () => undefined);
}

/**
 * The notification's promise stays pending in the extension host until the notification closes,
 * maybe hours later, so its callback holds ids and nothing else (never the value). Its text is
 * the same for every token on purpose: VS Code closes an open notification when an identical one
 * is shown, so successive creates leave one confirmation, whose Copy Value is the newest token's,
 * instead of a pile of open promises. The name goes to the status bar, and the tree selects the row.
 */
function announceCreated(services: Services, userId: string, token: AuthToken): void {
  vscode.window.setStatusBarMessage(l10n.t('$(check) Created token "{0}"', inertLabel(token.name)), 5000);
  const tokenId = token.id;
  void vscode.window.showInformationMessage(l10n.t('New token created. Its value is stored in VS Code.'), COPY_VALUE).then(async (choice) => {
    if (choice !== COPY_VALUE) return;
    const list = services.lists.get(userId);
    const { value } = await services.keychain.readTokenValue(tokenId);
    if (value) await services.clipboard.copySecret(value, inertLabel(list?.token(tokenId)?.name ?? token.name));
    else void vscode.window.showErrorMessage(l10n.t('The value of that token is no longer stored in VS Code.'));
  });
}

/** `note` adds what else the user should know (e.g. that the token being rotated still works). */
export async function offerUnstoredValue(
  services: Services,
  userId: string,
  token: AuthToken,
  value: string,
  reason: string,
  note?: string,
): Promise<void> {
  const why = l10n.t(
    "VS Code could not store its value ({0}). Vercel shows a token's value only once: copy it now and keep it somewhere safe, or delete the token on Vercel.",
    reason,
  );
  // Whole sentences one after another: `note` is a sentence of its own.
  let detail = note ? `${why} ${note}` : why;
  for (let dismissals = 0; dismissals < 2; dismissals++) {
    const choice = await vscode.window.showWarningMessage(
      l10n.t('Token "{0}" was created, but its value is not stored.', inert(token.name)),
      { modal: true, detail },
      COPY_VALUE,
      DELETE_ON_VERCEL,
      DISCARD,
    );
    if (choice === COPY_VALUE) return services.clipboard.copySecret(value, inertLabel(token.name), { keep: true });
    // Until the token is gone the value is still worth keeping: a failed delete asks again.
    if (choice === DELETE_ON_VERCEL && (await deleteUnusable(services, userId, [token]))) return;
    if (choice === DISCARD) {
      services.log.warn(`The value of token ${token.id} was discarded at the user's request`);
      return;
    }
    // Dismissed (Escape): ask once more, the value cannot be recovered later.
    detail = `${l10n.t('If you close this dialog again without choosing, the value is gone for good (the token stays on Vercel).')} ${detail}`;
  }
  services.log.warn(`The value of token ${token.id} was dropped after the dialog was closed twice; the token stays on Vercel`);
}

/** Deletes tokens whose value is lost, at the user's explicit request; says what happened to each. True when all are gone. */
async function deleteUnusable(services: Services, userId: string, tokens: readonly AuthToken[]): Promise<boolean> {
  let allGone = true;
  for (const token of tokens) {
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: l10n.t('Deleting token "{0}"…', inertLabel(token.name)) },
      () => services.tokens.delete(userId, token.id),
    );
    allGone &&= outcome.kind === 'deleted';
    if (outcome.kind === 'deleted') vscode.window.setStatusBarMessage(l10n.t('$(trash) Deleted token "{0}"', inertLabel(token.name)), 5000);
    else if (outcome.kind === 'outcomeUnknown') {
      void vscode.window.showErrorMessage(
        l10n.t('Token "{0}" ({1}) may or may not have been deleted: {2} Refresh the Auth Tokens view to see.', inert(token.name), token.id, describeError(outcome.cause)),
      );
    } else await reportError(services, userId, l10n.t('Token "{0}" was not deleted', inert(token.name)), outcome.error);
  }
  return allGone;
}

/**
 * The create may or may not have happened (a 5xx, a timeout, a reset, a cancel after sending).
 * Never retried blindly: the token list tells whether a token of that name appeared since the
 * request, and the user sees what was found before anything is deleted. `input` allows Retry to
 * send the create again; without it (a rotation), `note` says what the user should know instead.
 */
export async function reconcileUnknownOutcome(
  services: Services,
  pending: UnknownCreate,
  cause: unknown,
  input: CreateInput | undefined,
  note?: string,
): Promise<CreateTokenResult | undefined> {
  const name = inert(pending.name);
  // `note` is a sentence of its own, after the message's last.
  const also = (message: string) => (note ? `${message} ${note}` : message);
  let found = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: l10n.t('Checking whether "{0}" was created…', inertLabel(pending.name)) },
    () => services.tokens.reconcileCreate(pending),
  );
  for (;;) {
    if (found.kind === 'unverifiable') {
      void vscode.window.showErrorMessage(
        also(
          l10n.t(
            'Creating "{0}" failed ({1}), and the token list could not be checked ({2}). Refresh the Auth Tokens view before creating it again, so you do not end up with two.',
            name,
            describeError(cause),
            describeError(found.error),
          ),
        ),
      );
      return undefined;
    }
    if (found.kind === 'appeared') {
      const several = found.tokens.length > 1;
      const listing = found.tokens.map((token) => l10n.t('{0}, created {1}', token.id, formatDateTime(token.createdAt))).join('\n');
      const deleteLabel = several ? l10n.t('Delete {0} Tokens on Vercel', found.tokens.length) : DELETE_ON_VERCEL;
      const choice = await vscode.window.showWarningMessage(
        l10n.t('Token "{0}" was created on Vercel, but its value was lost in transit ({1}).', name, describeError(cause)),
        {
          modal: true,
          detail: also(
            several
              ? l10n.t('Found since the request:\n{0}\n\nWithout its value a token is of no use. Delete them on Vercel? Nothing is deleted unless you choose to.', listing)
              : l10n.t('Found since the request:\n{0}\n\nWithout its value a token is of no use. Delete it on Vercel? Nothing is deleted unless you choose to.', listing),
          ),
        },
        deleteLabel,
        KEEP,
      );
      if (choice === deleteLabel) await deleteUnusable(services, pending.userId, found.tokens);
      return undefined;
    }
    const absent = also(l10n.t('Token "{0}" was not created: {1} The token list shows no new token of that name.', name, describeError(cause)));
    if (!input) {
      void vscode.window.showErrorMessage(absent);
      return undefined;
    }
    const choice = await vscode.window.showErrorMessage(absent, RETRY);
    if (choice !== RETRY) return undefined;
    // Vercel may have finished the first request since: look again before sending a second one.
    found = await services.tokens.reconcileCreate(pending);
    if (found.kind === 'absent') return send(services, pending.userId, input);
  }
}

const SIGN_IN_ANOTHER = l10n.t('Sign In with Another Token');

/** The two 403 answers that mean "this account token cannot create tokens" (see the shared facts). */
export function cannotCreateTokens(error: unknown): error is VercelApiError {
  return error instanceof VercelApiError && error.status === 403 && /only user authentication tokens|authenticated to scope/i.test(error.message);
}

export async function explainCannotCreate(services: Services, name: string, error: VercelApiError): Promise<void> {
  services.log.error(`Token "${name}" was not created`, error);
  const choice = await vscode.window.showErrorMessage(
    l10n.t(
      'Token "{0}" was not created: the token this extension signed in with cannot create tokens ({1}). Only a personal token with "Full Account" scope can: create one at vercel.com/account/settings/tokens and sign in with it.',
      inert(name),
      inert(error.message).replace(/\.$/, ''),
    ),
    SIGN_IN_ANOTHER,
  );
  if (choice === SIGN_IN_ANOTHER) await signIn(services);
}
