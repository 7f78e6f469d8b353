import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { describePlace, Places, type Place } from '../../../src/core/places';
import { MemoryKeyValueStore, world } from './support';

const DAY = 24 * 60 * 60 * 1000;
const repoSecret: Place = { kind: 'githubSecret', host: 'github.com', owner: 'acme', repo: 'web', name: 'VERCEL_TOKEN' };
const envSecret: Place = { kind: 'githubSecret', host: 'github.com', owner: 'acme', repo: 'web', environment: 'production', name: 'VERCEL_TOKEN' };
const envLine: Place = { kind: 'envFile', file: 'file:///ws/.env.local', label: '.env.local', variable: 'VERCEL_TOKEN' };
const terminals: Place = { kind: 'terminals', variable: 'VERCEL_TOKEN' };

async function rotationWorld() {
  const w = world();
  const window = w.openWindow();
  const userId = await window.signIn(w.alice.accountToken);
  const created = await window.tokens.create(userId, { name: 'CI deploys', expiresAt: w.clock.now() + 30 * DAY, team: null });
  const old = created.kind === 'createdAndStored' ? created.token : assert.fail(created.kind);
  await window.lists.get(userId)!.refresh();
  const oldValue = w.vercel.valueOf(old.id)!;
  for (const place of [repoSecret, envLine, terminals]) {
    window.placeWriter.put(place, oldValue);
    await window.places.add(old.id, place);
  }
  return { w, window, userId, old, oldValue };
}

describe('core: places a value was put', () => {
  test('metadata only: globalState holds where, never the value; terminals are not persisted at all', async () => {
    const { w, window, old, oldValue } = await rotationWorld();
    const stored = JSON.stringify(window.memento.data);
    assert.ok(!stored.includes(oldValue), 'a value in globalState');
    assert.deepEqual(
      window.places.of(old.id).map((place) => place.kind),
      ['githubSecret', 'envFile', 'terminals'],
    );
    assert.ok(!stored.includes('terminals'), 'the terminals of one window were persisted');
    // Another window (a reload) sees the persisted places only.
    const later = new Places(window.memento);
    assert.deepEqual(later.of(old.id), [repoSecret, envLine]);
    w.close();
  });

  test('a place holds one token: adding it for another token moves it; GitHub names are not case sensitive', async () => {
    const places = new Places(new MemoryKeyValueStore());
    await places.add('tok_a', repoSecret);
    await places.add('tok_b', { ...repoSecret, owner: 'ACME', name: 'vercel_token' });
    assert.deepEqual(places.of('tok_a'), []);
    assert.equal(places.of('tok_b').length, 1);
    assert.equal(places.holderOf(repoSecret), 'tok_b');
    // An environment's secret is another place than the repository's.
    await places.add('tok_a', envSecret);
    assert.equal(places.holderOf(envSecret), 'tok_a');
    assert.equal(places.holderOf(repoSecret), 'tok_b');
  });

  test('a globalState that hands out the same object until it is updated (as VS Code’s does): a write through another Places is seen', async () => {
    const data: Record<string, unknown> = {};
    const sameObjects = { get: <T>(key: string) => data[key] as T | undefined, update: async (key: string, value: unknown) => void (data[key] = value) };
    const here = new Places(sameObjects);
    const there = new Places(sameObjects);
    assert.deepEqual(here.of('tok_a'), []);
    await there.add('tok_a', repoSecret);
    assert.deepEqual(here.of('tok_a'), [repoSecret]);
    await there.remove('tok_a', repoSecret);
    assert.deepEqual(here.of('tok_a'), []);
  });

  test('damaged globalState entries are skipped, the good ones kept', () => {
    const store = new MemoryKeyValueStore();
    store.data['vercelTokens.places'] = { tok_a: [repoSecret, { kind: 'githubSecret', owner: 'x' }, 'junk', null], tok_b: 'junk', tok_c: [{ kind: 'nope' }] };
    const places = new Places(store);
    assert.deepEqual(places.of('tok_a'), [repoSecret]);
    assert.deepEqual(places.of('tok_b'), []);
    assert.deepEqual(places.of('tok_c'), []);
  });

  test('concurrent adds are serialised: none is lost', async () => {
    const places = new Places(new MemoryKeyValueStore());
    await Promise.all([places.add('tok_a', repoSecret), places.add('tok_a', envSecret), places.add('tok_a', envLine)]);
    assert.equal(places.of('tok_a').length, 3);
  });

  test('deleting a token forgets its places', async () => {
    const { w, window, userId, old } = await rotationWorld();
    const deleted = await window.tokens.delete(userId, old.id);
    assert.equal(deleted.kind, 'deleted');
    await window.places.forget(old.id);
    assert.deepEqual(window.places.of(old.id), []);
    w.close();
  });

  test('TokenOperations says when a token is gone, so its places can be let go', async () => {
    const { w, window, userId, old } = await rotationWorld();
    const gone: string[] = [];
    window.tokens.onDidForgetToken(({ tokenId }) => gone.push(tokenId));
    await window.tokens.delete(userId, old.id);
    assert.deepEqual(gone, [old.id]);
    w.close();
  });

  test('a token deleted elsewhere (on vercel.com) is found gone by the next list: the lists say so, so that its places can be let go', async () => {
    const { w, window, userId, old } = await rotationWorld();
    const gone: { userId: string; tokenId: string }[] = [];
    window.lists.onDidFindGone((entry) => gone.push(entry));
    await w.vercel.client(w.alice.accountToken).deleteToken(old.id);
    await window.lists.get(userId)!.refresh();
    assert.deepEqual(gone, [{ userId, tokenId: old.id }]);
    w.close();
  });

  test('describePlace names the repository, environment, host, file and variable', () => {
    assert.equal(describePlace(repoSecret), 'acme/web · VERCEL_TOKEN');
    assert.equal(describePlace(envSecret), 'acme/web (production) · VERCEL_TOKEN');
    assert.equal(describePlace({ ...repoSecret, host: 'ghe.example.com' }), 'ghe.example.com/acme/web · VERCEL_TOKEN');
    assert.equal(describePlace(envLine), '.env.local · VERCEL_TOKEN');
    assert.equal(describePlace(terminals), 'new terminals of this window · VERCEL_TOKEN');
  });
});

