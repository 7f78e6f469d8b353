// What the stand-in APIs (test/fake-vercel, test/fake-github) share: reading a request body with a
// cap, request headers as recorded (the credential shortened), random alphanumerics for values.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A stand-in reads at most this much of a request body. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The body as UTF-8 text; rejects past MAX_BODY_BYTES. */
export function readBodyText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new Error('Body too large'));
      else chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** Headers as a test may read them: `authorization` only as `Bearer vcp_…1a2B`. */
export function redactHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    headers[name] = name === 'authorization' ? redactAuthorization(text) : text;
  }
  return headers;
}

function redactAuthorization(value: string): string {
  const [scheme, credential = ''] = value.split(/\s+/, 2);
  return credential.length > 12 ? `${scheme} ${credential.slice(0, 4)}…${credential.slice(-4)}` : `${scheme} …`;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlphanumeric(length: number): string {
  return [...randomBytes(length)].map((byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
}
