import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeAccountToken, validateApiUrl, validateTokenName } from '../../../src/domain/validation';

describe('validateTokenName', () => {
  const fine = [
    'ci',
    'deploy-bot_01 (prod)',
    'déploiement',
    '本番',
    'ci 🚀',
    '👩‍💻 laptop', // U+200D inside an emoji sequence
    '🏳️‍🌈 pride',
    'Ünïcödé 日本語 한국어 العربية',
    'two  inner  spaces',
    'a'.repeat(100),
    '🚀'.repeat(100), // 100 code points, 200 UTF-16 units
  ];
  for (const name of fine) {
    test(`accepts ${JSON.stringify(name)}`, () => assert.equal(validateTokenName(name), undefined));
  }

  const refused: [name: string, message: RegExp | string][] = [
    ['', 'Enter a name for the token.'],
    ['   ', /only whitespace/],
    ['\t\n', /only whitespace/],
    ['\ufeff', /only whitespace/],
    ['abc\u202Etxt.exe', 'The name contains an invisible text-direction character (U+202E RIGHT-TO-LEFT OVERRIDE) at position 4. Remove it.'],
    ['ci\nprod', 'The name contains a control character (U+000A LINE FEED) at position 3. Remove it.'],
    ['ci\tprod', /control character \(U\+0009 CHARACTER TABULATION\) at position 3/],
    ['a\rb', /control character \(U\+000D CARRIAGE RETURN\) at position 2/],
    ['a\u0000b', /control character \(U\+0000 NULL\) at position 2/],
    ['a\u001bb', /control character \(U\+001B ESCAPE\)/],
    ['a\u007fb', /control character \(U\+007F DELETE\)/],
    ['a\u0085b', /control character \(U\+0085 NEXT LINE\)/],
    ['a\u009bb', /control character \(U\+009B\) at position 2/],
    ['line\u2028break', /line break \(U\+2028 LINE SEPARATOR\) at position 5/],
    ['a\u202Ab', /text-direction character \(U\+202A LEFT-TO-RIGHT EMBEDDING\)/],
    ['a\u202Bb', /text-direction character \(U\+202B RIGHT-TO-LEFT EMBEDDING\)/],
    ['a\u202Cb', /text-direction character \(U\+202C POP DIRECTIONAL FORMATTING\)/],
    ['a\u202Db', /text-direction character \(U\+202D LEFT-TO-RIGHT OVERRIDE\)/],
    ['a\u2066b', /text-direction character \(U\+2066 LEFT-TO-RIGHT ISOLATE\)/],
    ['a\u2067b', /text-direction character \(U\+2067 RIGHT-TO-LEFT ISOLATE\)/],
    ['a\u2068b', /text-direction character \(U\+2068 FIRST STRONG ISOLATE\)/],
    ['a\u2069b', /text-direction character \(U\+2069 POP DIRECTIONAL ISOLATE\)/],
    ['a\u200Eb', /text-direction character \(U\+200E LEFT-TO-RIGHT MARK\)/],
    ['a\u200Fb', /text-direction character \(U\+200F RIGHT-TO-LEFT MARK\)/],
    ['a\u061Cb', /text-direction character \(U\+061C ARABIC LETTER MARK\)/],
    ['\u200B', /invisible character \(U\+200B ZERO WIDTH SPACE\) at position 1/],
    ['a\u200Cb', /invisible character \(U\+200C ZERO WIDTH NON-JOINER\)/],
    ['a\u200Db', /invisible character \(U\+200D ZERO WIDTH JOINER\) at position 2/],
    ['🚀\u200D', /invisible character \(U\+200D ZERO WIDTH JOINER\) at position 2/],
    ['a\u2060b', /invisible character \(U\+2060 WORD JOINER\)/],
    ['a\u2063b', /invisible character \(U\+2063 INVISIBLE SEPARATOR\)/],
    ['a\u2064b', /invisible character \(U\+2064 INVISIBLE PLUS\)/],
    ['a\uFEFFb', /invisible character \(U\+FEFF ZERO WIDTH NO-BREAK SPACE\)/],
    ['soft\u00ADhyphen', /invisible character \(U\+00AD SOFT HYPHEN\) at position 5/],
    ['a\u180Eb', /invisible character \(U\+180E MONGOLIAN VOWEL SEPARATOR\)/],
    ['a\u{E0041}b', /invisible character \(U\+E0041\) at position 2/], // tag characters hide ASCII text
    ['\u3164', /invisible character \(U\+3164 HANGUL FILLER\)/],
    ['🚀🚀\u202E', /\(U\+202E RIGHT-TO-LEFT OVERRIDE\) at position 3/], // positions count characters, not UTF-16 units
    ['ab\uD800', 'The name contains a broken character (U+D800 UNPAIRED SURROGATE) at position 3. Remove it.'],
    ['\uDC00x', /broken character \(U\+DC00 UNPAIRED SURROGATE\) at position 1/],
    [' ci', 'The name starts with a space. Remove the leading whitespace (trim the name).'],
    ['ci ', 'The name ends with a space. Remove the trailing whitespace (trim the name).'],
    ['ci\u00A0', /ends with a space/],
    ['\u3000ci', /starts with a space/],
    ['a'.repeat(101), 'The name is 101 characters long; the maximum is 100.'],
    ['🚀'.repeat(101), /101 characters long/],
  ];
  for (const [name, message] of refused) {
    test(`refuses ${JSON.stringify(name)}`, () => {
      const result = validateTokenName(name);
      if (typeof message === 'string') assert.equal(result, message);
      else assert.match(result ?? '', message);
    });
  }
});

