// describeError: the sentence a user reads. A create or delete answered with a server error must
// never be reported as "Nothing was changed": the server may have acted before it failed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { VercelApiError, VercelCancelledError } from '../../../src/api/errors';
import { describeError } from '../../../src/errorMessages';

const SERVER_MESSAGE = 'An unexpected internal error occurred.';

describe('describeError for server errors', () => {
  for (const status of [500, 501, 502, 503, 504, 599]) {
    test(`${status} to a create or delete: the outcome is unknown, never "Nothing was changed"`, () => {
      const text = describeError(new VercelApiError({ status, message: SERVER_MESSAGE, mutation: true }));
      assert.doesNotMatch(text, /nothing was changed/i);
      assert.match(text, new RegExp(`\\(HTTP ${status}\\)`));
      assert.match(text, /The request may or may not have been carried out; refresh before trying again\.$/);
    });
  }

  test('500 to a create names a server error, not a gateway', () => {
    const text = describeError(new VercelApiError({ status: 500, message: SERVER_MESSAGE, mutation: true }));
    assert.equal(
      text,
      'Vercel had a server error (HTTP 500): An unexpected internal error occurred. The request may or may not have been carried out; refresh before trying again.',
    );
  });

  test('502 to a create keeps the gateway wording', () => {
    const text = describeError(new VercelApiError({ status: 502, message: 'Vercel answered with HTTP 502 and no readable error.', mutation: true }));
    assert.equal(
      text,
      "Vercel's gateway failed (HTTP 502): Vercel answered with HTTP 502 and no readable error. The request may or may not have been carried out; refresh before trying again.",
    );
  });

  test('500 to a read: nothing can have changed, and the user may simply try again', () => {
    const text = describeError(new VercelApiError({ status: 500, message: SERVER_MESSAGE, mutation: false }));
    assert.equal(text, 'Vercel had a server error (HTTP 500): An unexpected internal error occurred. Nothing was changed; try again later.');
  });

  test('4xx to a create is a refusal', () => {
    const text = describeError(new VercelApiError({ status: 400, message: 'Invalid request.', mutation: true }));
    assert.equal(text, 'Vercel refused the request (HTTP 400): Invalid request.');
  });
});

describe('VercelApiError.outcomeUnknown', () => {
  test('every 5xx to a mutation, no 5xx to a read, no 4xx at all', () => {
    for (let status = 400; status < 600; status++) {
      assert.equal(new VercelApiError({ status, mutation: true }).outcomeUnknown, status >= 500, `mutation, HTTP ${status}`);
      assert.equal(new VercelApiError({ status, mutation: false }).outcomeUnknown, false, `read, HTTP ${status}`);
    }
  });
});

describe('VercelCancelledError', () => {
  test('says whether the request had been sent', () => {
    assert.equal(new VercelCancelledError(false).outcomeUnknown, false);
    assert.equal(new VercelCancelledError(true).outcomeUnknown, true);
    assert.equal(new VercelCancelledError(true).message, 'The request was cancelled.');
  });
});
