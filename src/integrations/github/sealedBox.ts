// libsodium's sealed box (crypto_box_seal), which GitHub requires for Actions secrets.
// No `vscode` and no Node built-ins: tweetnacl's compact build gives X25519 + XSalsa20-Poly1305
// (`nacl.box`), @noble/hashes the BLAKE2b that derives the nonce.
import nacl from 'tweetnacl/nacl.js';
import { blake2b } from '@noble/hashes/blake2.js';
import * as l10n from '@vscode/l10n';

const PUBLIC_KEY_BYTES = 32;
const NONCE_BYTES = 24;

/**
 * Base64 of `ephemeralPublicKey ‖ box(value)`, exactly what libsodium's crypto_box_seal makes,
 * for a repository's or environment's public key (`key` of GitHub's public-key answer).
 * Throws an Error, before anything is encrypted, when the key is not 32 bytes of Base64.
 */
export function sealForGitHub(value: string, publicKeyBase64: string): string {
  const recipientPublicKey = decodePublicKey(publicKeyBase64);
  const message = new TextEncoder().encode(value);
  const ephemeral = nacl.box.keyPair();
  try {
    const nonce = sealNonce(ephemeral.publicKey, recipientPublicKey);
    const box = nacl.box(message, nonce, recipientPublicKey, ephemeral.secretKey);
    const sealed = new Uint8Array(PUBLIC_KEY_BYTES + box.length);
    sealed.set(ephemeral.publicKey, 0);
    sealed.set(box, PUBLIC_KEY_BYTES);
    return encodeBase64(sealed);
  } finally {
    // Whoever holds the ephemeral secret key can open the box.
    ephemeral.secretKey.fill(0);
    message.fill(0);
  }
}

/** crypto_box_seal's nonce: BLAKE2b with a 24-byte digest of the ephemeral public key, then the recipient's. */
function sealNonce(ephemeralPublicKey: Uint8Array, recipientPublicKey: Uint8Array): Uint8Array {
  const input = new Uint8Array(PUBLIC_KEY_BYTES * 2);
  input.set(ephemeralPublicKey, 0);
  input.set(recipientPublicKey, PUBLIC_KEY_BYTES);
  return blake2b(input, { dkLen: NONCE_BYTES });
}

function decodePublicKey(publicKeyBase64: unknown): Uint8Array {
  const text = typeof publicKeyBase64 === 'string' ? publicKeyBase64.trim() : '';
  // Strict: atob quietly drops whitespace and accepts a missing padding.
  const bytes = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text) ? decodeBase64(text) : undefined;
  if (bytes?.length !== PUBLIC_KEY_BYTES) {
    throw new Error(
      l10n.t("GitHub's public key for secrets is not usable (it must be {0} bytes in Base64), so the secret was not encrypted or sent.", PUBLIC_KEY_BYTES),
    );
  }
  return bytes;
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

function encodeBase64(bytes: Uint8Array): string {
  // In slices: String.fromCharCode(...bytes) of a large secret would overflow the argument limit.
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}
