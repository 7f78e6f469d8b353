// A .env file edited as text: one variable set or read as dotenv reads it, nothing else changed.
// dotenv itself (its default parser, the LINE pattern of v16 and later) checks every edit: what it
// reads back must be exactly the value, and every other variable must read as before.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as dotenvParse } from 'dotenv';
import { readEnvVariable, setEnvVariable, validateEnvVariableName } from '../../../src/domain/envFile';
import { mulberry32 } from '../support/random';

const NAME = 'VERCEL_TOKEN';
const TOKEN = 'vcp_' + 'Q7mK2xLw9tR4nB8zY3pH6dF1';
const NEW_TOKEN = 'vcp_' + 'Zr5Tq8Wm2Kx7Pn4Bv1Lc6Hd3';

/** What dotenv reads, without `name`. */
function othersOf(text: string, name = NAME): Record<string, string> {
  const parsed = dotenvParse(text);
  delete parsed[name];
  return parsed;
}

/** Sets the variable and checks the result with dotenv: the value reads back, the rest as before. */
function set(text: string, value: string, name = NAME): { text: string; replaced: boolean } {
  const result = setEnvVariable(text, name, value);
  assert.equal(dotenvParse(result.text)[name], value, `dotenv reads ${JSON.stringify(result.text)}`);
  // dotenv 18's opt-in scanner, written apart from the LINE pattern, agrees on what was written.
  assert.equal(dotenvParse(result.text, { fast: true })[name], value, `dotenv's fast parser reads ${JSON.stringify(result.text)}`);
  assert.equal(readEnvVariable(result.text, name), value);
  assert.deepEqual(othersOf(result.text, name), othersOf(text, name), 'the other variables read as before');
  return result;
}

/** The forms dotenv's own tests use, and a few it also reads. */
const REFERENCE = [
  'BASIC=basic',
  '',
  '# previous line intentionally left blank',
  'AFTER_LINE=after_line',
  'EMPTY=',
  "EMPTY_SINGLE_QUOTES=''",
  'EMPTY_DOUBLE_QUOTES=""',
  'EMPTY_BACKTICKS=``',
  "SINGLE_QUOTES='single_quotes'",
  "SINGLE_QUOTES_SPACED='    single quotes    '",
  'DOUBLE_QUOTES="double_quotes"',
  'DOUBLE_QUOTES_SPACED="    double quotes    "',
  'DOUBLE_QUOTES_INSIDE_SINGLE=\'double "quotes" work inside single quotes\'',
  'BACKTICKS_INSIDE_DOUBLE="`backticks` work inside double quotes"',
  'DOUBLE_AND_SINGLE_QUOTES_INSIDE_BACKTICKS=`double "quotes" and single \'quotes\' work inside backticks`',
  'EXPAND_NEWLINES="expand\\nnew\\nlines"',
  'DONT_EXPAND_UNQUOTED=dontexpand\\nnewlines',
  "DONT_EXPAND_SQUOTED='dontexpand\\nnewlines'",
  '# COMMENTS=work',
  'INLINE_COMMENTS=inline comments # work #very #well',
  "INLINE_COMMENTS_SINGLE_QUOTES='inline comments outside of #singlequotes' # work",
  'INLINE_COMMENTS_DOUBLE_QUOTES="inline comments outside of #doublequotes" # work',
  'INLINE_COMMENTS_BACKTICKS=`inline comments outside of #backticks` # work',
  'INLINE_COMMENTS_SPACE=inline comments start with a#number sign. no space required.',
  'EQUAL_SIGNS=equals==',
  'RETAIN_INNER_QUOTES={"foo": "bar"}',
  "RETAIN_INNER_QUOTES_AS_STRING='{\"foo\": \"bar\"}'",
  'TRIM_SPACE_FROM_UNQUOTED=    some spaced out string',
  'USERNAME=therealnerdybeast@example.tld',
  '    SPACED_KEY = parsed',
  'export EXPORTED=exported',
  'YAML_STYLE: colon and space',
  'MULTI_DOUBLE_QUOTED="THIS',
  'IS',
  'A',
  'MULTILINE',
  'STRING"',
  "MULTI_SINGLE_QUOTED='THIS",
  'NOT_A_KEY=inside a value',
  "STRING'",
  'MULTI_BACKTICKED=`THIS',
  'IS',
  'A',
  '"MULTILINE\'S"',
  'STRING`',
  'LAST=last',
].join('\n');

