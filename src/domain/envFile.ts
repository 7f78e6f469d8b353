// A .env file edited as text, read the way dotenv (v16 and later) reads it: one variable set or read,
// every other byte of the file left as it was.
import * as l10n from '@vscode/l10n';
import { findTokenCandidates } from './leakScan';

/**
 * dotenv's LINE pattern (lib/main.js of v16 and v17, the default parser of v18) with the `export`
 * and the separator made capturing groups: that changes nothing in what it matches, so a definition
 * here is exactly what dotenv takes for one. It runs over the text with line breaks made `\n`, as
 * dotenv's does.
 */
const DEFINITION =
  /(?:^|^)\s*(export\s+)?([\w.-]+)(\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm;

/** The line breaks of a multiline pattern (`^`, `$`) once `\r` is gone. */
const isLineBreak = (code: number) => code === 0x0a || code === 0x2028 || code === 0x2029;

interface Definition {
  name: string;
  /** What dotenv reads. */
  value: string;
  /** Offsets into the original text. Where the value is written: the quotes are inside. */
  valueStart: number;
  valueEnd: number;
  /** The definition's whole lines: from its line's start to after the line break that ends it. */
  lineStart: number;
  lineEnd: number;
  /** The last line has no line break after it: the definition ends the file. */
  endsFileWithoutBreak: boolean;
  /** The offset of the line break before lineStart, when there is one. */
  previousLineBreak: number | undefined;
}

/** Every definition in the order of the file, later duplicates included. */
function definitionsOf(text: string): Definition[] {
  // dotenv reads `\r\n` and a lone `\r` as `\n`; only `\r\n` shifts offsets, by one for each before.
  const normalized = text.replace(/\r\n?/g, '\n');
  const collapsedBreaks: number[] = [];
  for (let index = text.indexOf('\r\n'); index !== -1; index = text.indexOf('\r\n', index + 2)) {
    collapsedBreaks.push(index - collapsedBreaks.length);
  }
  const original = (offset: number) => offset + countBelow(collapsedBreaks, offset);

  const definitions: Definition[] = [];
  for (const match of normalized.matchAll(DEFINITION)) {
    const indices = match.indices!;
    const definitionStart = (indices[1] ?? indices[2])[0];
    const separatorEnd = indices[3][1];
    const raw = match[4];
    let valueStart = separatorEnd;
    let valueEnd = separatorEnd;
    if (raw !== undefined && raw.trim() !== '') {
      const [rawStart, rawEnd] = indices[4];
      const leading = raw.slice(0, raw.length - raw.trimStart().length);
      // Blanks between `=` and the value stay, unless they hold a line break: the new value is
      // written on the key's line, where an unquoted one would otherwise not be read.
      valueStart = [...leading].some((character) => isLineBreak(character.charCodeAt(0))) ? rawStart : rawStart + leading.length;
      valueEnd = rawEnd - (raw.length - raw.trimEnd().length);
    }
    let lineStart = definitionStart;
    while (lineStart > 0 && !isLineBreak(normalized.charCodeAt(lineStart - 1))) lineStart--;
    let lineEnd = raw === undefined ? separatorEnd : indices[4][1];
    while (lineEnd < normalized.length && !isLineBreak(normalized.charCodeAt(lineEnd))) lineEnd++;
    const endsFileWithoutBreak = lineEnd === normalized.length;
    if (!endsFileWithoutBreak) lineEnd++;
    definitions.push({
      name: match[2],
      value: dotenvValue(raw),
      valueStart: original(valueStart),
      valueEnd: original(valueEnd),
      lineStart: original(lineStart),
      lineEnd: original(lineEnd),
      endsFileWithoutBreak,
      previousLineBreak: lineStart > 0 ? original(lineStart - 1) : undefined,
    });
  }
  return definitions;
}

/** How many of the sorted `values` are below `limit`. */
function countBelow(values: readonly number[], limit: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle] < limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** dotenv's own steps from the matched text to the value, kept as dotenv writes them. */
function dotenvValue(raw: string | undefined): string {
  let value = (raw ?? '').trim();
  const maybeQuote = value[0];
  value = value.replace(/^(['"`])([\s\S]*)\1$/gm, '$2');
  if (maybeQuote === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
  return value;
}

/**
 * The value `name` has in a .env file's text, as dotenv reads it, or undefined when no line
 * defines it. With several definitions this is the first one's, the one setEnvVariable replaces
 * (dotenv itself would take the last; setEnvVariable leaves only one).
 */
export function readEnvVariable(text: string, name: string): string | undefined {
  return definitionsOf(text).find((definition) => definition.name === name)?.value;
}

/**
 * The text with `name` set to `value`, and whether a definition was replaced (rather than added).
 *
 * - Which lines define it: those dotenv reads as a definition (`NAME=…`, `export NAME=…`, blanks
 *   around `=`, `NAME: …`), so a `NAME=` inside a comment or inside another variable's multi-line
 *   quoted value is not one.
 * - The first definition gets the new value in place: `export `, the blanks around `=`, a comment
 *   after the value and the line break stay as they were.
 * - Later definitions of `name` are removed, whole lines with their comments: tools disagree on
 *   which of several wins (dotenv takes the last), so a stale copy could keep being read.
 * - With no definition, `NAME=value` is added at the end, after a line break when the file does not
 *   end with one; it ends with a line break when the file did (always for an empty file).
 * - Line breaks are the file's own (its first one: `\r\n`, `\n` or `\r`; `\n` when it has none).
 *   Nothing else changes: comments, blank lines, order, other values, a byte order mark.
 *
 * How the value is written, so that dotenv reads back exactly `value` (it has no escape for a quote
 * or a backslash; in double quotes it turns `\n` and `\r` into line breaks; single quotes and
 * backticks are literal; it reads every `\r` in the file as a line break):
 * 1. unquoted when it is only `A–Z a–z 0–9 _ . / : @ + -` (and not empty);
 * 2. else in double quotes when it has no `"`, `\` or `$`, line breaks written `\n` and `\r`
 *    (`$` stays out: docker compose and python-dotenv expand variables in double quotes);
 * 3. else in single quotes when it has no `'`, no carriage return and does not end in `\` (which
 *    dotenv could read as quoting the closing quote), a line break as a real one;
 * 4. else in backticks, likewise;
 * 5. else in double quotes when it has no `"`, no `\n` or `\r` as text and does not end in `\`;
 * 6. else unquoted when dotenv reads it as is: one line, no `#`, no blanks around it, not starting
 *    with a quote.
 * A value none of these can hold (a carriage return with all three kinds of quote, for one) is
 * refused with a RangeError, as is a name validateEnvVariableName refuses. The result is parsed
 * again before it is returned: should the edit change what any other line reads (a quoted value
 * nearby that ends in `\"` can reach across lines), an Error says so instead.
 */
export function setEnvVariable(text: string, name: string, value: string): { text: string; replaced: boolean } {
  const nameProblem = validateEnvVariableName(name);
  if (nameProblem) throw new RangeError(nameProblem);
  const lineBreak = lineBreakOf(text);
  const written = writtenValue(value, lineBreak);
  const all = definitionsOf(text);
  const own = all.filter((definition) => definition.name === name);

  let result: string;
  if (own.length === 0) {
    const content = text.startsWith('\uFEFF') ? text.slice(1) : text;
    const endsWithBreak = /[\r\n]$/.test(text);
    const line = `${name}=${written}`;
    result = content === '' ? `${text}${line}${lineBreak}` : endsWithBreak ? `${text}${line}${lineBreak}` : `${text}${lineBreak}${line}`;
  } else {
    result = withoutLines(text, own.slice(1));
    const [first] = own;
    result = result.slice(0, first.valueStart) + written + result.slice(first.valueEnd);
  }

  const others = (definitions: Definition[]) =>
    definitions.filter((definition) => definition.name !== name).map((definition) => `${definition.name}\u0000${definition.value}`);
  const after = definitionsOf(result);
  const ownAfter = after.filter((definition) => definition.name === name);
  const othersBefore = others(all);
  const othersAfter = others(after);
  const othersKept = othersBefore.length === othersAfter.length && othersBefore.every((entry, index) => entry === othersAfter[index]);
  if (ownAfter.length !== 1 || ownAfter[0].value !== value || !othersKept) {
    throw new Error(
      l10n.t('Setting {0} would change how other lines of this file are read: a quoted value in it can be read in more than one way. Edit the file by hand.', name),
    );
  }
  return { text: result, replaced: own.length > 0 };
}

/**
 * The text without the lines of `definitions` (in file order, after the one that stays). A block
 * that ends the file without a final line break takes the line break before it along, so the file
 * still ends without one.
 */
function withoutLines(text: string, definitions: readonly Definition[]): string {
  const blocks: { start: number; end: number; previousLineBreak: number | undefined; endsFileWithoutBreak: boolean }[] = [];
  for (const definition of definitions) {
    const last = blocks.at(-1);
    if (last && definition.lineStart <= last.end) {
      last.end = Math.max(last.end, definition.lineEnd);
      last.endsFileWithoutBreak ||= definition.endsFileWithoutBreak;
    } else {
      const { lineStart: start, lineEnd: end, previousLineBreak, endsFileWithoutBreak } = definition;
      blocks.push({ start, end, previousLineBreak, endsFileWithoutBreak });
    }
  }
  let result = text;
  // From the end, so earlier offsets still hold.
  for (const block of blocks.reverse()) {
    const start = block.endsFileWithoutBreak && block.previousLineBreak !== undefined ? block.previousLineBreak : block.start;
    result = result.slice(0, start) + result.slice(block.end);
  }
  return result;
}

const SAFE_UNQUOTED = /^[A-Za-z0-9_./:@+-]+$/;

function writtenValue(value: string, lineBreak: string): string {
  const escapeBreaks = (text: string) => text.replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  const rawBreaks = (text: string) => text.replace(/\n/g, lineBreak);
  if (SAFE_UNQUOTED.test(value)) return value;
  if (!/["\\$]/.test(value)) return `"${escapeBreaks(value)}"`;
  if (!/['\r]|\\$/.test(value)) return `'${rawBreaks(value)}'`;
  if (!/[`\r]|\\$/.test(value)) return `\`${rawBreaks(value)}\``;
  if (!/"|\\[nr]|\\$/.test(value)) return `"${escapeBreaks(value)}"`;
  if (value !== '' && value === value.trim() && !/[#\r\n\u2028\u2029]/.test(value) && !/^['"`]/.test(value)) return value;
  throw new RangeError(
    l10n.t('This value cannot be written to a .env file so that it reads back exactly: it has a carriage return or all three kinds of quote, together with characters that need quoting.'),
  );
}

function lineBreakOf(text: string): string {
  const found = /\r\n|\n|\r/.exec(text);
  return found ? found[0] : '\n';
}

/** A message for the name box, or undefined when the name can be a .env variable. */
export function validateEnvVariableName(name: string): string | undefined {
  if (name === '') return l10n.t('Enter a variable name, for example VERCEL_TOKEN.');
  if (name.trim() === '') return l10n.t('The name cannot be only spaces. Enter a name such as VERCEL_TOKEN.');
  // A pasted value would be kept as the place's name, shown in the tree and in messages.
  if (findTokenCandidates(name).length) return l10n.t('This looks like a token value, not a name: enter a name such as VERCEL_TOKEN.');
  const other = /[^A-Za-z0-9_]/u.exec(name);
  if (other) {
    const [character] = other;
    if (character === ' ') return l10n.t('A variable name can contain only the letters A–Z and a–z, digits and "_": remove the space.');
    if (/[\s\p{C}]/u.test(character)) {
      return l10n.t('A variable name can contain only the letters A–Z and a–z, digits and "_": remove the blank or control character.');
    }
    return l10n.t('A variable name can contain only the letters A–Z and a–z, digits and "_": remove "{0}".', character);
  }
  if (/^[0-9]/.test(name)) return l10n.t('A variable name cannot start with a digit.');
  return undefined;
}
