import * as l10n from '@vscode/l10n';
export const MAX_TOKEN_NAME_LENGTH = 100;

const BIDI_CONTROLS = new Set([
  0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
]);
// Blank-looking letters and marks outside category Cf that are used to fake empty or lookalike names.
const OTHER_INVISIBLES = new Set([0x034f, 0x115f, 0x1160, 0x3164, 0xffa0]);
const ZERO_WIDTH_JOINER = 0x200d;

const CHARACTER_NAMES = new Map<number, string>([
  [0x00, 'NULL'], [0x09, 'CHARACTER TABULATION'], [0x0a, 'LINE FEED'], [0x0b, 'LINE TABULATION'],
  [0x0c, 'FORM FEED'], [0x0d, 'CARRIAGE RETURN'], [0x1b, 'ESCAPE'], [0x7f, 'DELETE'], [0x85, 'NEXT LINE'],
  [0xad, 'SOFT HYPHEN'], [0x034f, 'COMBINING GRAPHEME JOINER'], [0x061c, 'ARABIC LETTER MARK'],
  [0x115f, 'HANGUL CHOSEONG FILLER'], [0x1160, 'HANGUL JUNGSEONG FILLER'], [0x180e, 'MONGOLIAN VOWEL SEPARATOR'],
  [0x200b, 'ZERO WIDTH SPACE'], [0x200c, 'ZERO WIDTH NON-JOINER'], [0x200d, 'ZERO WIDTH JOINER'],
  [0x200e, 'LEFT-TO-RIGHT MARK'], [0x200f, 'RIGHT-TO-LEFT MARK'], [0x2028, 'LINE SEPARATOR'],
  [0x2029, 'PARAGRAPH SEPARATOR'], [0x202a, 'LEFT-TO-RIGHT EMBEDDING'], [0x202b, 'RIGHT-TO-LEFT EMBEDDING'],
  [0x202c, 'POP DIRECTIONAL FORMATTING'], [0x202d, 'LEFT-TO-RIGHT OVERRIDE'], [0x202e, 'RIGHT-TO-LEFT OVERRIDE'],
  [0x2060, 'WORD JOINER'], [0x2061, 'FUNCTION APPLICATION'], [0x2062, 'INVISIBLE TIMES'],
  [0x2063, 'INVISIBLE SEPARATOR'], [0x2064, 'INVISIBLE PLUS'], [0x2066, 'LEFT-TO-RIGHT ISOLATE'],
  [0x2067, 'RIGHT-TO-LEFT ISOLATE'], [0x2068, 'FIRST STRONG ISOLATE'], [0x2069, 'POP DIRECTIONAL ISOLATE'],
  [0x3164, 'HANGUL FILLER'], [0xfeff, 'ZERO WIDTH NO-BREAK SPACE'], [0xffa0, 'HALFWIDTH HANGUL FILLER'],
]);

/** An error message for the name box, or undefined when the name is fine. */
export function validateTokenName(name: string): string | undefined {
  if (name === '') return l10n.t('Enter a name for the token.');
  if (name.trim() === '') return l10n.t('The name cannot be only whitespace. Enter a visible name.');
  const characters = Array.from(name);
  for (let index = 0; index < characters.length; index++) {
    const problem = characterProblem(characters, index);
    if (problem) {
      const codePoint = characters[index].codePointAt(0) ?? 0;
      return describeProblem(problem, describeCodePoint(codePoint), index + 1);
    }
  }
  if (/^\s/.test(name)) return l10n.t('The name starts with a space. Remove the leading whitespace (trim the name).');
  if (/\s$/.test(name)) return l10n.t('The name ends with a space. Remove the trailing whitespace (trim the name).');
  if (characters.length > MAX_TOKEN_NAME_LENGTH) {
    return l10n.t('The name is {0} characters long; the maximum is {1}.', characters.length, MAX_TOKEN_NAME_LENGTH);
  }
  return undefined;
}

type CharacterProblem = 'broken' | 'control' | 'lineBreak' | 'direction' | 'invisible';