describe('readEnvVariable', () => {
  test('reads every variable of the reference file as dotenv does', () => {
    const parsed = dotenvParse(REFERENCE);
    assert.equal(Object.keys(parsed).length, 33);
    for (const [name, value] of Object.entries(parsed)) assert.equal(readEnvVariable(REFERENCE, name), value, name);
    assert.equal(readEnvVariable(REFERENCE, 'EXPAND_NEWLINES'), 'expand\nnew\nlines');
    assert.equal(readEnvVariable(REFERENCE, 'DONT_EXPAND_SQUOTED'), 'dontexpand\\nnewlines');
    assert.equal(readEnvVariable(REFERENCE, 'INLINE_COMMENTS'), 'inline comments');
    assert.equal(readEnvVariable(REFERENCE, 'MULTI_SINGLE_QUOTED'), 'THIS\nNOT_A_KEY=inside a value\nSTRING');
    assert.equal(readEnvVariable(REFERENCE, 'YAML_STYLE'), 'colon and space');
  });

  test('CRLF, lone CR and a byte order mark read the same as LF', () => {
    const parsed = dotenvParse(REFERENCE);
    for (const variant of [REFERENCE.replace(/\n/g, '\r\n'), REFERENCE.replace(/\n/g, '\r'), `\uFEFF${REFERENCE}`]) {
      assert.deepEqual(dotenvParse(variant), parsed);
      for (const [name, value] of Object.entries(parsed)) assert.equal(readEnvVariable(variant, name), value, name);
    }
  });

  test('undefined when nothing defines it: absent, commented out, or inside another value', () => {
    assert.equal(readEnvVariable('', NAME), undefined);
    assert.equal(readEnvVariable(`OTHER=1\n# ${NAME}=${TOKEN}\n#${NAME}=x\n  # export ${NAME}=y\n`, NAME), undefined);
    assert.equal(readEnvVariable(`CERT="-----BEGIN-----\n${NAME}=${TOKEN}\n-----END-----"\n`, NAME), undefined);
    assert.equal(readEnvVariable(REFERENCE, 'NOT_A_KEY'), undefined);
    assert.equal(readEnvVariable(`${NAME}_OLD=1\nX${NAME}=2\n${NAME.toLowerCase()}=3\n`, NAME), undefined);
  });

  test('of several definitions, the first (dotenv itself would take the last)', () => {
    const text = `${NAME}=first\nOTHER=1\nexport ${NAME}="second"\n`;
    assert.equal(readEnvVariable(text, NAME), 'first');
    assert.equal(dotenvParse(text)[NAME], 'second');
  });

  test('reads an empty value as empty, not as missing', () => {
    assert.equal(readEnvVariable(`${NAME}=\n`, NAME), '');
    assert.equal(readEnvVariable(`${NAME}=   # no value yet\n`, NAME), '');
    assert.equal(readEnvVariable(`${NAME}=""`, NAME), '');
  });
});