describe('normalizeAccountToken', () => {
  const LEGACY = 'Zq8xK2mP9vL4tR7wB1nC5yH3';
  const PERSONAL = 'vcp_7Hq2Lx9Wm4Rt8Ks1Nb6Vd3Fz0Yc5Pj';
  const fine: [raw: string, token: string][] = [
    [LEGACY, LEGACY],
    [`${LEGACY}\n`, LEGACY],
    [`${LEGACY}\r\n`, LEGACY],
    [`  ${LEGACY}  `, LEGACY],
    [`\t${LEGACY} \n `, LEGACY],
    [PERSONAL, PERSONAL],
    ['vci_Qm3Zr8Tk2Wx7Pb5Ld1Hs9Ny4', 'vci_Qm3Zr8Tk2Wx7Pb5Ld1Hs9Ny4'],
    ['vca_Gt6Jw1Xe8Bn3Uv5Qa9Mc2Lr0', 'vca_Gt6Jw1Xe8Bn3Uv5Qa9Mc2Lr0'],
    ['vcr_Ks4Dp7Yf2Hm9Ct1Wz6Eq3Ng8', 'vcr_Ks4Dp7Yf2Hm9Ct1Wz6Eq3Ng8'],
    ['vck_Ub5Ri8Oa1Te4Sl7Gy2Fx9Vw3', 'vck_Ub5Ri8Oa1Te4Sl7Gy2Fx9Vw3'],
    ['Mx7_Qp2_Lw9_Tz4_Hb8v', 'Mx7_Qp2_Lw9_Tz4_Hb8v'], // 20 characters, the general shape
    ['K'.repeat(200), 'K'.repeat(200)],
  ];
  for (const [raw, token] of fine) {
    test(`accepts ${JSON.stringify(raw.slice(0, 12))}…`, () => {
      assert.deepEqual(normalizeAccountToken(raw), { ok: true, token });
    });
  }

  const refused: [raw: string, message: RegExp][] = [
    ['', /^Paste your Vercel access token\. Create one at vercel\.com\/account\/settings\/tokens/],
    ['   ', /^Paste your Vercel access token/],
    ['\n', /^Paste your Vercel access token/],
    ['\u00A0\u3000', /only whitespace/],
    [`${LEGACY}\n\n`, /several lines\. Paste a single token/],
    [`${LEGACY}\n${PERSONAL}`, /Paste a single token/],
    [`${LEGACY}\r${PERSONAL}`, /Paste a single token/],
    [`Bearer ${LEGACY}`, /without "Bearer"/],
    [`bearer ${PERSONAL}`, /without "Bearer"/],
    [`Authorization: Bearer ${PERSONAL}`, /without "Bearer"/],
    [`https://vercel.com/account/settings/tokens?t=${LEGACY}`, /web address, not a token/],
    [`www.vercel.com/${LEGACY}`, /web address/],
    [`{"token":"${LEGACY}"}`, /looks like JSON/],
    [`["${LEGACY}"]`, /looks like JSON/],
    [`"${LEGACY}"`, /Remove the quotes/],
    [`'${LEGACY}'`, /Remove the quotes/],
    [`VERCEL_TOKEN=${LEGACY}`, /without the variable name and "="/],
    [`${LEGACY} ${LEGACY}`, /never contains spaces/],
    [`${LEGACY}\u00A0x`, /never contains spaces/],
    [`${LEGACY}-x`, /only letters, digits and "_"/],
    [`${LEGACY}\u200B`, /only letters, digits and "_"/],
    ['Zq8xK2mP9vL4tR7wB1n', /too short/], // 19 characters
    ['vcp_Zq8xK2mP9vL4tR7wB1n', /too short/], // prefix + 19
    ['vcp_Zq8xK2mP9v_L4tR7wB1nC', /after its prefix a token has only letters and digits/],
    ['K'.repeat(201), /too long .*at most 200 characters/],
  ];
  for (const [raw, message] of refused) {
    test(`refuses ${JSON.stringify(raw.slice(0, 16))}…`, () => {
      const result = normalizeAccountToken(raw);
      assert.equal(result.ok, false);
      const text = result.ok ? '' : result.message;
      assert.match(text, message);
      for (const secret of [LEGACY, PERSONAL, 'KKKKKK', 'Zq8xK2']) {
        for (let start = 0; start + 6 <= secret.length; start++) {
          assert.ok(!text.includes(secret.slice(start, start + 6)), `message repeats part of the token: ${text}`);
        }
      }
    });
  }
});

