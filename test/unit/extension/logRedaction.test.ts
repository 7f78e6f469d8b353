// Logger.redact: a token value is redacted wherever it appears, even glued to other characters
// (after an underscore, inside a word, in quotes), while ordinary text is left as it is.
import '../support/installVscode';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Logger } from '../../../src/log';
import { FakeLogOutputChannel } from '../support/vscode';

function logger(): { log: Logger; channel: FakeLogOutputChannel } {
  const channel = new FakeLogOutputChannel('Vercel Tokens');
  return { log: new Logger(channel), channel };
}

const VALUE = 'vcp_AAAA1111BBBB';

describe('Logger.redact: token values glued to other text', () => {
  const { log } = logger();

  for (const [input, expected] of [
    [`x_${VALUE}`, 'x_[redacted]'],
    [`token${VALUE}`, 'token[redacted]'],
    [`"${VALUE}"`, '"[redacted]"'],
    [`Bearer ${VALUE}`, 'Bearer [redacted]'],
    [`value=${VALUE};next`, 'value=[redacted];next'],
    [`env VERCEL_TOKEN_${VALUE}`, 'env VERCEL_TOKEN_[redacted]'],
    [`9${VALUE}`, '9[redacted]'],
    [`${VALUE}${VALUE}`, '[redacted][redacted]'],
    [`(vci_ZZZZ9999yyyy) and (vck_abcdefgh)`, '([redacted]) and ([redacted])'],
  ] as const) {
    test(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(log.redact(input), expected);
    });
  }

  for (const input of [
    'vcpx',
    'vcp_',
    'vcp_short',
    'vcp_1234567',
    'the vcp_ prefix and the vci_ prefix',
    'svc_ABCDEFGHIJKL',
    'vc__ABCDEFGHIJKL',
    'VCP_ABCDEFGHIJKL',
    'GET /v6/user/tokens?limit=100 → 200 in 12 ms',
    'Token "deploy-vcp" was created',
  ]) {
    test(`${JSON.stringify(input)} is left alone`, () => {
      assert.equal(log.redact(input), input);
    });
  }

  test('every level writes the redacted text', () => {
    const { log: levels, channel } = logger();
    const line = `keyring said x_${VALUE} and tokenvcp_CCCC2222DDDD`;
    levels.trace(line);
    levels.debug(line);
    levels.info(line);
    levels.warn(line);
    levels.error(line, new Error(`also x_${VALUE}`));
    assert.equal(channel.lines.length, 5);
    for (const { message } of channel.lines) {
      assert.ok(!message.includes('AAAA1111BBBB') && !message.includes('CCCC2222DDDD'), message);
      assert.match(message, /keyring said x_\[redacted\] and token\[redacted\]/);
    }
  });
});