describe('setEnvVariable: replacing a definition in place', () => {
  test('an unquoted value, the lines around it untouched', () => {
    const result = set(`# Vercel\nA=1\n${NAME}=${TOKEN}\nB=2\n`, NEW_TOKEN);
    assert.deepEqual(result, { text: `# Vercel\nA=1\n${NAME}=${NEW_TOKEN}\nB=2\n`, replaced: true });
  });

  test('export, the blanks around = and an inline comment stay', () => {
    assert.equal(set(`export ${NAME} = ${TOKEN} # CI token\n`, NEW_TOKEN).text, `export ${NAME} = ${NEW_TOKEN} # CI token\n`);
    assert.equal(set(`\t${NAME}\t=\t${TOKEN}\t#\tCI\n`, NEW_TOKEN).text, `\t${NAME}\t=\t${NEW_TOKEN}\t#\tCI\n`);
    assert.equal(set(`${NAME}=${TOKEN}#glued comment\n`, NEW_TOKEN).text, `${NAME}=${NEW_TOKEN}#glued comment\n`);
    assert.equal(set(`${NAME}: ${TOKEN}\n`, NEW_TOKEN).text, `${NAME}: ${NEW_TOKEN}\n`);
  });

  test('quoted values of every kind, with a comment after them', () => {
    for (const quote of ['"', "'", '`']) {
      const text = `A=1\n${NAME}=${quote}${TOKEN}${quote} # old one\nB=2`;
      assert.equal(set(text, NEW_TOKEN).text, `A=1\n${NAME}=${NEW_TOKEN} # old one\nB=2`, quote);
    }
  });

  test('a multi-line quoted value is replaced whole', () => {
    for (const quote of ['"', "'", '`']) {
      const text = `A=1\n${NAME}=${quote}line one\n${NAME}=inside\nline three${quote} # c\nB=2\n`;
      assert.equal(set(text, NEW_TOKEN).text, `A=1\n${NAME}=${NEW_TOKEN} # c\nB=2\n`, quote);
    }
  });

  test('an empty definition gets the value after =, before blanks and a comment', () => {
    assert.equal(set(`${NAME}=\nB=2\n`, NEW_TOKEN).text, `${NAME}=${NEW_TOKEN}\nB=2\n`);
    assert.equal(set(`${NAME}=   # paste here\n`, NEW_TOKEN).text, `${NAME}=${NEW_TOKEN}   # paste here\n`);
    assert.equal(set(`${NAME}=#paste here\n`, NEW_TOKEN).text, `${NAME}=${NEW_TOKEN}#paste here\n`);
    assert.equal(set(`${NAME}=""\n`, NEW_TOKEN).text, `${NAME}=${NEW_TOKEN}\n`);
    assert.equal(set(`${NAME}=`, NEW_TOKEN).text, `${NAME}=${NEW_TOKEN}`);
  });

  test('a quoted value dotenv reads from the line after = is brought onto the key line', () => {
    const text = `${NAME}=\n"${TOKEN}"\nB=2\n`;
    assert.equal(dotenvParse(text)[NAME], TOKEN);
    assert.equal(set(text, NEW_TOKEN).text, `${NAME}=${NEW_TOKEN}\nB=2\n`);
  });

  test('a NAME= inside another variable\'s multi-line value is not a definition', () => {
    const text = `CERT="-----BEGIN-----\n${NAME}=${TOKEN}\n-----END-----"\n`;
    const result = set(text, NEW_TOKEN);
    assert.deepEqual(result, { text: `${text}${NAME}=${NEW_TOKEN}\n`, replaced: false });
    assert.equal(dotenvParse(result.text).CERT, `-----BEGIN-----\n${NAME}=${TOKEN}\n-----END-----`);
  });

  test('comments that mention NAME= are left alone', () => {
    const text = `# ${NAME}=${TOKEN}\n#${NAME}=x\nA=1 # ${NAME}=y\n`;
    assert.deepEqual(set(text, NEW_TOKEN), { text: `${text}${NAME}=${NEW_TOKEN}\n`, replaced: false });
    const defined = `# ${NAME}=example\n${NAME}=${TOKEN}\n`;
    assert.equal(set(defined, NEW_TOKEN).text, `# ${NAME}=example\n${NAME}=${NEW_TOKEN}\n`);
  });

  test('similar names are other variables', () => {
    const text = `${NAME}_OLD=1\nX${NAME}=2\n${NAME.toLowerCase()}=3\n${NAME}.x=4\n${NAME}-1=5\n`;
    assert.deepEqual(set(text, NEW_TOKEN), { text: `${text}${NAME}=${NEW_TOKEN}\n`, replaced: false });
  });

  test('the first of several definitions is replaced and the later ones removed, comments and all', () => {
    const text = [`${NAME}=a`, 'B=1', `export ${NAME}="b" # older`, 'C=2', `${NAME}='c`, 'd\'', 'D=3', ''].join('\n');
    const result = set(text, NEW_TOKEN);
    assert.deepEqual(result, { text: `${NAME}=${NEW_TOKEN}\nB=1\nC=2\nD=3\n`, replaced: true });
    assert.equal(readEnvVariable(text, NAME), 'a', 'the one replaced is the one readEnvVariable reads');
  });

  test('removing a duplicate that ends the file keeps the file\'s final line break as it was', () => {
    assert.equal(set(`${NAME}=a\nB=1\n${NAME}=b`, NEW_TOKEN).text, `${NAME}=${NEW_TOKEN}\nB=1`);
    assert.equal(set(`${NAME}=a\nB=1\n${NAME}=b\n`, NEW_TOKEN).text, `${NAME}=${NEW_TOKEN}\nB=1\n`);
    assert.equal(set(`${NAME}=a\n${NAME}=b\n${NAME}=c`, NEW_TOKEN).text, `${NAME}=${NEW_TOKEN}`);
    assert.equal(set(`${NAME}=a\r\n${NAME}=b\r\n${NAME}=c\r\n`, NEW_TOKEN).text, `${NAME}=${NEW_TOKEN}\r\n`);
    assert.equal(set(`A=0\r\n${NAME}=a\r\nB=1\r\n${NAME}=b`, NEW_TOKEN).text, `A=0\r\n${NAME}=${NEW_TOKEN}\r\nB=1`);
  });
});

