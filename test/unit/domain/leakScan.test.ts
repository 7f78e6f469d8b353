// Vercel token values in a document's text: which shapes count, where a value starts and ends, and
// offsets a document can turn into positions. A regex written from the documented rules (slow, but
// plainly right) is checked against the scanner on random texts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findTokenCandidates, MAX_BODY_LENGTH, MIN_BODY_LENGTH, TOKEN_PREFIXES, type TokenCandidate } from '../../../src/domain/leakScan';
import { normalizeAccountToken } from '../../../src/domain/validation';
import { mulberry32 } from '../support/random';

const BODY = 'Q7mK2xLw9tR4nB8zY3pH6dF1';
const TOKEN = `vcp_${BODY}`;
const OTHER = 'vck_Zr5Tq8Wm2Kx7Pn4Bv1Lc6Hd3';

/** The values found, as text. */
const values = (text: string) => findTokenCandidates(text).map((candidate) => text.slice(candidate.start, candidate.end));

function candidate(text: string, value: string, from = 0): TokenCandidate {
  const start = text.indexOf(value, from);
  assert.ok(start !== -1, `${value} is in the text`);
  return { start, end: start + value.length, prefix: value.slice(0, 4), suffix: value.slice(-4) };
}

describe('findTokenCandidates: shapes', () => {
  test('every prefix, with what the diagnostics need about the value', () => {
    for (const prefix of TOKEN_PREFIXES) {
      const text = `token: ${prefix}${BODY}\n`;
      assert.deepEqual(findTokenCandidates(text), [{ start: 7, end: 7 + 4 + BODY.length, prefix, suffix: BODY.slice(-4) }]);
    }
  });

  test('the prefixes are the ones validation.ts knows: it holds a value to letters and digits after each', () => {
    assert.deepEqual([...TOKEN_PREFIXES].sort(), ['vca_', 'vci_', 'vck_', 'vcp_', 'vcr_']);
    for (const prefix of TOKEN_PREFIXES) {
      const refused = normalizeAccountToken(`${prefix}${BODY.slice(0, 12)}_${BODY.slice(12)}`);
      assert.ok(!refused.ok && /after its prefix a token has only letters and digits/.test(refused.message), prefix);
      assert.ok(normalizeAccountToken(`${prefix}${BODY}`).ok);
    }
    assert.ok(normalizeAccountToken(`vcx_${BODY.slice(0, 12)}_${BODY.slice(12)}`).ok, 'an unknown prefix is not one of them');
  });

  test(`a body of ${MIN_BODY_LENGTH} to ${MAX_BODY_LENGTH} letters and digits, no fewer, no more`, () => {
    const body = (length: number) => 'aZ9'.repeat(100).slice(0, length);
    assert.deepEqual(values(`x vcp_${body(MIN_BODY_LENGTH - 1)} x`), []);
    assert.deepEqual(values(`x vcp_${body(MIN_BODY_LENGTH)} x`), [`vcp_${body(MIN_BODY_LENGTH)}`]);
    assert.deepEqual(values(`x vcp_${body(MAX_BODY_LENGTH)} x`), [`vcp_${body(MAX_BODY_LENGTH)}`]);
    assert.deepEqual(values(`x vcp_${body(MAX_BODY_LENGTH + 1)} x`), [], 'a longer run is some other blob');
    assert.deepEqual(values(`vcp_${body(5000)}`), []);
  });

  test('not a prefix: other letters, capitals, a missing underscore', () => {
    for (const prefix of ['vcx_', 'vcz_', 'VCP_', 'Vcp_', 'vCp_', 'vcp-', 'vcp', 'vc_', 'v cp_', 'vcpp_']) {
      assert.deepEqual(values(`t=${prefix}${BODY}`), [], prefix);
    }
  });

  test('the body is ASCII letters and digits: it ends at anything else', () => {
    assert.deepEqual(values(`${TOKEN}.json`), [TOKEN]);
    assert.deepEqual(values(`${TOKEN}-old`), [TOKEN]);
    assert.deepEqual(values(`"${TOKEN}"`), [TOKEN]);
    assert.deepEqual(values(`${TOKEN}é`), [TOKEN]);
    assert.deepEqual(values(`vcp_${BODY.slice(0, 10)}é${BODY.slice(10)}`), [], 'ten letters, then not a letter of the body');
    assert.deepEqual(values(`vcp_${BODY.slice(0, 10)}-${BODY}`), [], 'the part after the dash has no prefix');
  });
});

