// Settings. The API URL decides where the account token is sent, so it is read from user
// settings only (application scope) and checked before every use.
import vscode = require('vscode');
import * as l10n from '@vscode/l10n';
import { validateApiUrl } from './domain/validation';

export const SECTION = 'vercelTokens';
export const DEFAULT_API_URL = 'https://api.vercel.com';

export type ApiUrlResult = { ok: true; url: string } | { ok: false; message: string };

export function apiUrl(): ApiUrlResult {
  const inspected = vscode.workspace.getConfiguration(SECTION).inspect<string>('apiUrl');
  // Workspace and folder values are ignored on purpose: a cloned repository must not redirect the token.
  const raw = inspected?.globalValue ?? inspected?.defaultValue ?? DEFAULT_API_URL;
  const result = validateApiUrl(typeof raw === 'string' ? raw : String(raw));
  return result.ok
    ? { ok: true, url: result.url }
    : { ok: false, message: l10n.t('The setting {0} is refused: {1}', 'vercelTokens.apiUrl', result.message) };
}

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

/** Where GitHub requests for github.com repositories go; user settings only, like apiUrl. */
export function githubApiUrl(): ApiUrlResult {
  const inspected = vscode.workspace.getConfiguration(SECTION).inspect<string>('githubApiUrl');
  const raw = inspected?.globalValue ?? inspected?.defaultValue ?? DEFAULT_GITHUB_API_URL;
  const result = validateApiUrl(typeof raw === 'string' ? raw : String(raw), DEFAULT_GITHUB_API_URL);
  return result.ok
    ? { ok: true, url: result.url }
    : { ok: false, message: l10n.t('The setting {0} is refused: {1}', 'vercelTokens.githubApiUrl', result.message) };
}

/**
 * GitHub Enterprise Server's address, from the built-in github-enterprise provider's setting: user
 * settings only, since it decides where the GitHub sign-in and the sealed value go.
 */
export function githubEnterpriseUri(): string | undefined {
  const value = vscode.workspace.getConfiguration('github-enterprise').inspect<string>('uri')?.globalValue;
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

export function defaultExpiry(): string {
  const value = vscode.workspace.getConfiguration(SECTION).get<string>('defaultExpiry');
  return typeof value === 'string' && value.trim() ? value.trim() : '30d';
}

export function requestTimeoutMs(): number {
  const inspected = vscode.workspace.getConfiguration(SECTION).inspect<number>('requestTimeoutSeconds');
  const seconds = inspected?.globalValue ?? inspected?.defaultValue ?? 30;
  return Number.isFinite(seconds) && seconds >= 1 && seconds <= 600 ? seconds * 1000 : 30_000;
}

export function affectsApi(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${SECTION}.apiUrl`) || event.affectsConfiguration(`${SECTION}.requestTimeoutSeconds`);
}

/** Seconds after which a copied token value is cleared from the clipboard; 0 = never. */
export function clipboardClearSeconds(): number {
  const inspected = vscode.workspace.getConfiguration(SECTION).inspect<number>('clipboardClearSeconds');
  // A workspace must not be able to keep values on the clipboard: user settings only.
  const seconds = inspected?.globalValue ?? inspected?.defaultValue ?? 60;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? Math.min(Math.floor(seconds), 3600) : 60;
}

/** Days before expiry from which a token needs attention; 0 turns alerts off. */
export function expiryWarningDays(): number {
  const days = vscode.workspace.getConfiguration(SECTION).get<number>('expiryWarningDays');
  return typeof days === 'number' && Number.isFinite(days) && days >= 0 ? Math.min(days, 365) : 7;
}

export function affectsAlerts(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${SECTION}.expiryWarningDays`);
}
