// sealForGitHub against an independent implementation: libsodium's own crypto_box_seal_open must
// open every box to the exact value.
import { test, describe, before, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import nacl from 'tweetnacl/nacl.js';
import sodium = require('libsodium-wrappers');
import { sealForGitHub } from '../../../../src/integrations/github/sealedBox';

interface Recipient {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
  publicKeyBase64: string;
}

function newRecipient(): Recipient {
  const { publicKey, privateKey } = sodium.crypto_box_keypair();
  return { publicKey, privateKey, publicKeyBase64: sodium.to_base64(publicKey, sodium.base64_variants.ORIGINAL) };
}

function open(sealed: string, recipient: Recipient): string {
  const box = sodium.from_base64(sealed, sodium.base64_variants.ORIGINAL);
  return sodium.to_string(sodium.crypto_box_seal_open(box, recipient.publicKey, recipient.privateKey));
}

const BOX_OVERHEAD = 32 + 16; // the ephemeral public key, then Poly1305's tag

describe('sealForGitHub', () => {
  let recipient: Recipient;
  before(async () => {
    await sodium.ready;
    recipient = newRecipient();
  });

  const values: [label: string, value: string][] = [
    ['a Vercel token', 'vcp_1a2B3c4D5e6F7g8H9i0JkLmN'],
    ['one character', 'x'],
    ['the empty string', ''],
    ['non-ASCII text', 'mot de passe: déjà-vu, 日本語, emoji 🚀👩‍💻'],
    ['line breaks and quotes', 'line 1\nline 2\r\n"quoted" \'single\' \\ backslash\u0000nul'],
    ['48 KB, GitHub’s largest secret', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.repeat(768)],
  ];
  for (const [label, value] of values) {
    test(`libsodium opens ${label} to the exact value`, () => {
      const sealed = sealForGitHub(value, recipient.publicKeyBase64);
      assert.match(sealed, /^[A-Za-z0-9+/]+={0,2}$/);
      assert.equal(sodium.from_base64(sealed, sodium.base64_variants.ORIGINAL).length, BOX_OVERHEAD + new TextEncoder().encode(value).length);
      assert.equal(open(sealed, recipient), value);
    });
  }

  test('the 48 KB value really is 48 KB', () => assert.equal(values[5][1].length, 48 * 1024));

  test('each seal uses a fresh ephemeral key, so the same value never seals the same way twice', () => {
    const first = sodium.from_base64(sealForGitHub('same value', recipient.publicKeyBase64), sodium.base64_variants.ORIGINAL);
    const second = sodium.from_base64(sealForGitHub('same value', recipient.publicKeyBase64), sodium.base64_variants.ORIGINAL);
    assert.notDeepEqual(first.subarray(0, 32), second.subarray(0, 32));
    assert.notDeepEqual(first, second);
  });

  test('a box sealed for one key cannot be opened with another', () => {
    const other = newRecipient();
    const sealed = sealForGitHub('for the first recipient only', recipient.publicKeyBase64);
    assert.throws(() => open(sealed, other));
    assert.equal(open(sealForGitHub('for the other', other.publicKeyBase64), other), 'for the other');
  });

  test('the value does not appear in the output, neither as text nor as Base64', () => {
    const value = 'vcp_PlainTextThatMustNotShowThrough';
    const sealed = sealForGitHub(value, recipient.publicKeyBase64);
    assert.equal(sealed.includes(value), false);
    assert.equal(sealed.includes(btoa(value).slice(0, 20)), false);
  });

  describe('the ephemeral secret key', () => {
    const originalKeyPair = nacl.box.keyPair;
    afterEach(() => {
      nacl.box.keyPair = originalKeyPair;
    });

    test('is zeroed once the box is made', () => {
      const made: nacl.BoxKeyPair[] = [];
      nacl.box.keyPair = Object.assign(() => {
        const pair = originalKeyPair();
        made.push(pair);
        return pair;
      }, originalKeyPair);
      const sealed = sealForGitHub('zero me', recipient.publicKeyBase64);
      assert.equal(made.length, 1, 'one ephemeral key pair per seal');
      assert.deepEqual(made[0].secretKey, new Uint8Array(32));
      // The public half is still what went out in front of the box.
      assert.deepEqual(sodium.from_base64(sealed, sodium.base64_variants.ORIGINAL).subarray(0, 32), made[0].publicKey);
      assert.equal(open(sealed, recipient), 'zero me');
    });
  });

  describe('refuses a key that is not 32 bytes of Base64', () => {
    // Buffer, not sodium: the cases are built before sodium is ready.
    const base64Of = (length: number) => Buffer.alloc(length, 7).toString('base64');
    const badKeys: [label: string, key: string][] = [
      ['empty', ''],
      ['31 bytes', base64Of(31)],
      ['33 bytes', base64Of(33)],
      ['64 bytes', base64Of(64)],
      ['not Base64', 'this is not a key at all, just words!!'],
      ['URL-safe Base64', Buffer.alloc(32, 251).toString('base64url')],
      ['Base64 without its padding', base64Of(32).replace(/=+$/, '')],
      ['Base64 with a space inside', `${base64Of(32).slice(0, 10)} ${base64Of(32).slice(10)}`],
    ];
    for (const [label, key] of badKeys) {
      test(label, () => {
        assert.throws(
          () => sealForGitHub('vcp_SecretValueNeverInTheMessage', key),
          (error: unknown) => {
            assert.ok(error instanceof Error);
            assert.match(error.message, /public key .*not usable.*32 bytes in Base64.*not encrypted or sent/);
            assert.equal(error.message.includes('vcp_SecretValueNeverInTheMessage'), false);
            return true;
          },
        );
      });
    }

    test('not a string at all', () => {
      assert.throws(() => sealForGitHub('value', undefined as unknown as string), /32 bytes in Base64/);
    });

    test('surrounding whitespace is allowed', () => {
      assert.equal(open(sealForGitHub('padded key', `  ${recipient.publicKeyBase64}\n`), recipient), 'padded key');
    });
  });
});