describe('findTokenCandidates: where a value starts and ends', () => {
  test('after anything but a letter, digit or underscore', () => {
    for (const before of ['', ' ', '\t', '\n', '=', ':', '"', "'", '`', '(', '[', '{', '<', '/', '\\', '$', '-', '.', ',', '@', '#', '|', '\u00A0', 'é', '日', '🚀']) {
      const text = `${before}${TOKEN}`;
      assert.deepEqual(findTokenCandidates(text), [candidate(text, TOKEN)], JSON.stringify(before));
    }
  });

  test('glued after a letter, digit or underscore it is part of an identifier, not reported', () => {
    for (const before of ['a', 'Z', 'abc', 'x', '0', '9', '_', 'x_', 'MY_', 'token']) {
      assert.deepEqual(values(`${before}${TOKEN}`), [], before);
      assert.deepEqual(values(`const ${before}${TOKEN} = 1;`), [], before);
    }
  });

  test('right after an escape that ends in a letter: \\n, \\r, \\t in a string literal, %XX in a URL', () => {
    for (const before of ['\\n', '\\r', '\\t', '%3D', '%3d', '%20', '%0A']) {
      const text = `"a${before}${TOKEN}"`;
      assert.deepEqual(values(text), [TOKEN], before);
    }
    for (const before of ['\\x', 'n', '%3', '%G0', '3D']) assert.deepEqual(values(`a${before}${TOKEN}`), [], before);
  });

  test('a value followed by an underscore is the start of a longer identifier', () => {
    assert.deepEqual(values(`${TOKEN}_handler`), []);
    assert.deepEqual(values(`${TOKEN}_`), []);
    assert.deepEqual(values(`${TOKEN}__`), []);
  });

  test('two values written together are both reported: the second prefix ends the first', () => {
    const text = `TOKENS=${TOKEN}${OTHER}`;
    assert.deepEqual(findTokenCandidates(text), [candidate(text, TOKEN), candidate(text, OTHER)]);
    const three = `${TOKEN}${OTHER}${TOKEN}`;
    assert.deepEqual(findTokenCandidates(three), [candidate(three, TOKEN), candidate(three, OTHER), candidate(three, TOKEN, 4)]);
  });

  test('a prefix that ends a too-short value still starts one of its own', () => {
    assert.deepEqual(values(`=vcp_${BODY.slice(0, 5)}${OTHER}`), [OTHER]);
    assert.deepEqual(values(`=vcp_vci_vck_${OTHER}`), [OTHER]);
    assert.deepEqual(values(`vcp_${OTHER}_x`), [], 'the last value is followed by an underscore');
    assert.deepEqual(values(`${TOKEN}${OTHER}_x`), [TOKEN], 'only the last one continues into an identifier');
  });

  test('values written together after an identifier are all part of it', () => {
    assert.deepEqual(values(`abc${TOKEN}${OTHER}`), []);
    assert.deepEqual(values(`my_${TOKEN}${OTHER}`), []);
  });

  test('letters that look like a prefix but have no underscore are part of the body', () => {
    const value = `vcp_${BODY}vckX${BODY}`;
    assert.deepEqual(values(`${value} `), [value]);
  });
});

