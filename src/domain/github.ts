// GitHub repositories and Actions secret names: what a git remote or a typed `owner/repo` names,
// which names GitHub accepts for a secret, and where a host's REST API lives. No `vscode` import.
import * as l10n from '@vscode/l10n';
import { findTokenCandidates } from './leakScan';

export interface GitHubRepository {
  /** Lower case; `github.com`, or the GitHub Enterprise host (with its port, if it has one). */
  host: string;
  owner: string;
  repo: string;
}

export interface RepositorySlug {
  owner: string;
  repo: string;
}

export const GITHUB_HOST = 'github.com';
export const MAX_SECRET_NAME_LENGTH = 255;

// GitHub's own limits: an account name is letters, digits and single hyphens, at most 39 long; a
// repository name letters, digits, `.`, `_` and `-`, at most 100 long.
const OWNER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;
const REPO_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * The host of GitHub Enterprise's address as set in `github-enterprise.uri` (lower case, with a
 * port only when the address names one), or undefined when it is unset or not an http(s) address.
 */
export function enterpriseHost(uri: string | undefined): string | undefined {
  const text = typeof uri === 'string' ? uri.trim() : '';
  if (text === '') return undefined;
  // VS Code's setting asks for a URL, but a bare host name is a common way to fill it in.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') return undefined;
  return url.host.toLowerCase();
}

/**
 * The GitHub repository a git remote URL points to, when its host is github.com or one of
 * `enterpriseHosts`: `https://host/owner/repo(.git)`, `http(s)://user@host/…`,
 * `ssh://git@host(:port)/owner/repo(.git)` and `git@host:owner/repo(.git)`, each with or without
 * a trailing slash. Anything else (other hosts, other schemes, deeper paths) is undefined.
 */
export function parseGitHubRemote(url: string, enterpriseHosts: readonly string[]): GitHubRepository | undefined {
  const text = typeof url === 'string' ? url.trim() : '';
  const address = splitRemote(text);
  if (!address) return undefined;
  const host = knownHost(address.hostname, address.host, enterpriseHosts);
  if (!host) return undefined;
  const slug = parsePath(address.path);
  return slug ? { host, ...slug } : undefined;
}

/**
 * `owner/repo` as typed (surrounding spaces and a `.git` ending are forgiven), or a pasted
 * `https://github.com/owner/repo` URL; with `enterpriseHosts`, a URL on one of those hosts too.
 */
export function parseRepositorySlug(text: string, enterpriseHosts: readonly string[] = []): RepositorySlug | undefined {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (/^https:\/\//i.test(trimmed)) {
    const remote = parseGitHubRemote(trimmed, enterpriseHosts);
    return remote ? { owner: remote.owner, repo: remote.repo } : undefined;
  }
  return parsePath(trimmed);
}

/**
 * Why GitHub would refuse `name` for an Actions secret, in words, or undefined when it is fine.
 * A message may show a character of the name, never the whole name: a value pasted into the
 * name box by mistake must not be echoed.
 */
export function validateSecretName(name: string): string | undefined {
  if (name === '') return l10n.t('Enter a name for the secret.');
  // A pasted value would be kept as the place's name, shown in the tree and in messages.
  if (findTokenCandidates(name).length) return l10n.t('This looks like a token value, not a name: enter the name workflows use, such as VERCEL_TOKEN.');
  if (name.length > MAX_SECRET_NAME_LENGTH) {
    return l10n.t('The name is {0} characters long; GitHub allows at most {1}.', name.length, MAX_SECRET_NAME_LENGTH);
  }
  const characters = Array.from(name);
  const badIndex = characters.findIndex((character) => !/^[A-Za-z0-9_]$/.test(character));
  if (badIndex !== -1) {
    return describeBadCharacter(characters[badIndex], badIndex + 1);
  }
  if (/^[0-9]/.test(name)) return l10n.t('Secret names cannot start with a digit. Start it with a letter or an underscore (_).');
  if (/^GITHUB_/i.test(name)) {
    return l10n.t('Secret names cannot start with {0}: GitHub keeps the GITHUB_ prefix, in any case, for its own.', name.slice(0, 7));
  }
  return undefined;
}

