// The stand-in's projects, project-scoped creates and team membership limits, through the real client.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { VercelApiError } from '../../../src/api/errors';
import { VercelClient } from '../../../src/api/client';
import { startFakeVercel, type FakeVercel } from '../../fake-vercel/server';

describe('stand-in: projects', () => {
  let server: FakeVercel;
  let client: VercelClient;
  before(async () => {
    server = await startFakeVercel();
    client = new VercelClient({ baseUrl: server.url, token: server.accountToken, fetch: globalThis.fetch });
  });
  after(() => server.close());

  test('GET /v10/projects: the team\'s projects, paged with until, filtered by search', async () => {
    const acme = server.addTeam({ slug: 'acme' });
    const other = server.addTeam({ slug: 'other' });
    const names = Array.from({ length: 130 }, (_, i) => `app-${String(i).padStart(3, '0')}`);
    for (const name of names) server.addProject({ teamId: acme.id, name });
    server.addProject({ teamId: other.id, name: 'elsewhere' });
    const all = await client.listProjects(acme.id);
    assert.equal(all.length, 130);
    assert.deepEqual(new Set(all.map((project) => project.name)), new Set(names));
    const pages = server.requests.filter((request) => request.path === '/v10/projects');
    assert.equal(pages.length, 2, '100 + 30');
    assert.ok(pages[1].query.until, 'the second page asks with until');
    assert.deepEqual((await client.listProjects(acme.id, { search: 'app-12' })).map((p) => p.name).sort(), names.filter((n) => n.includes('app-12')));
    await assert.rejects(client.listProjects('team_unknown'), (error) => error instanceof VercelApiError && error.status === 403);
  });

  test('a project-scoped create needs the team, and returns teamId and projectId', async () => {
    const team = server.addTeam({ slug: 'scoped' });
    const project = server.addProject({ teamId: team.id, name: 'web' });
    await assert.rejects(client.createToken({ name: 'no team', projectId: project.id }), (error) => error instanceof VercelApiError && error.status === 400);
    const created = await client.createToken({ name: 'web deploys', projectId: project.id }, { id: team.id, slug: team.slug });
    assert.equal(created.token.teamId, team.id);
    assert.equal(created.token.projectId, project.id);
  });

  test('teams report limited membership and SAML', async () => {
    server.addTeam({ slug: 'mfa-team', limitedBy: ['mfa'] });
    server.addTeam({ slug: 'sso-team', samlEnforced: true });
    const teams = await client.listTeams();
    assert.deepEqual(teams.find((t) => t.slug === 'mfa-team')?.limitedBy, ['mfa']);
    assert.equal(teams.find((t) => t.slug === 'sso-team')?.samlEnforced, true);
  });
});
