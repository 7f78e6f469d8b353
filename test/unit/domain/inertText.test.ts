// Text from Vercel (token names, team names, usernames, messages) shown inert: no control characters,
// no bidirectional overrides, no invisible characters that make two names look alike, and no `$(icon)`
// that VS Code would draw as an icon.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeCodicons, inert, inertLabel } from '../../../src/domain/inertText';
import { mulberry32 } from '../support/random';

const REPLACEMENT = '\uFFFD';

const BIDI_CONTROLS = ['\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
const INVISIBLE = ['\u00AD', '\u180E', '\u200B', '\u2060', '\u2061', '\u2062', '\u2063', '\u2064', '\uFEFF', '\uFFF9', '\uFFFA', '\uFFFB', '\u{E0001}', '\u{E0041}', '\u{E007F}'];
const LINE_BREAKS_AND_TABS = ['\t', '\n', '\u000B', '\u000C', '\r', '\u0085', '\u2028', '\u2029'];
const OTHER_CONTROLS = [
  ...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)).filter((char) => !LINE_BREAKS_AND_TABS.includes(char)),
  '\u007F',
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(0x80 + i)).filter((char) => char !== '\u0085'),
];

/** Nothing a display could reorder, hide or interpret. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this pattern looks for
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2028\u2029\u2060-\u2069\uFEFF\u00AD\u180E\uFFF9-\uFFFB]|[\u{E0000}-\u{E007F}]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

describe('inert', () => {
  for (const text of [
    'CI deploy token',
    'Zoë’s laptop — “prod”',
    '東京のトークン',
    'ключ для деплоя',
    'مفتاح النشر',
    'אסימון',
    '🚀 release 🎉',
    '$(zap) stays as text here',
    '',
  ]) {
    test(`leaves ordinary text alone: ${JSON.stringify(text)}`, () => {
      assert.equal(inert(text), text);
    });
  }

  test('a line break or tab becomes a space, and a run of them one space', () => {
    assert.equal(inert('first\nsecond'), 'first second');
    assert.equal(inert('a\r\nb'), 'a b');
    assert.equal(inert('a\t\t\nb'), 'a b');
    for (const char of LINE_BREAKS_AND_TABS) assert.equal(inert(`a${char}b`), 'a b', JSON.stringify(char));
  });

  test('other C0 and C1 controls and DEL are shown as �, not passed on', () => {
    for (const char of OTHER_CONTROLS) assert.equal(inert(`a${char}b`), `a${REPLACEMENT}b`, `U+${char.charCodeAt(0).toString(16)}`);
    assert.equal(inert('\u001B[31mred\u001B[0m'), `${REPLACEMENT}[31mred${REPLACEMENT}[0m`, 'a terminal escape cannot colour anything');
    assert.equal(inert('\u009B31m'), `${REPLACEMENT}31m`);
  });

  test('bidirectional overrides, embeddings, isolates and marks are removed', () => {
    for (const char of BIDI_CONTROLS) assert.equal(inert(`a${char}b`), 'ab', `U+${char.charCodeAt(0).toString(16)}`);
    // The classic spoof: shown as "exe.txt", really "txt.exe".
    assert.equal(inert('invoice\u202Etxt.exe'), 'invoicetxt.exe');
    assert.equal(inert('\u2067admin\u2069 token'), 'admin token');
  });

  test('invisible characters that would make two names look alike are removed', () => {
    for (const char of INVISIBLE) assert.equal(inert(`pro${char}d`), 'prod', `U+${char.codePointAt(0)!.toString(16)}`);
    assert.equal(inert('ignore\u{E0020}\u{E0061}\u{E006C}\u{E006C}'), 'ignore', 'tag characters hide text');
  });

  test('zero-width joiners next to ASCII are removed; inside emoji and scripts that need them they stay', () => {
    assert.equal(inert('pro\u200Dd'), 'prod');
    assert.equal(inert('pro\u200Cd'), 'prod');
    assert.equal(inert('\u200Dprod\u200C'), 'prod');
    assert.equal(inert('a\u200D\u200Db'), 'ab');
    const family = '👨\u200D👩\u200D👧';
    assert.equal(inert(`team ${family}`), `team ${family}`);
    const persian = 'می\u200Cخواهم';
    assert.equal(inert(persian), persian);
    const devanagari = 'क्\u200Dष';
    assert.equal(inert(devanagari), devanagari);
  });

  test('a lone surrogate is shown as �; pairs are kept', () => {
    assert.equal(inert('a\uD83Db'), `a${REPLACEMENT}b`);
    assert.equal(inert('a\uDE80b'), `a${REPLACEMENT}b`);
    assert.equal(inert('\uD83D\uDE80'), '🚀');
  });

  test('fuzz: the result never holds an unsafe character, and inert is idempotent', () => {
    const pool = [
      ...BIDI_CONTROLS,
      ...INVISIBLE,
      ...LINE_BREAKS_AND_TABS,
      ...OTHER_CONTROLS,
      '\u200C',
      '\u200D',
      '\uD83D',
      '\uDE80',
      'a',
      'Z',
      '0',
      ' ',
      '$',
      '(',
      'é',
      '名',
      '👩',
      'ش',
    ];
    for (let seed = 1; seed <= 300; seed++) {
      const random = mulberry32(seed);
      const text = Array.from({ length: 1 + Math.floor(random() * 24) }, () => pool[Math.floor(random() * pool.length)]).join('');
      const result = inert(text);
      assert.doesNotMatch(result, UNSAFE, `seed ${seed}: ${JSON.stringify(text)} → ${JSON.stringify(result)}`);
      assert.equal(inert(result), result, `seed ${seed}: not idempotent for ${JSON.stringify(text)}`);
    }
  });
});

/**
 * How VS Code draws a label that supports icons (renderLabelWithIcons): `$(name)` or `$(name~modifier)`
 * becomes an icon, `\$(name)` the literal `$(name)`; everything else is literal text.
 */