describe('setEnvVariable: adding a definition', () => {
  const cases: [before: string, after: string][] = [
    ['', `${NAME}=${NEW_TOKEN}\n`],
    ['A=1\n', `A=1\n${NAME}=${NEW_TOKEN}\n`],
    ['A=1', `A=1\n${NAME}=${NEW_TOKEN}`],
    ['# only a comment', `# only a comment\n${NAME}=${NEW_TOKEN}`],
    ['\n\n', `\n\n${NAME}=${NEW_TOKEN}\n`],
    ['A=1\r\n', `A=1\r\n${NAME}=${NEW_TOKEN}\r\n`],
    ['A=1\r\nB=2', `A=1\r\nB=2\r\n${NAME}=${NEW_TOKEN}`],
    ['A=1\rB=2\r', `A=1\rB=2\r${NAME}=${NEW_TOKEN}\r`],
    ['\uFEFF', `\uFEFF${NAME}=${NEW_TOKEN}\n`],
    ['\uFEFFA=1\r\n', `\uFEFFA=1\r\n${NAME}=${NEW_TOKEN}\r\n`],
    ['A="x\ny"', `A="x\ny"\n${NAME}=${NEW_TOKEN}`],
  ];
  for (const [before, after] of cases) {
    test(`to ${JSON.stringify(before)}`, () => assert.deepEqual(set(before, NEW_TOKEN), { text: after, replaced: false }));
  }
});

describe('setEnvVariable: line endings and the byte order mark', () => {
  test('a CRLF file keeps CRLF everywhere, and a value written on several lines gets CRLF too', () => {
    const text = `# c\r\nA=1\r\n${NAME}=${TOKEN}\r\nB="x\r\ny"\r\n`;
    assert.equal(set(text, NEW_TOKEN).text, `# c\r\nA=1\r\n${NAME}=${NEW_TOKEN}\r\nB="x\r\ny"\r\n`);
    assert.equal(set(text, 'a$b\nc').text, `# c\r\nA=1\r\n${NAME}='a$b\r\nc'\r\nB="x\r\ny"\r\n`);
    assert.equal(set(`${NAME}='old\r\nlines'\r\nB=1\r\n`, NEW_TOKEN).text, `${NAME}=${NEW_TOKEN}\r\nB=1\r\n`);
  });

  test('a file mixing line endings keeps each line\'s own', () => {
    const text = `A=1\r\nB=2\n${NAME}=${TOKEN}\r\nC=3\n`;
    assert.equal(set(text, NEW_TOKEN).text, `A=1\r\nB=2\n${NAME}=${NEW_TOKEN}\r\nC=3\n`);
  });

  test('a byte order mark stays, also when the definition is on the first line', () => {
    assert.equal(set(`\uFEFF${NAME}=${TOKEN}\nA=1\n`, NEW_TOKEN).text, `\uFEFF${NAME}=${NEW_TOKEN}\nA=1\n`);
    assert.equal(set(`\uFEFFA=1\n${NAME}=${TOKEN}\n`, NEW_TOKEN).text, `\uFEFFA=1\n${NAME}=${NEW_TOKEN}\n`);
  });
});

