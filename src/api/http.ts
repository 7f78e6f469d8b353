// What both API clients (Vercel's and GitHub's) need from a response or a failed request: the
// body read with a size cap, a redirect's host, lenient JSON, Node's error code.
import type { ResponseLike } from './client';

/**
 * The body as text, counted as it arrives: refused (the error from `tooLarge`) as soon as it passes
 * `limit` bytes, and at once when Content-Length says it will, so it is never held whole.
 */
export async function readCapped(response: ResponseLike, limit: number, tooLarge: () => Error): Promise<string> {
  const declared = response.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw tooLarge();
  const encoder = new TextEncoder();
  const body = response.body;
  if (!body) {
    const text = await response.text();
    if (encoder.encode(text).byteLength > limit) throw tooLarge();
    return text;
  }
  const decoder = new TextDecoder();
  let text = '';
  let received = 0;
  const take = (chunk: Uint8Array | string): void => {
    // A Node stream yields strings only once given an encoding; counted in bytes all the same.
    if (typeof chunk === 'string') chunk = encoder.encode(chunk);
    received += chunk.byteLength;
    if (received > limit) throw tooLarge();
    text += decoder.decode(chunk, { stream: true });
  };
  if ('getReader' in body) {
    const reader = body.getReader();
    try {
      for (let next = await reader.read(); !next.done; next = await reader.read()) if (next.value) take(next.value);
    } catch (error) {
      reader.cancel().catch(() => undefined);
      throw error;
    } finally {
      reader.releaseLock();
    }
  } else {
    // Leaving the loop by a throw closes the iterator, which destroys a Node stream.
    for await (const chunk of body) take(chunk);
  }
  return text + decoder.decode();
}

/** Host and port only: the path or query of a redirect may carry anything, even a token. */
export function redirectTarget(location: string | null, requestUrl: string): string | undefined {
  if (location === null) return undefined;
  try {
    const target = new URL(location, requestUrl);
    return (target.protocol === 'https:' || target.protocol === 'http:') && target.host ? target.host : undefined;
  } catch {
    return undefined;
  }
}

export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
