// The "Vercel Tokens" log channel. Every line passes through redact(): token values never reach a log.
// Its lines are for bug reports and stay in English, whatever the display language.
import vscode = require('vscode');
import type { RequestLogEntry } from './api/client';

// Anywhere, even glued to other characters (`x_vcp_…`, `tokenvcp_…`). The body stops where another
// prefix starts, so two values written together are both caught.
const TOKEN_SHAPE = /vc[a-z]_(?:(?!vc[a-z]_)[A-Za-z0-9]){8,}/g;
const WHOLE_TOKEN_SHAPE = new RegExp(`^${TOKEN_SHAPE.source}$`);
const BEARER = /(bearer\s+)[^\s"',;]+/gi;
const BEARER_FIELD = /("?bearerToken"?\s*[:=]\s*"?)[^"\s,}]+/gi;
const AUTH_HEADER = /(authorization\s*[:=]\s*"?)[^"\n]+/gi;

export class Logger implements vscode.Disposable {
  private readonly secrets = new Set<string>();

  constructor(private readonly channel: vscode.LogOutputChannel) {}

  /** Values redacted wherever they appear, whatever their shape (e.g. legacy 24-character tokens). */
  addSecret(value: string | undefined): void {
    // Prefixed values (vcp_…) are caught by TOKEN_SHAPE already; keeping them all would grow
    // with every token created in a session.
    if (value && value.length >= 8 && !WHOLE_TOKEN_SHAPE.test(value)) this.secrets.add(value);
  }

  redact(text: string): string {
    let result = text
      .replace(AUTH_HEADER, '$1[redacted]')
      .replace(BEARER, '$1[redacted]')
      .replace(BEARER_FIELD, '$1[redacted]')
      .replace(TOKEN_SHAPE, '[redacted]');
    for (const secret of this.secrets) result = result.split(secret).join('[redacted]');
    return result;
  }

  trace(message: string): void {
    this.channel.trace(this.redact(message));
  }
  debug(message: string): void {
    this.channel.debug(this.redact(message));
  }
  info(message: string): void {
    this.channel.info(this.redact(message));
  }
  warn(message: string): void {
    this.channel.warn(this.redact(message));
  }
  error(message: string, error?: unknown): void {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : error === undefined ? '' : typeof error === 'string' ? error : JSON.stringify(error);
    this.channel.error(this.redact(detail ? `${message}: ${detail}` : message));
  }

  request(entry: RequestLogEntry): void {
    const retry = entry.attempt > 1 ? ` (attempt ${entry.attempt})` : '';
    const outcome = entry.status !== undefined ? String(entry.status) : 'no response';
    const line = `${entry.method} ${entry.path} → ${outcome} in ${entry.durationMs} ms${retry}${entry.error ? `: ${entry.error}` : ''}`;
    if (entry.error) this.warn(line);
    else this.info(line);
  }

  dispose(): void {
    this.secrets.clear();
  }
}