describe('core: rotation carries the new value to every place', () => {
  test('every place gets the new value before the old token is deleted; the places move to the replacement', async () => {
    const { w, window, userId, old, oldValue } = await rotationWorld();
    let deletedWhileWriting = false;
    const write = window.placeWriter.write.bind(window.placeWriter);
    window.placeWriter.write = async (...args) => {
      deletedWhileWriting ||= !w.vercel.has(old.id);
      return write(...args);
    };
    const outcome = await window.rotation.rotate(userId, old);
    assert.equal(outcome.kind, 'rotated');
    const replacement = outcome.kind === 'rotated' ? outcome.replacement : assert.fail();
    const newValue = w.vercel.valueOf(replacement.id)!;
    assert.equal(deletedWhileWriting, false, 'the old token was deleted before a place was updated');
    for (const place of [repoSecret, envLine, terminals]) assert.equal(window.placeWriter.valueIn(place), newValue, describePlace(place));
    assert.ok(window.placeWriter.writes.every((write) => write.previousValue === oldValue), 'each writer is told the value to expect');
    assert.deepEqual(outcome.kind === 'rotated' && outcome.updated.map(describePlace), [repoSecret, envLine, terminals].map(describePlace));
    assert.equal(window.places.of(old.id).length, 0);
    assert.equal(window.places.of(replacement.id).length, 3);
    assert.equal(w.vercel.has(old.id), false);
    w.close();
  });

  test('a place fails: the old token is kept, the places that worked are the replacement’s, the failed one still the old one’s', async () => {
    const { w, window, userId, old, oldValue } = await rotationWorld();
    window.placeWriter.fail(envLine, '.env.local no longer sets VERCEL_TOKEN');
    const outcome = await window.rotation.rotate(userId, old);
    assert.equal(outcome.kind, 'placesFailed');
    if (outcome.kind !== 'placesFailed') return;
    assert.ok(w.vercel.has(old.id), 'the old token was deleted although a place still holds it');
    assert.deepEqual(outcome.failed, [{ place: envLine, message: '.env.local no longer sets VERCEL_TOKEN' }]);
    assert.deepEqual(outcome.updated.map(describePlace), [repoSecret, terminals].map(describePlace));
    assert.equal(window.placeWriter.valueIn(envLine), oldValue);
    assert.deepEqual(window.places.of(old.id), [envLine]);
    assert.equal(window.places.of(outcome.replacement.id).length, 2);

    // Retry the failed place once it works: then the old token goes.
    window.placeWriter.heal(envLine);
    const finished = await window.rotation.deleteOld(userId, outcome.replacement, old, outcome.updated);
    assert.equal(finished.kind, 'rotated');
    assert.equal(finished.kind === 'rotated' && finished.updated.length, 3);
    assert.equal(window.placeWriter.valueIn(envLine), w.vercel.valueOf(outcome.replacement.id));
    assert.equal(w.vercel.has(old.id), false);
    w.close();
  });

  test('Skip: the old token is deleted anyway and the skipped place is reported as such', async () => {
    const { w, window, userId, old } = await rotationWorld();
    window.placeWriter.fail(repoSecret);
    const outcome = await window.rotation.rotate(userId, old);
    if (outcome.kind !== 'placesFailed') return assert.fail(outcome.kind);
    const skipped = outcome.failed.map((failure) => failure.place);
    const finished = await window.rotation.deleteOld(userId, outcome.replacement, old, outcome.updated, skipped);
    assert.equal(finished.kind, 'rotated');
    assert.deepEqual(finished.kind === 'rotated' && finished.skipped, [repoSecret]);
    assert.equal(w.vercel.has(old.id), false);
    w.close();
  });

  test('cancelled once the replacement exists: nothing is deleted; Retry updates every place before it deletes the old token', async () => {
    const { w, window, userId, old, oldValue } = await rotationWorld();
    const controller = new AbortController();
    // The user cancels while the create is under way: its answer arrives all the same.
    const record = w.vercel.creates.push.bind(w.vercel.creates);
    w.vercel.creates.push = (...creates) => {
      controller.abort();
      return record(...creates);
    };
    const outcome = await window.rotation.rotate(userId, old, controller.signal);
    assert.equal(outcome.kind, 'oldStillActive');
    if (outcome.kind !== 'oldStillActive') return;
    assert.ok(w.vercel.has(old.id));
    assert.equal(window.placeWriter.valueIn(repoSecret), oldValue, 'a place was changed after the cancel');

    const retried = await window.rotation.deleteOld(userId, outcome.replacement, old);
    assert.equal(retried.kind, 'rotated');
    assert.equal(retried.kind === 'rotated' && retried.updated.length, 3);
    for (const place of [repoSecret, envLine, terminals]) assert.equal(window.placeWriter.valueIn(place), w.vercel.valueOf(outcome.replacement.id));
    assert.equal(w.vercel.has(old.id), false);
    w.close();
  });

  test('a writer that throws counts as a failed place, in words', async () => {
    const { w, window, userId, old } = await rotationWorld();
    window.placeWriter.write = () => Promise.reject(new Error('the network is down'));
    const outcome = await window.rotation.rotate(userId, old);
    assert.equal(outcome.kind, 'placesFailed');
    assert.ok(outcome.kind === 'placesFailed' && outcome.failed.every((failure) => failure.message.includes('the network is down')));
    assert.ok(w.vercel.has(old.id));
    w.close();
  });

  test('a token used nowhere rotates as before: no write', async () => {
    const w = world();
    const window = w.openWindow();
    const userId = await window.signIn(w.alice.accountToken);
    const created = await window.tokens.create(userId, { name: 'plain', team: null });
    const old = created.kind === 'createdAndStored' ? created.token : assert.fail();
    const outcome = await window.rotation.rotate(userId, old);
    assert.equal(outcome.kind, 'rotated');
    assert.equal(window.placeWriter.writes.length, 0);
    w.close();
  });
});