describe('setEnvVariable: how the value is written', () => {
  const written: [value: string, line: string][] = [
    [TOKEN, `${NAME}=${TOKEN}`],
    ['user@example.com:8080/a.b+c-d_e', `${NAME}=user@example.com:8080/a.b+c-d_e`],
    ['', `${NAME}=""`],
    ['two words', `${NAME}="two words"`],
    [' padded ', `${NAME}=" padded "`],
    ['a#b', `${NAME}="a#b"`],
    ['https://x.test/?a=b&c', `${NAME}="https://x.test/?a=b&c"`],
    ["it's", `${NAME}="it's"`],
    ['`tick`', `${NAME}="\`tick\`"`],
    ['line one\nline two', `${NAME}="line one\\nline two"`],
    ['crlf\r\nend\r', `${NAME}="crlf\\r\\nend\\r"`],
    ['tab\there', `${NAME}="tab\there"`],
    ['Zoë 東京 🚀', `${NAME}="Zoë 東京 🚀"`],
    ['$HOME/bin', `${NAME}='$HOME/bin'`],
    ['C:\\Users\\me', `${NAME}='C:\\Users\\me'`],
    ['say "hi"', `${NAME}='say "hi"'`],
    ['literal \\n stays', `${NAME}='literal \\n stays'`],
    ['a "quoted"\nsecond line', `${NAME}='a "quoted"\nsecond line'`],
    ["it's \"both\"", `${NAME}=\`it's "both"\``],
    ["it's `x` $HOME", `${NAME}="it's \`x\` $HOME"`],
    ["a'b\"c`d", `${NAME}=a'b"c\`d`],
  ];
  for (const [value, line] of written) {
    test(`${JSON.stringify(value)} as ${JSON.stringify(line)}`, () => {
      assert.equal(set('', value).text, `${line}\n`);
      assert.equal(set(`A=1\n${NAME}=old # c\nB=2\n`, value).text, `A=1\n${line} # c\nB=2\n`);
    });
  }

  test('a value ending in a backslash is never quoted: dotenv could take it as quoting the closing quote', () => {
    // Either quote could then run on to a later line that ends in the same quote.
    for (const later of ["B=x # ends in a quote'", 'B=x # ends in a backtick`']) {
      for (const value of ['\\', 'C:\\dir\\', 'with $ and \\', 'a "b" \\']) {
        const result = set(`${NAME}=old\n${later}\n`, value);
        assert.equal(result.text, `${NAME}=${value}\n${later}\n`, JSON.stringify(value));
      }
    }
  });

  test('a value no form can hold is refused, and the file is not changed', () => {
    for (const value of ["a'b\"c`d\re", "'\"`\r", "x'y`z\\n \"w\" #"]) {
      assert.throws(() => setEnvVariable(`${NAME}=old\n`, NAME, value), (error: unknown) => {
        assert.ok(error instanceof RangeError);
        assert.match(error.message, /cannot be written to a \.env file so that it reads back exactly/);
        return true;
      }, JSON.stringify(value));
    }
  });

  test('an invalid name is refused with the validation message', () => {
    for (const name of ['', '1ABC', 'A-B', 'A.B', 'A B']) {
      assert.throws(() => setEnvVariable('', name, TOKEN), (error: unknown) => error instanceof RangeError && error.message === validateEnvVariableName(name));
    }
  });

  test('an edit that would change how another line reads is refused', () => {
    // A's value ends in \" : dotenv reads it as `x\` only because a later quote closes nothing;
    // with the old value's quotes gone, A would swallow the lines after it.
    const text = `A="x\\"\n${NAME}="old"\nB=1 "\n`;
    assert.deepEqual(dotenvParse(text), { A: 'x\\', [NAME]: 'old', B: '1 "' });
    assert.throws(() => setEnvVariable(text, NAME, NEW_TOKEN), /would change how other lines of this file are read/);
    const dropping = `A="x\\"\n${NAME}=1\n${NAME}="dup"\nB="\n`;
    assert.deepEqual(dotenvParse(dropping), { A: 'x\\', [NAME]: 'dup', B: '"' });
    assert.throws(() => setEnvVariable(dropping, NAME, NEW_TOKEN), /would change how other lines/);
  });
});

