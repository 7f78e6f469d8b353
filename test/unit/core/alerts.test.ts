import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Alerts, CHECK_INTERVAL_MS, type AttentionEntry } from '../../../src/core/alerts';
import { settle, world, type MemoryKeyValueStore } from './support';

const DAY = 24 * 60 * 60 * 1000;

async function setup(warningDays = 7, memento?: MemoryKeyValueStore, before?: (w: ReturnType<typeof world>) => void) {
  const w = world();
  before?.(w);
  const window = w.openWindow(memento);
  const announced: AttentionEntry[][] = [];
  const alerts = new Alerts(window.accounts, window.lists, window.memento, w.clock, () => warningDays);
  alerts.onDidAnnounce((entries) => announced.push(entries));
  const userId = await window.signIn(w.alice.accountToken);
  return { w, window, alerts, announced, userId };
}

function seed(w: ReturnType<typeof world>, userId: string) {
  const soon = w.vercel.addToken(userId, 'expires soon');
  soon.expiresAt = w.clock.now() + 3 * DAY;
  const later = w.vercel.addToken(userId, 'expires later');
  later.expiresAt = w.clock.now() + 30 * DAY;
  const leaked = w.vercel.addToken(userId, 'leaked');
  leaked.leakedAt = w.clock.now() - DAY;
  const expired = w.vercel.addToken(userId, 'expired');
  expired.expiresAt = w.clock.now() - DAY;
  return { soon, later, leaked, expired };
}

describe('core: alerts', () => {
  test('after the first list, one announcement for every token that newly needs attention; expired ones are not alerts', async () => {
    let seeded!: ReturnType<typeof seed>;
    const { w, alerts, announced } = await setup(7, undefined, (w) => (seeded = seed(w, w.alice.user.id)));
    const { soon, leaked } = seeded;
    await settle();
    assert.equal(announced.length, 1, 'one notification');
    assert.deepEqual(announced[0].map((entry) => [entry.token.id, entry.reason]).sort(), [[leaked.id, 'leaked'], [soon.id, 'expiresSoon']].sort());
    assert.equal(alerts.current.length, 2, 'the badge count');
    alerts.dispose();
    w.close();
  });

  test('the same token in the same state is never announced twice, across reloads; a new state is', async () => {
    let seeded!: ReturnType<typeof seed>;
    const first = await setup(7, undefined, (w) => (seeded = seed(w, w.alice.user.id)));
    const { soon, later } = seeded;
    await settle();
    assert.equal(first.announced.length, 1);
    // A reload: a new window with the same globalState.
    const memento = first.window.memento;
    first.alerts.dispose();
    const again = new Alerts(first.window.accounts, first.window.lists, memento, first.w.clock, () => 7);
    const announcedAgain: AttentionEntry[][] = [];
    again.onDidAnnounce((entries) => announcedAgain.push(entries));
    await again.check();
    assert.equal(announcedAgain.length, 0, 'nothing new after a reload');
    // Time passes: "expires later" enters the window; the hourly check announces it alone.
    await first.w.clock.advance(24 * DAY);
    await settle();
    assert.equal(announcedAgain.length, 1, JSON.stringify(announcedAgain));
    assert.deepEqual(announcedAgain[0].map((entry) => entry.token.id), [later.id]);
    assert.ok(!announcedAgain[0].some((entry) => entry.token.id === soon.id));
    again.dispose();
    first.w.close();
  });

  test("checks hourly, and refreshes the lists first (a leak found meanwhile is announced)", async () => {
    const { w, window, alerts, announced, userId } = await setup();
    await window.lists.get(userId)!.refresh();
    await settle();
    assert.equal(announced.length, 0);
    const token = w.vercel.addToken(userId, 'leaks later');
    token.leakedAt = w.clock.now();
    const listsBefore = w.vercel.requests.filter((request) => request === 'GET /v6/user/tokens').length;
    await w.clock.advance(CHECK_INTERVAL_MS);
    await settle();
    assert.ok(w.vercel.requests.filter((request) => request === 'GET /v6/user/tokens').length > listsBefore, 'listed again');
    assert.equal(announced.length, 1);
    assert.equal(announced[0][0].token.id, token.id);
    alerts.dispose();
    w.close();
  });

  test("Don't Warn Again: not announced, not counted", async () => {
    const { w, window, alerts } = await setup(7, undefined, (w) => seed(w, w.alice.user.id));
    await settle();
    assert.equal(alerts.current.length, 2);
    await alerts.dismiss(alerts.current);
    assert.equal(alerts.current.length, 0);
    assert.ok(!JSON.stringify(window.memento.data).includes('vcp_'), 'ids and states only, never a value');
    alerts.dispose();
    w.close();
  });

  test('0 warning days turns alerts off', async () => {
    const { w, alerts, announced } = await setup(0, undefined, (w) => seed(w, w.alice.user.id));
    await settle();
    assert.deepEqual(announced, []);
    assert.equal(alerts.current.length, 0);
    alerts.dispose();
    w.close();
  });
});