function characterProblem(characters: string[], index: number): CharacterProblem | undefined {
  const codePoint = characters[index].codePointAt(0) ?? 0;
  const character = characters[index];
  if (isSurrogate(codePoint)) return 'broken';
  if (/\p{Cc}/u.test(character)) return 'control';
  if (codePoint === 0x2028 || codePoint === 0x2029) return 'lineBreak';
  if (BIDI_CONTROLS.has(codePoint)) return 'direction';
  if (codePoint === ZERO_WIDTH_JOINER && joinsEmoji(characters, index)) return undefined;
  if (/\p{Cf}/u.test(character) || OTHER_INVISIBLES.has(codePoint)) return 'invisible';
  return undefined;
}

/** `character` is the code point and its Unicode name (`U+200B ZERO WIDTH SPACE`), which stay as they are. */
function describeProblem(problem: CharacterProblem, character: string, position: number): string {
  switch (problem) {
    case 'broken':
      return l10n.t('The name contains a broken character ({0}) at position {1}. Remove it.', character, position);
    case 'control':
      return l10n.t('The name contains a control character ({0}) at position {1}. Remove it.', character, position);
    case 'lineBreak':
      return l10n.t('The name contains a line break ({0}) at position {1}. Remove it.', character, position);
    case 'direction':
      return l10n.t('The name contains an invisible text-direction character ({0}) at position {1}. Remove it.', character, position);
    case 'invisible':
      return l10n.t('The name contains an invisible character ({0}) at position {1}. Remove it.', character, position);
  }
}

/** A joiner inside an emoji sequence such as 👩‍💻 is part of a visible emoji, not hidden text. */
function joinsEmoji(characters: string[], index: number): boolean {
  const before = characters[index - 1] ?? '';
  const after = characters[index + 1] ?? '';
  // eslint-disable-next-line no-misleading-character-class -- each code point is meant on its own: the one before a joiner
  return /[\p{Extended_Pictographic}\u{FE0F}\u{1F3FB}-\u{1F3FF}]/u.test(before) && /\p{Extended_Pictographic}/u.test(after);
}

function describeCodePoint(codePoint: number): string {
  const label = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = CHARACTER_NAMES.get(codePoint) ?? (isSurrogate(codePoint) ? 'UNPAIRED SURROGATE' : undefined);
  return name ? `${label} ${name}` : label;
}

function isSurrogate(codePoint: number): boolean {
  return codePoint >= 0xd800 && codePoint <= 0xdfff;
}

export type AccountTokenResult = { ok: true; token: string } | { ok: false; message: string };

const TOKEN_PREFIXES = ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'];
const MIN_TOKEN_LENGTH = 20;
const MAX_TOKEN_LENGTH = 200;

/**
 * Cleans up a pasted account token. Messages describe the problem but never quote the value,
 * since they can end up on screen or in logs.
 */