describe('findTokenCandidates: offsets', () => {
  test('are UTF-16 offsets: characters outside the BMP before a value count twice', () => {
    const text = `🚀日本 Zoë ${TOKEN} 👩‍💻 ${OTHER}`;
    const found = findTokenCandidates(text);
    assert.deepEqual(found, [candidate(text, TOKEN), candidate(text, OTHER)]);
    assert.equal(found[0].start, 2 + 2 + 1 + 3 + 1);
    for (const { start, end, prefix, suffix } of found) {
      assert.equal(text.slice(start, start + 4), prefix);
      assert.equal(text.slice(end - 4, end), suffix);
    }
  });

  test('several on a line and across CRLF lines, each ending before the line break', () => {
    const text = `A=${TOKEN} B=${OTHER}\r\nC="${OTHER}"\r\n  ${TOKEN}\r\n`;
    const found = findTokenCandidates(text);
    assert.deepEqual(found, [
      candidate(text, TOKEN),
      candidate(text, OTHER),
      candidate(text, OTHER, text.indexOf('C=')),
      candidate(text, TOKEN, text.indexOf('C=')),
    ]);
    for (const { end } of found) assert.match(text.slice(end, end + 1), /[ "\r]/);
  });

  test('nothing in an empty text or one without a prefix', () => {
    assert.deepEqual(findTokenCandidates(''), []);
    assert.deepEqual(findTokenCandidates('vc'), []);
    assert.deepEqual(findTokenCandidates('vcp_'), []);
    assert.deepEqual(findTokenCandidates('svc vcs avcodec vcpkg rvc_ VC_'), []);
  });

  test('a 1 MB document with tokens at known offsets: those, and nothing else', () => {
    const MB = 1024 * 1024;
    const lines = [
      'export function handler(req: Request, svc: Service): Response {',
      '  const vcs = avcodec.decode(input); // vcpkg builds this',
      `  return svc_call(rvc_value, "vcx_${BODY}", vcp_short, xvcp_${BODY}, vcp_${BODY}_old);`,
      '}',
      '',
    ];
    let source = '';
    for (let line = 0; source.length < MB; line++) source += lines[line % lines.length] + '\n';
    assert.deepEqual(findTokenCandidates(source), [], 'the source-like filler holds near misses only');
    // Whole lines, then spaces: a line cut short could leave a token-shaped piece of a near miss.
    const filler = (length: number) => {
      const whole = source.slice(0, source.lastIndexOf('\n', length - 1) + 1);
      return whole + ' '.repeat(length - whole.length);
    };

    const tokens = [TOKEN, OTHER, `vca_${BODY}`, `vcr_${'a1'.repeat(100)}`];
    const offsets = [0, 123_457, 524_288, MB - tokens[3].length - 1];
    let text = '';
    tokens.forEach((token, index) => {
      text += filler(offsets[index] - text.length - (index === 0 ? 0 : 1)) + (index === 0 ? '' : ' ') + token + '\n';
    });
    assert.equal(text.length, MB);
    assert.deepEqual(
      findTokenCandidates(text),
      tokens.map((token, index) => ({ start: offsets[index], end: offsets[index] + token.length, prefix: token.slice(0, 4), suffix: token.slice(-4) })),
    );
  });
});

describe('findTokenCandidates: against a regex of the documented rules', () => {
  // A run of values: a prefix where a value may start, then prefix + body segments glued together.
  const START = String.raw`(?<=^|[^A-Za-z0-9_]|\\[nrt]|%[0-9A-Fa-f]{2})`;
  const SEGMENT = String.raw`vc[pciark]_(?:(?!vc[pciark]_)[A-Za-z0-9])*`;
  const RUN = new RegExp(`${START}(?:${SEGMENT})+`, 'g');
  const SEGMENTS = new RegExp(SEGMENT, 'g');

  function reference(text: string): TokenCandidate[] {
    const found: TokenCandidate[] = [];
    for (const run of text.matchAll(RUN)) {
      const segments = [...run[0].matchAll(SEGMENTS)];
      const followedByUnderscore = text[run.index + run[0].length] === '_';
      segments.forEach((segment, index) => {
        const bodyLength = segment[0].length - 4;
        if (bodyLength < MIN_BODY_LENGTH || bodyLength > MAX_BODY_LENGTH) return;
        if (index === segments.length - 1 && followedByUnderscore) return;
        const start = run.index + segment.index;
        found.push({ start, end: start + segment[0].length, prefix: segment[0].slice(0, 4), suffix: segment[0].slice(-4) });
      });
    }
    return found;
  }

  const random = mulberry32(20261203);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const alphanumerics = (length: number) => Array.from({ length }, () => pick([...'ABCxyz0189vc'])).join('');
  const PIECES = [
    () => pick(TOKEN_PREFIXES),
    () => pick(TOKEN_PREFIXES) + alphanumerics(Math.floor(random() * 30)),
    () => pick(TOKEN_PREFIXES) + alphanumerics(pick([19, 20, 21, 24, 199, 200, 201])),
    () => pick(['vc', 'v', 'c', 'vcx_', 'VCP_', 'vcp', '_', '__', 'x', '9']),
    () => pick([' ', '=', '"', '\n', '\r\n', '\\n', '\\t', '\\x', '%3D', '%G', '-', '.', 'é', '🚀']),
    () => alphanumerics(Math.floor(random() * 8)),
  ];

  test('2000 random texts of prefixes, bodies, separators and escapes: the same values', () => {
    let total = 0;
    for (let run = 0; run < 2000; run++) {
      const text = Array.from({ length: Math.floor(random() * 25) }, () => pick(PIECES)()).join('');
      const expected = reference(text);
      assert.deepEqual(findTokenCandidates(text), expected, JSON.stringify(text));
      total += expected.length;
    }
    assert.ok(total > 1000, `only ${total} values in the texts`);
  });

  test('the texts an editor gets hostile: long runs of prefixes, near misses and letters', () => {
    const hostile = [
      'vcp_'.repeat(50_000),
      'vc'.repeat(100_000),
      `vcp_${'a'.repeat(19)} `.repeat(10_000),
      `x${TOKEN}`.repeat(10_000),
      'a'.repeat(200_000) + TOKEN,
      `${TOKEN}${OTHER}`.repeat(5000),
    ];
    for (const text of hostile) assert.deepEqual(findTokenCandidates(text), reference(text));
    assert.equal(findTokenCandidates(hostile[5]).length, 10_000);
  });
});