/**
 * The REST API base URL for a repository host: `configuredUrl` for github.com, api.SUBDOMAIN.ghe.com
 * for GitHub Enterprise Cloud with data residency, https://HOST/api/v3 for GitHub Enterprise Server.
 */
export function githubApiBase(host: string, configuredUrl: string): string {
  const normalized = host.toLowerCase();
  if (normalized === GITHUB_HOST) return configuredUrl;
  if (/^[a-z0-9-]+\.ghe\.com$/.test(normalized)) return `https://api.${normalized}`;
  return `https://${normalized}/api/v3`;
}

interface RemoteAddress {
  /** Without the port, lower case. */
  hostname: string;
  /** With the port when there is one, lower case. */
  host: string;
  path: string;
}

function splitRemote(text: string): RemoteAddress | undefined {
  if (text === '' || /[\s\p{Cc}]/u.test(text)) return undefined;
  if (/^(?:https?|ssh):\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return undefined;
    }
    if (url.search !== '' || url.hash !== '' || text.includes('?') || text.includes('#')) return undefined;
    return { hostname: url.hostname.toLowerCase(), host: url.host.toLowerCase(), path: url.pathname.replace(/^\//, '') };
  }
  // git's scp-like syntax, `user@host:owner/repo`; git reads it without the user too.
  const scp = /^(?:[^@/:]+@)?([A-Za-z0-9.-]+):(?!\/)(.+)$/.exec(text);
  if (!scp) return undefined;
  const hostname = scp[1].toLowerCase();
  return { hostname, host: hostname, path: scp[2] };
}

/** The accepted host entry the remote's host matches, by name: an ssh remote's port is not the web's. */
function knownHost(hostname: string, hostWithPort: string, enterpriseHosts: readonly string[]): string | undefined {
  if (hostname === GITHUB_HOST) return GITHUB_HOST;
  for (const entry of enterpriseHosts) {
    const accepted = entry.trim().toLowerCase();
    if (accepted === '') continue;
    if (accepted === hostWithPort || hostnameOf(accepted) === hostname) return accepted;
  }
  return undefined;
}

function hostnameOf(host: string): string {
  // `[::1]:8443` keeps its brackets; `host:8443` loses its port.
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
}

function parsePath(path: string): RepositorySlug | undefined {
  const parts = path.replace(/\/$/, '').split('/');
  if (parts.length !== 2) return undefined;
  const owner = parts[0];
  const repo = parts[1].replace(/\.git$/i, '');
  if (!OWNER_PATTERN.test(owner) || !REPO_PATTERN.test(repo) || repo === '.' || repo === '..') return undefined;
  return { owner, repo };
}

function describeBadCharacter(character: string, position: number): string {
  if (character === ' ') {
    return l10n.t('Secret names can contain only letters A–Z, digits and underscores (_); this one has a space at position {0}.', position);
  }
  const codePoint = character.codePointAt(0) ?? 0;
  const label = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  // Control, format and separator characters are invisible or break the line: shown by number only.
  if (/[\p{C}\p{Z}]/u.test(character)) {
    return l10n.t(
      'Secret names can contain only letters A–Z, digits and underscores (_); this one has the character {0} at position {1}.',
      label,
      position,
    );
  }
  if (character === '-') {
    return l10n.t('Secret names can contain only letters A–Z, digits and underscores (_); this one has a hyphen (-) at position {0}.', position);
  }
  // The character itself, quoted, with its code point when it is not ASCII; not words to translate.
  const shown = codePoint < 0x80 ? `"${character}"` : `"${character}" (${label})`;
  return l10n.t('Secret names can contain only letters A–Z, digits and underscores (_); this one has {0} at position {1}.', shown, position);
}