export function normalizeAccountToken(raw: string): AccountTokenResult {
  // A copied line often brings one trailing newline; anything more is not a single token.
  const token = trimSpacesAndTabs(trimSpacesAndTabs(raw).replace(/\r?\n$/, ''));
  if (token === '') return refuse(l10n.t('Paste your Vercel access token. Create one at vercel.com/account/settings/tokens and paste its value.'));
  if (/^\s+$/.test(token)) return refuse(l10n.t('The value is only whitespace. Paste your Vercel access token.'));
  if (/[\r\n\u0085\u2028\u2029]/.test(token)) return refuse(l10n.t('The value spans several lines. Paste a single token.'));
  if (/^(?:authorization\s*:\s*)?bearer\b/i.test(token)) {
    return refuse(l10n.t('Paste only the token itself, without "Bearer" in front of it.'));
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(token) || /^www\./i.test(token)) {
    return refuse(l10n.t('This is a web address, not a token. Create one at vercel.com/account/settings/tokens and paste its value.'));
  }
  if (/^[{[]/.test(token)) return refuse(l10n.t('This looks like JSON. Paste only the token value, without quotes or braces.'));
  if (/^["'`]|["'`]$/.test(token)) return refuse(l10n.t('Remove the quotes around the token.'));
  if (/^[A-Za-z_][A-Za-z0-9_]*\s*=/.test(token)) {
    return refuse(l10n.t('Paste only the token value, without the variable name and "=" in front of it.'));
  }
  if (/\s/.test(token)) return refuse(l10n.t('A token never contains spaces. Paste a single token.'));
  if (/[^A-Za-z0-9_]/.test(token)) {
    return refuse(l10n.t('This is not a Vercel access token: tokens contain only letters, digits and "_". Create one at vercel.com/account/settings/tokens and paste its value.'));
  }
  const prefix = TOKEN_PREFIXES.find((candidate) => token.startsWith(candidate)) ?? '';
  if (token.length < prefix.length + MIN_TOKEN_LENGTH) {
    return refuse(l10n.t('This is too short to be a Vercel access token. Check that you copied the whole token.'));
  }
  if (prefix !== '' && token.slice(prefix.length).includes('_')) {
    return refuse(l10n.t('This is not a Vercel access token: after its prefix a token has only letters and digits. Create one at vercel.com/account/settings/tokens and paste its value.'));
  }
  if (token.length > MAX_TOKEN_LENGTH) {
    return refuse(l10n.t('This is too long to be a Vercel access token (at most {0} characters).', MAX_TOKEN_LENGTH));
  }
  return { ok: true, token };
}

// A loop rather than /[ \t]+$/, which takes quadratic time on a long run of inner spaces.
function trimSpacesAndTabs(text: string): string {
  const isBlank = (character: string | undefined) => character === ' ' || character === '\t';
  let start = 0;
  let end = text.length;
  while (start < end && isBlank(text[start])) start++;
  while (end > start && isBlank(text[end - 1])) end--;
  return text.slice(start, end);
}

export type ApiUrlResult = { ok: true; url: string } | { ok: false; message: string };

const EXAMPLE_API_URL = 'https://api.vercel.com';

/** The base URL of the API, normalized to origin + path without a trailing slash. */
/** `example` names the service's own URL in the messages (Vercel's unless given). */
export function validateApiUrl(raw: string, example = EXAMPLE_API_URL): ApiUrlResult {
  const text = raw.trim();
  if (text === '') return refuse(l10n.t('Enter the API URL, for example {0}.', example));
  if (/[\s\p{Cc}]/u.test(text)) return refuse(l10n.t('Remove the spaces and line breaks from the URL.'));
  if (text.includes('\\')) return refuse(l10n.t('Use forward slashes (/) in the URL, not backslashes.'));
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (!scheme) return refuse(l10n.t('Start the URL with https://, for example {0}.', example));
  const protocol = scheme[1].toLowerCase();
  if (protocol !== 'https' && protocol !== 'http') {
    return refuse(l10n.t('Use an https:// URL (for example {0}); {1}:// is not supported.', example, protocol));
  }
  // The URL parser would quietly read `https:///host` as `https://host`.
  if (/^[a-z]+:\/\/(?:[/?#]|$)/i.test(text)) return refuse(l10n.t('Add the host name after {0}://, for example {1}.', protocol, example));
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse(l10n.t('This is not a valid URL. Use the form {0}.', example));
  }
  if (/^[a-z]+:\/\/[^/?#]*@/i.test(text)) {
    return refuse(l10n.t('Remove the user name and password (…@) from the URL; your account token is sent separately.'));
  }
  if (text.includes('?')) return refuse(l10n.t('Remove the query (the part from "?") from the URL; enter only the base address.'));
  if (text.includes('#')) return refuse(l10n.t('Remove the fragment (the part from "#") from the URL; enter only the base address.'));
  if (protocol === 'http' && !isLoopback(url.hostname)) {
    return refuse(
      l10n.t('Use https:// for this host: plain http:// would send your account token unencrypted. http:// is allowed only for localhost, 127.0.0.1 and [::1].'),
    );
  }
  return { ok: true, url: url.origin + url.pathname.replace(/\/+$/, '') };
}

/** Exact loopback names only: `localhost.evil.com` or `127.0.0.1.nip.io` resolve anywhere. */
/** Exact loopback names only: `localhost.evil.example` or `127.0.0.1.nip.io` resolve anywhere. */
export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

function refuse(message: string): { ok: false; message: string } {
  return { ok: false, message };
}