describe('setEnvVariable: round trips', () => {
  const values = [
    TOKEN,
    'vck_' + 'a'.repeat(200),
    '',
    ' ',
    '#',
    '"',
    "'",
    '`',
    '\\',
    '\\\\',
    '\\n',
    '\\r',
    'ends with \\',
    '\n',
    '\r',
    '\r\n',
    '\n\n\n',
    'a\u2028b',
    '\u2029',
    '\u0000nul',
    '\uFEFFbom',
    '=',
    'A=B',
    'export X=1',
    '# not a comment',
    'x # y',
    '"double"',
    "'single'",
    '`tick`',
    '"unbalanced',
    "mixed 'single' and \"double\"",
    '${OTHER}',
    '$',
    'multi\nline\nwith = and # and \'',
    'line\\nbreak and a real\none',
    'ünïcödé 日本語 🚀 \u202E',
    'x'.repeat(10_000),
    Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).filter((c) => !/['"`]/.test(c)).join(''),
  ];
  const files = [
    '',
    '\n',
    'A=1',
    'A=1\n',
    'A=1\r\n',
    '\uFEFFA=1\n',
    REFERENCE,
    REFERENCE.replace(/\n/g, '\r\n'),
    `${REFERENCE}\n${NAME}=${TOKEN}\n`,
    `${NAME}=${TOKEN}\n${REFERENCE}`,
    `export ${NAME} = "${TOKEN}" # c\r\n${REFERENCE.replace(/\n/g, '\r\n')}\r\n${NAME}='dup'\r\n`,
    `${NAME}='multi\nline'\nA=1\n${NAME}=\`x\ny\` # dup\n`,
    `A="x\n${NAME}=inside\ny"\n`,
  ];
  test(`${values.length} values × ${files.length} files: set, then read by us and by dotenv, is exactly the value`, () => {
    let checked = 0;
    for (const file of files) {
      for (const value of values) {
        const first = set(file, value);
        assert.equal(first.replaced, dotenvParse(file)[NAME] !== undefined);
        // Setting it again writes the same text.
        assert.equal(setEnvVariable(first.text, NAME, value).text, first.text);
        const other = set(first.text, NEW_TOKEN);
        assert.equal(other.replaced, true);
        checked++;
      }
    }
    assert.equal(checked, values.length * files.length);
  });

  test('large and hostile files are handled in linear time', () => {
    const hostile = [
      '\n'.repeat(300_000) + `${NAME}=${TOKEN}`,
      ' '.repeat(300_000) + 'x\n',
      `A="${'\\"'.repeat(100_000)}x\n`,
      `A='${'a'.repeat(300_000)}\n`,
      `${'K=v\n'.repeat(100_000)}${NAME}=${TOKEN}\n`,
      `${'# comment\r\n'.repeat(50_000)}`,
    ];
    for (const text of hostile) {
      const result = setEnvVariable(text, NAME, NEW_TOKEN);
      assert.equal(readEnvVariable(result.text, NAME), NEW_TOKEN);
    }
  });
});

describe('setEnvVariable: fuzz', () => {
  const RUNS = 1500;
  const random = mulberry32(20261202);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chance = (p: number) => random() < p;
  const blanks = () => pick(['', '', ' ', '  ', '\t']);
  const ALPHABET = 'abcXYZ019 _-./:@+=,;!?()[]{}&*%~^<>|éü日🚀';
  const text = (max: number) => Array.from({ length: Math.floor(random() * max) }, () => pick([...ALPHABET])).join('');
  const OTHER_NAMES = ['A', 'B_2', 'DATABASE_URL', `${NAME}_OLD`, `X${NAME}`, NAME.toLowerCase(), `${NAME}.x`, 'see'];

  /** A value in one of dotenv's forms, with no quote of its own kind inside (and no backslash). */
  function quotedValue(lineBreak: string): string {
    const body = () => text(12).replace(/#/g, '');
    switch (pick(['unquoted', 'unquoted', 'double', 'single', 'backtick', 'multi', 'empty'])) {
      case 'unquoted': return body().trim().replace(/^['"`]+/, '') || 'v';
      case 'double': return `"${text(12)}${pick(['', "'", '`', '\\n'])}"`;
      case 'single': return `'${text(12)}${pick(['', '"', '`'])}'`;
      case 'backtick': return `\`${text(12)}${pick(['', '"', "'"])}\``;
      case 'multi': {
        const quote = pick(['"', "'", '`']);
        const inner = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick([text(10), `${NAME}=${TOKEN}`, `export ${NAME}=x`, `# ${NAME}=y`, '']));
        return `${quote}${inner.join(lineBreak)}${quote}`;
      }
      default: return '';
    }
  }

  interface Unit {
    text: string;
    /** For a definition of NAME: the text before and after the value, and the line break. */
    own?: { head: string; tail: string; lineBreak: string };
  }

  function unit(lineBreak: string): Unit {
    const comment = () => pick(['', '', ` # ${text(8)}`, `#${text(5)}`, ` # ${NAME}=${TOKEN}`]);
    switch (pick(['own', 'own', 'other', 'other', 'other', 'comment', 'blank', 'prose'])) {
      case 'own': {
        const value = quotedValue(lineBreak);
        const separator = pick(['=', '=', ' = ', '\t=\t', ': ']);
        const start = `${blanks()}${chance(0.3) ? pick(['export ', 'export\t']) : ''}${NAME}`;
        const after = comment();
        const head = value === '' ? `${start}${separator.trimEnd()}` : `${start}${separator}`;
        const tail = value === '' ? `${separator.slice(separator.trimEnd().length)}${after}` : after;
        if (separator === ': ' && value === '') return unit(lineBreak);
        return { text: `${start}${separator}${value}${after}${lineBreak}`, own: { head, tail, lineBreak } };
      }
      case 'other': {
        const value = quotedValue(lineBreak);
        return { text: `${blanks()}${chance(0.2) ? 'export ' : ''}${pick(OTHER_NAMES)}${pick(['=', ' = '])}${value}${comment()}${lineBreak}` };
      }
      case 'comment': return { text: `${blanks()}#${pick([` ${NAME}=${TOKEN}`, `${NAME}=x`, ` export ${NAME}=y`, ` ${text(20)}`])}${lineBreak}` };
      case 'blank': return { text: `${blanks()}${lineBreak}` };
      default: return { text: `just ${text(10).replace(/[=:#"'`]/g, '')}${lineBreak}` };
    }
  }

  const valuePool = () =>
    pick([
      () => `vcp_${Array.from({ length: 24 }, () => pick([...'ABCxyz0189'])).join('')}`,
      () => text(20),
      () => `${text(5)}${pick(['"', "'", '`', '$', '\\', '\n', '\r\n', '#', ' '])}${text(5)}`,
      () => '',
    ])();

  test(`${RUNS} random files: only the definitions change, and dotenv reads back the value`, () => {
    let replacedCount = 0;
    let removedCount = 0;
    for (let run = 0; run < RUNS; run++) {
      const lineBreak = pick(['\n', '\n', '\r\n']);
      const units = Array.from({ length: Math.floor(random() * 12) }, () => unit(lineBreak));
      const bom = chance(0.1) ? '\uFEFF' : '';
      const finalBreak = chance(0.7);
      if (!finalBreak && units.length) units[units.length - 1].text = units[units.length - 1].text.slice(0, -lineBreak.length);
      const file = bom + units.map((u) => u.text).join('');
      const value = valuePool();
      const context = JSON.stringify({ file, value });

      const result = set(file, value);
      const first = units.findIndex((u) => u.own);
      assert.equal(result.replaced, first !== -1, context);
      // The file's line break is its first; a value on several lines is written with it.
      const fileBreak = /\r\n|\n/.exec(file)?.[0] ?? '\n';
      const written = setEnvVariable('', NAME, value).text.slice(`${NAME}=`.length, -1);
      const writtenHere = /^['`]/.test(written) ? written.replace(/\n/g, fileBreak) : written;
      if (first === -1) {
        const separator = file === bom || /[\r\n]$/.test(file) ? '' : fileBreak;
        const end = file === bom || /[\r\n]$/.test(file) ? fileBreak : '';
        assert.equal(result.text, `${file}${separator}${NAME}=${writtenHere}${end}`, context);
        continue;
      }
      replacedCount++;
      const MARK = '\u0000';
      let expected =
        bom +
        units
          .map((u, index) => {
            if (index === first) return `${u.own!.head}${MARK}${u.own!.tail}${index === units.length - 1 && !finalBreak ? '' : u.own!.lineBreak}`;
            if (u.own) removedCount++;
            return u.own ? '' : u.text;
          })
          .join('');
      if (!finalBreak && units[units.length - 1].own && first !== units.length - 1) expected = expected.replace(/\r?\n$/, '');
      assert.equal(result.text, expected.replace(MARK, () => writtenHere), context);
    }
    assert.ok(replacedCount > RUNS / 2 && removedCount > RUNS / 4, `${replacedCount} replaced, ${removedCount} removed`);
  });
});

