// The small interfaces through which the core reaches the world. main.ts gives it VS Code's
// (SecretStorage, globalState, timers, the Vercel client); tests give it fakes and a virtual clock.
import type { RequestOptions } from '../api/client';
import type { AuthToken, CreateTokenRequest, CreatedToken, TeamRef, VercelProject, VercelTeam, VercelUser } from '../api/types';
import type { Disposable } from './events';

/** SecretStorage's shape: every call may reject (a locked or missing OS keyring). */
export interface KeyStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  /** Fires for this window's writes and for other windows' writes to the same storage. */
  readonly onDidChange: (listener: (event: { key: string }) => unknown) => Disposable;
}

/** globalState's shape: metadata only, never a token value. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): Disposable;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const timer = setTimeout(callback, ms);
    return { dispose: () => clearTimeout(timer) };
  },
};

/** What the core asks of Vercel; VercelClient implements it. */
export interface VercelApi {
  getUser(options?: RequestOptions): Promise<VercelUser>;
  getCurrentToken(options?: RequestOptions): Promise<AuthToken>;
  getToken(id: string, options?: RequestOptions): Promise<AuthToken>;
  listTokens(options?: RequestOptions): Promise<AuthToken[]>;
  listTeams(options?: RequestOptions): Promise<VercelTeam[]>;
  listProjects(teamId: string, options?: RequestOptions & { search?: string }): Promise<VercelProject[]>;
  createToken(request: CreateTokenRequest, team?: TeamRef, options?: RequestOptions): Promise<CreatedToken>;
  deleteToken(id: string, options?: RequestOptions): Promise<string>;
}

/** Builds a client for one account token; throws when the API URL setting is refused. */
export type ClientFactory = (token: string) => VercelApi;

export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
  redact(text: string): string;
  addSecret(value: string | undefined): void;
}

/** A wait on the clock that an AbortSignal can cut short (rejecting with `onAbort()`). */
export function sleepOn(clock: Clock, ms: number, signal: AbortSignal | undefined, onAbort: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(onAbort());
    const abort = () => {
      timer.dispose();
      reject(onAbort());
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/** A clock that forwards to another one, which tests may swap for a virtual clock. */
export class SwitchableClock implements Clock {
  constructor(private target: Clock) {}
  use(clock: Clock): void {
    this.target = clock;
  }
  now(): number {
    return this.target.now();
  }
  setTimeout(callback: () => void, ms: number): Disposable {
    return this.target.setTimeout(callback, ms);
  }
}
