// Where the extension put a token's value: a GitHub Actions secret, a line of a .env file, the new
// terminals of this window. Remembered as metadata only (never the value) so that rotation can carry
// the new value to every place and delete can say what stops working.
import * as l10n from '@vscode/l10n';
import type { AuthToken } from '../api/types';
import { Emitter, type Disposable } from './events';
import type { KeyValueStore } from './ports';

export type GitHubSecretPlace = {
  readonly kind: 'githubSecret';
  /** `github.com` or a GitHub Enterprise host. */
  readonly host: string;
  readonly owner: string;
  readonly repo: string;
  /** An environment's secret; a repository secret without it. */
  readonly environment?: string;
  readonly name: string;
};

export type EnvFilePlace = {
  readonly kind: 'envFile';
  /** The file's URI, as a string. */
  readonly file: string;
  /** The path shown to the user (relative to the workspace folder). */
  readonly label: string;
  readonly variable: string;
};

export type TerminalsPlace = { readonly kind: 'terminals'; readonly variable: string };

export type Place = GitHubSecretPlace | EnvFilePlace | TerminalsPlace;

const PLACES_KEY = 'vercelTokens.places';

export type PlaceWriteOutcome = { kind: 'written' } | { kind: 'failed'; message: string };

/** Puts a value into a place (integrations implement it: GitHub, .env files, terminals). */
export interface PlaceWriter {
  /**
   * `previousValue` is what the place should still hold (the old token's value during rotation):
   * a writer refuses to overwrite a place that holds something else, when it can tell.
   */
  write(place: Place, value: string, token: AuthToken, previousValue: string | undefined): Promise<PlaceWriteOutcome>;
}

export type PlaceFailure = { place: Place; message: string };

/** Two places are the same when writing one overwrites the other. */
export function placeKey(place: Place): string {
  switch (place.kind) {
    case 'githubSecret':
      // GitHub secret names are not case sensitive.
      return ['github', place.host.toLowerCase(), place.owner.toLowerCase(), place.repo.toLowerCase(), place.environment ?? '', place.name.toUpperCase()].join('\u0000');
    case 'envFile':
      return ['env', place.file, place.variable].join('\u0000');
    case 'terminals':
      return 'terminals';
  }
}

/** `acme/web · VERCEL_TOKEN`, `acme/web (production) · VERCEL_TOKEN`, `.env.local · VERCEL_TOKEN`. */
export function describePlace(place: Place): string {
  switch (place.kind) {
    case 'githubSecret': {
      const host = place.host === 'github.com' ? '' : `${place.host}/`;
      const environment = place.environment ? ` (${place.environment})` : '';
      return `${host}${place.owner}/${place.repo}${environment} · ${place.name}`;
    }
    case 'envFile':
      return `${place.label} · ${place.variable}`;
    case 'terminals':
      return l10n.t('new terminals of this window · {0}', place.variable);
  }
}

/** Where each token's value went. Terminal places live in this window only, as the variable does. */
export class Places implements Disposable {
  private readonly changeEmitter = new Emitter<string>();
  /** Fires with the token id whose places changed. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly inWindow = new Map<string, Place[]>();
  /** Writes one after another, so that two updates never read the same state. */
  private queue: Promise<unknown> = Promise.resolve();
  private read: { from: unknown; places: Record<string, Place[]> } | undefined;

  constructor(private readonly store: KeyValueStore) {}

  of(tokenId: string): Place[] {
    return [...(this.persisted()[tokenId] ?? []), ...(this.inWindow.get(tokenId) ?? [])];
  }

  /** The token whose value is in this place, if the extension put one there. */
  holderOf(place: Place): string | undefined {
    const key = placeKey(place);
    const ids = new Set([...Object.keys(this.persisted()), ...this.inWindow.keys()]);
    return [...ids].find((tokenId) => this.of(tokenId).some((candidate) => placeKey(candidate) === key));
  }

  /** The value of `tokenId` is now in `place`: no other token is any longer. */
  add(tokenId: string, place: Place): Promise<void> {
    return this.change((all) => {
      const key = placeKey(place);
      for (const id of Object.keys(all)) all[id] = all[id].filter((candidate) => placeKey(candidate) !== key);
      all[tokenId] = [...(all[tokenId] ?? []), place];
    }, place);
  }

  remove(tokenId: string, place: Place): Promise<void> {
    const key = placeKey(place);
    return this.change((all) => {
      if (all[tokenId]) all[tokenId] = all[tokenId].filter((candidate) => placeKey(candidate) !== key);
    }, place);
  }

  /** The token is gone: nothing of it is anywhere the extension can update. */
  forget(tokenId: string): Promise<void> {
    const had = this.of(tokenId);
    return had.length ? Promise.all(had.map((place) => this.remove(tokenId, place))).then(() => undefined) : Promise.resolve();
  }

  private change(edit: (all: Record<string, Place[]>) => void, place: Place): Promise<void> {
    const persistent = place.kind !== 'terminals';
    const run = async () => {
      const all = persistent ? { ...this.persisted() } : Object.fromEntries(this.inWindow);
      const before = new Map(Object.entries(all).map(([id, places]) => [id, JSON.stringify(places)]));
      edit(all);
      const changed = Object.keys(all).filter((id) => JSON.stringify(all[id]) !== (before.get(id) ?? '[]'));
      for (const id of Object.keys(all)) if (!all[id].length) delete all[id];
      if (persistent) await this.store.update(PLACES_KEY, all);
      else {
        this.inWindow.clear();
        for (const [id, places] of Object.entries(all)) this.inWindow.set(id, places);
      }
      for (const id of changed) this.changeEmitter.fire(id);
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * What globalState holds, read leniently (a damaged entry must not hide the others). Every tree
   * row asks: the reading is kept for as long as globalState hands out the same object.
   */
  private persisted(): Record<string, Place[]> {
    const value = this.store.get<Record<string, unknown>>(PLACES_KEY);
    if (this.read && this.read.from === value) return this.read.places;
    let places: Record<string, Place[]> = {};
    if (value && typeof value === 'object') {
      const entries = Object.entries(value).map(([id, list]) => [id, Array.isArray(list) ? list.filter(isPlace) : []] as const);
      places = Object.fromEntries(entries.filter(([, list]) => list.length));
    }
    this.read = { from: value, places };
    return places;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

function isPlace(value: unknown): value is Place {
  if (typeof value !== 'object' || value === null) return false;
  const place = value as Record<string, unknown>;
  const text = (key: string) => typeof place[key] === 'string' && place[key] !== '';
  switch (place.kind) {
    case 'githubSecret':
      return text('host') && text('owner') && text('repo') && text('name') && (place.environment === undefined || text('environment'));
    case 'envFile':
      return text('file') && text('label') && text('variable');
    default:
      return false;
  }
}
