// Vercel token values in a document's text, found fast enough to scan a large document on each change.

/** The prefixes of Vercel token values, as src/domain/validation.ts knows them (its list is not exported). */
export const TOKEN_PREFIXES: readonly string[] = ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'];

/** Letters and digits after the prefix: real values have 24 or more; some slack either way. */
export const MIN_BODY_LENGTH = 20;
export const MAX_BODY_LENGTH = 200;

/** The `code` of the diagnostics that flag these candidates. */
export const LEAK_DIAGNOSTIC_CODE = 'vercel-token';

export interface TokenCandidate {
  /** Offsets into the text (UTF-16 code units, as a document's offsetAt counts): the whole value. */
  start: number;
  end: number;
  /** `vcp_` and the like. */
  prefix: string;
  /** The value's last 4 characters. */
  suffix: string;
}

const PREFIX_LENGTH = 4;
const V = 0x76;
const C = 0x63;
const UNDERSCORE = 0x5f;
const BACKSLASH = 0x5c;
const PERCENT = 0x25;

const ALPHANUMERIC = new Uint8Array(128);
for (const range of ['09', 'AZ', 'az']) {
  for (let code = range.charCodeAt(0); code <= range.charCodeAt(1); code++) ALPHANUMERIC[code] = 1;
}
const PREFIX_LETTER = new Uint8Array(128);
for (const prefix of TOKEN_PREFIXES) PREFIX_LETTER[prefix.charCodeAt(2)] = 1;
/** Every prefix is `vc`, a letter and `_`. One pattern finds them all: the engine's own search skips the rest. */
const PREFIX = new RegExp(`vc[${TOKEN_PREFIXES.map((prefix) => prefix[2]).join('')}]_`, 'g');
const HEX = new Uint8Array(128);
for (const character of '0123456789ABCDEFabcdef') HEX[character.charCodeAt(0)] = 1;

const isIdentifierCharacter = (code: number) => code === UNDERSCORE || (code < 128 && ALPHANUMERIC[code] === 1);

function isPrefixAt(text: string, index: number): boolean {
  const letter = text.charCodeAt(index + 2);
  return (
    text.charCodeAt(index) === V &&
    text.charCodeAt(index + 1) === C &&
    letter < 128 &&
    PREFIX_LETTER[letter] === 1 &&
    text.charCodeAt(index + 3) === UNDERSCORE
  );
}

/**
 * Whether a prefix at `index` starts a value rather than sitting inside a longer identifier-like run:
 * at the start, after anything but a letter, digit or `_` (so `TOKEN=vcp_…`, `"vcp_…`, `/vcp_…`), or
 * right after an escape that ends in a letter: `\n`, `\r`, `\t` in a string literal, `%3D` in a URL.
 */
function startsValue(text: string, index: number): boolean {
  if (index === 0) return true;
  const before = text.charCodeAt(index - 1);
  if (!isIdentifierCharacter(before)) return true;
  if ((before === 0x6e || before === 0x72 || before === 0x74) && index >= 2 && text.charCodeAt(index - 2) === BACKSLASH) return true;
  if (index >= 3 && text.charCodeAt(index - 3) === PERCENT) {
    const high = text.charCodeAt(index - 2);
    return high < 128 && HEX[high] === 1 && before < 128 && HEX[before] === 1;
  }
  return false;
}

/**
 * Where the text holds something shaped like a Vercel token value: one of TOKEN_PREFIXES and then
 * MIN_BODY_LENGTH to MAX_BODY_LENGTH ASCII letters and digits, in the order of the text.
 *
 * - The prefix must start the value (see startsValue): `abcvcp_…` or `my_vcp_…` is taken for part
 *   of an identifier and not reported, while `TOKEN=vcp_…` is.
 * - The value ends at the first character that is not a letter or digit, or where another prefix
 *   starts: two values written together (`vcp_…vck_…`) are both reported, the second as starting a
 *   value of its own. A value followed by `_` is the start of a longer identifier and not reported;
 *   nor is a run of more than MAX_BODY_LENGTH letters and digits.
 * - Stricter than the log's redaction (src/log.ts), which hides every `vc?_` shape wherever it is:
 *   these are shown in editors, where a false alarm costs attention.
 */
export function findTokenCandidates(text: string): TokenCandidate[] {
  const found: TokenCandidate[] = [];
  const length = text.length;
  PREFIX.lastIndex = 0;
  while (PREFIX.test(text)) {
    let start = PREFIX.lastIndex - PREFIX_LENGTH;
    // A prefix glued after a letter, digit or `_`: the search goes on after it.
    if (!startsValue(text, start)) continue;
    for (;;) {
      const bodyStart = start + PREFIX_LENGTH;
      let end = bodyStart;
      while (end < length) {
        const code = text.charCodeAt(end);
        if (code >= 128 || ALPHANUMERIC[code] !== 1) break;
        end++;
      }
      // The `_` that ends the run can only close a prefix whose `vc?` ends it: `…vck_`.
      const followedByUnderscore = end < length && text.charCodeAt(end) === UNDERSCORE;
      const cut = followedByUnderscore && end - bodyStart >= PREFIX_LENGTH - 1 && isPrefixAt(text, end - (PREFIX_LENGTH - 1));
      if (cut) end -= PREFIX_LENGTH - 1;
      const bodyLength = end - bodyStart;
      if (bodyLength >= MIN_BODY_LENGTH && bodyLength <= MAX_BODY_LENGTH && (cut || !followedByUnderscore)) {
        found.push({ start, end, prefix: text.slice(start, bodyStart), suffix: text.slice(end - 4, end) });
      }
      if (!cut) {
        PREFIX.lastIndex = end;
        break;
      }
      // The prefix that cut this value short starts one of its own, whatever came before it.
      start = end;
    }
  }
  return found;
}