describe('validateEnvVariableName', () => {
  for (const name of ['VERCEL_TOKEN', 'A', '_', '_private', 'a1', 'camelCase', 'X'.repeat(200)]) {
    test(`accepts ${name.length > 20 ? `${name.length} characters` : name}`, () => assert.equal(validateEnvVariableName(name), undefined));
  }

  const refused: [name: string, message: RegExp | string][] = [
    ['', 'Enter a variable name, for example VERCEL_TOKEN.'],
    ['   ', /only spaces/],
    ['1ABC', 'A variable name cannot start with a digit.'],
    ['A-B', 'A variable name can contain only the letters A–Z and a–z, digits and "_": remove "-".'],
    ['A.B', /remove "\."/],
    ['A B', /remove the space/],
    ['A\tB', /remove the blank or control character/],
    ['A\u200BB', /remove the blank or control character/],
    ['ÉTAT', /remove "É"/],
    ['🚀TOKEN', /remove "🚀"/],
    ['export VERCEL_TOKEN', /remove the space/],
    ['VERCEL_TOKEN=', /remove "="/],
  ];
  for (const [name, message] of refused) {
    test(`refuses ${JSON.stringify(name)}`, () => {
      const result = validateEnvVariableName(name);
      if (typeof message === 'string') assert.equal(result, message);
      else assert.match(result ?? '', message);
    });
  }

  test('every name it accepts is read by dotenv as that name', () => {
    const random = mulberry32(7);
    let accepted = 0;
    for (let run = 0; run < 3000; run++) {
      const name = Array.from({ length: 1 + Math.floor(random() * 6) }, () => '_aZ09-.$é '[Math.floor(random() * 10)]).join('');
      if (validateEnvVariableName(name) !== undefined) continue;
      accepted++;
      assert.deepEqual(dotenvParse(`${name}=x`), { [name]: 'x' }, name);
    }
    assert.ok(accepted > 100, `only ${accepted} accepted`);
  });
});

describe('a token value is no variable name', () => {
  test('a pasted value is refused without being quoted', () => {
    const value = 'vck_' + 'Zz09'.repeat(6);
    const message = validateEnvVariableName(value);
    assert.equal(message, 'This looks like a token value, not a name: enter a name such as VERCEL_TOKEN.');
    assert.ok(!message.includes(value));
  });
});
