// Text that comes from Vercel (token, team and user names, error messages) shown as plain text only:
// nothing in it can reorder the line, hide characters, pass control codes on, or draw an icon.

/** Line breaks and tabs: a name is shown on one line. */
const LINE_BREAKS_AND_TABS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;

/** The other C0 and C1 controls and DEL: replaced by a visible mark rather than silently dropped. */
// eslint-disable-next-line no-control-regex -- matching control characters is this module's purpose
const CONTROLS = /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F]/g;

/**
 * Removed: bidirectional embeddings, overrides, isolates and marks (they can make `txt.exe` read
 * `exe.txt`), and characters that draw nothing, which would let two different names look the same:
 * zero-width space, word joiner and the invisible operators, the byte order mark, soft hyphen,
 * Mongolian vowel separator, interlinear annotation marks, deprecated format controls and tag characters.
 */
const HIDDEN =
  /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u200B\u2060-\u2064\u206A-\u206F\uFEFF\u00AD\u180E\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/g;

/**
 * Zero-width (non-)joiners next to ASCII or at either end: they join nothing there. Between two
 * other characters they stay, as emoji sequences and scripts such as Persian or Devanagari need them.
 */
// eslint-disable-next-line no-control-regex -- the ASCII range (from NUL) is what a stray joiner sits next to
const STRAY_JOINERS = /(?<=^|[\u0000-\u007F])[\u200C\u200D]+|[\u200C\u200D]+(?=$|[\u0000-\u007F])/g;

/** Half of a surrogate pair without the other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const REPLACEMENT = '\uFFFD';

/**
 * The text made inert for display: line breaks and tabs become one space, other control characters
 * and broken surrogates show as �, and bidirectional controls and invisible characters are removed.
 */
export function inert(text: string): string {
  return (
    text
      .replace(LONE_SURROGATE, REPLACEMENT)
      .replace(LINE_BREAKS_AND_TABS, ' ')
      .replace(CONTROLS, REPLACEMENT)
      .replace(HIDDEN, '')
      .replace(STRAY_JOINERS, '')
      // Notifications render Markdown links, commands included: `[text](command:…)` stays text.
      .replace(MARKDOWN_LINK, '] (')
  );
}

const MARKDOWN_LINK = /\]\s*\(/g;

/** VS Code's icon syntax, `$(name)` or `$(name~modifier)`, as its label renderer matches it. */
const CODICON = /\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g;

/**
 * `$(name)` escaped as `\$(name)`, so VS Code shows it as text where labels draw icons: quick pick
 * labels, descriptions and details, status bar text. Not for places that draw no icons (a tree
 * item's label or description, a notification), where the backslash would show.
 *
 * Unlike VS Code's own escapeIcons, an icon already preceded by a backslash is escaped too, so the
 * backslash the text had stays visible and the label shows exactly the text.
 */
export function escapeCodicons(text: string): string {
  return text.replace(CODICON, (icon) => `\\${icon}`);
}

/** For places that draw icons: inert, then `$(name)` escaped. */
export function inertLabel(text: string): string {
  return escapeCodicons(inert(text));
}