describe('validateApiUrl', () => {
  const fine: [raw: string, url: string][] = [
    ['https://api.vercel.com', 'https://api.vercel.com'],
    ['https://api.vercel.com/', 'https://api.vercel.com'],
    ['  HTTPS://API.Vercel.com/  ', 'https://api.vercel.com'],
    ['https://api.vercel.com:443/', 'https://api.vercel.com'],
    ['https://proxy.example.com/vercel/', 'https://proxy.example.com/vercel'],
    ['https://proxy.example.com:8443/a/b//', 'https://proxy.example.com:8443/a/b'],
    ['https://localhost.evil.com', 'https://localhost.evil.com'], // any host is fine over https
    ['https://bücher.example', 'https://xn--bcher-kva.example'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['HTTP://LOCALHOST:3000/api/', 'http://localhost:3000/api'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080'],
    ['http://127.1.2.3', 'http://127.1.2.3'],
    ['http://[::1]:4000/', 'http://[::1]:4000'],
  ];
  for (const [raw, url] of fine) {
    test(`accepts ${JSON.stringify(raw)}`, () => assert.deepEqual(validateApiUrl(raw), { ok: true, url }));
  }

  const PLAIN_HTTP = /Use https:\/\/ for this host.*allowed only for localhost, 127\.0\.0\.1 and \[::1\]/;
  const refused: [raw: string, message: RegExp][] = [
    ['', /^Enter the API URL, for example https:\/\/api\.vercel\.com/],
    ['   ', /^Enter the API URL/],
    ['api.vercel.com', /^Start the URL with https:\/\//],
    ['localhost:3000', /^Start the URL with https:\/\//],
    ['javascript:alert(1)', /^Start the URL with https:\/\//],
    ['ftp://api.vercel.com', /ftp:\/\/ is not supported/],
    ['file:///etc/passwd', /file:\/\/ is not supported/],
    ['https://', /Add the host name after https:\/\//],
    ['https:///api.vercel.com', /Add the host name/],
    ['https://[::1', /not a valid URL/],
    ['https://exa%mple.com', /not a valid URL/],
    ['https://api.ver cel.com', /Remove the spaces and line breaks/],
    ['https://api.vercel.com\n/v1', /Remove the spaces and line breaks/],
    ['https://evil.com\\@api.vercel.com', /forward slashes/],
    ['https://user:pass@api.vercel.com', /Remove the user name and password/],
    ['https://token@api.vercel.com', /Remove the user name and password/],
    ['https://api.vercel.com/?teamId=team_1', /Remove the query/],
    ['https://api.vercel.com?', /Remove the query/],
    ['https://api.vercel.com/#top', /Remove the fragment/],
    ['http://api.vercel.com', PLAIN_HTTP],
    ['http://localhost.evil.com', PLAIN_HTTP],
    ['http://127.0.0.1.nip.io', PLAIN_HTTP],
    ['http://localhost.', PLAIN_HTTP],
    ['http://192.168.1.10:3000', PLAIN_HTTP],
    ['http://[::ffff:127.0.0.1]', PLAIN_HTTP],
  ];
  for (const [raw, message] of refused) {
    test(`refuses ${JSON.stringify(raw)}`, () => {
      const result = validateApiUrl(raw);
      assert.equal(result.ok, false);
      assert.match(result.ok ? '' : result.message, message);
    });
  }
});