function renderLikeVsCode(label: string): { text: string; icons: string[] } {
  const icons: string[] = [];
  const text = label.replace(/(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g, (_match, escaped: string | undefined, name: string) => {
    if (escaped) return `$(${name})`;
    icons.push(name);
    return `<icon ${name}>`;
  });
  return { text, icons };
}

describe('escapeCodicons', () => {
  for (const [input, expected] of [
    ['$(zap)', '\\$(zap)'],
    ['deploy $(alert) now $(sync~spin)', 'deploy \\$(alert) now \\$(sync~spin)'],
    ['$(zap)$(zap)', '\\$(zap)\\$(zap)'],
    // Already escaped in the source text: the backslash it had stays visible.
    ['\\$(zap)', '\\\\$(zap)'],
  ] as const) {
    test(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(escapeCodicons(input), expected);
    });
  }

  for (const text of ['$5 (cheap)', '$(not an icon)', '$(', '$()', 'cost: $(12', 'plain', '(zap)', '$ (zap)']) {
    test(`${JSON.stringify(text)} draws no icon, so it is left alone`, () => {
      assert.equal(escapeCodicons(text), text);
    });
  }

  test('what VS Code then draws is the text itself, with no icon', () => {
    for (const text of ['$(zap)', 'a $(sync~spin) b', '\\$(zap)', '\\\\$(zap)', '$(a)$(b)', '$$(zap))']) {
      assert.deepEqual(renderLikeVsCode(escapeCodicons(text)), { text, icons: [] }, JSON.stringify(text));
    }
  });

  test('fuzz: any mix of $ ( ) \\ ~ and letters draws exactly itself', () => {
    const pool = ['$', '(', ')', '\\', '~', 'a', 'z', '-', '0', ' ', 'spin'];
    for (let seed = 1; seed <= 500; seed++) {
      const random = mulberry32(seed);
      const text = Array.from({ length: 1 + Math.floor(random() * 16) }, () => pool[Math.floor(random() * pool.length)]).join('');
      assert.deepEqual(renderLikeVsCode(escapeCodicons(text)), { text, icons: [] }, `seed ${seed}: ${JSON.stringify(text)}`);
    }
  });
});

describe('inertLabel', () => {
  test('inert, then codicons escaped', () => {
    assert.equal(inertLabel('$(alert)\u202E Bad\nname'), '\\$(alert) Bad name');
  });

  test('an icon hidden behind an invisible character is still escaped', () => {
    assert.equal(inertLabel('$\u200B(zap)'), '\\$(zap)');
    assert.equal(inertLabel('$(\u2060zap)'), '\\$(zap)');
    assert.deepEqual(renderLikeVsCode(inertLabel('$\u200B(zap)')).icons, []);
  });

  test('ordinary names are unchanged', () => {
    for (const name of ['CI deploy token', 'Zoë’s laptop', '🚀 release']) assert.equal(inertLabel(name), name);
  });
});

describe('inert: Markdown links', () => {
  test('a link (a command link included) in a name or an error stays text in a notification', () => {
    assert.equal(inert('[Click me](command:workbench.action.terminal.new)'), '[Click me] (command:workbench.action.terminal.new)');
    assert.equal(inert('a] (b'), 'a] (b');
    assert.equal(inert('plain (parenthesis) [bracket]'), 'plain (parenthesis) [bracket]');
  });
});
