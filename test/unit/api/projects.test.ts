// Projects (for project-scoped tokens), a create's projectId, and teams' membership limits, against
// an injected fetch that answers like Vercel and records what was asked.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { VercelClient, type FetchLike } from '../../../src/api/client';

function recordingClient(answer: (url: URL, body: unknown) => unknown) {
  const calls: { method: string; url: URL; body: unknown }[] = [];
  const fetch: FetchLike = async (url, init) => {
    const parsed = new URL(url);
    const body = init.body ? (JSON.parse(init.body) as unknown) : undefined;
    calls.push({ method: init.method, url: parsed, body });
    const text = JSON.stringify(answer(parsed, body));
    return { status: 200, headers: { get: () => null }, text: async () => text };
  };
  return { client: new VercelClient({ baseUrl: 'https://api.vercel.com', token: 'vcp_test0000000000000000', fetch }), calls };
}

describe('projects', () => {
  test('lists every page of a team\'s projects, keeping only id and name', async () => {
    const { client, calls } = recordingClient((url) =>
      url.searchParams.get('until') === null
        ? { projects: [{ id: 'prj_1', name: 'web', env: [{ key: 'SECRET', value: 'shh' }] }], pagination: { count: 1, next: 1700000000000, prev: null } }
        : { projects: [{ id: 'prj_2', name: 'api' }], pagination: { count: 1, next: null, prev: null } },
    );
    const projects = await client.listProjects('team_1', { search: 'w' });
    assert.deepEqual(projects, [
      { id: 'prj_1', name: 'web' },
      { id: 'prj_2', name: 'api' },
    ]);
    assert.deepEqual(
      calls.map((call) => `${call.url.pathname}?${call.url.searchParams}`),
      ['/v10/projects?teamId=team_1&search=w&limit=100', '/v10/projects?teamId=team_1&search=w&limit=100&until=1700000000000'],
    );
  });

  test('a create for a project sends projectId in the body and the team in the query', async () => {
    const { client, calls } = recordingClient(() => ({
      token: { id: 'tok_1', name: 'CI', type: 'token', createdAt: 1, activeAt: 1, teamId: 'team_1', projectId: 'prj_1' },
      bearerToken: 'vcp_new000000000000000000',
    }));
    const created = await client.createToken({ name: 'CI', projectId: 'prj_1' }, { id: 'team_1', slug: 'acme' });
    assert.equal(created.token.projectId, 'prj_1');
    assert.equal(calls[0].url.search, '?teamId=team_1');
    assert.deepEqual(calls[0].body, { name: 'CI', projectId: 'prj_1' });
  });

  test("teams say why the user's access is limited (SAML, MFA, limited membership)", async () => {
    const { client } = recordingClient(() => ({
      teams: [
        { id: 'team_1', slug: 'acme', name: 'Acme' },
        { id: 'team_2', slug: 'sso', name: 'SSO Co', saml: { enforced: true, connection: {} } },
        { id: 'team_3', slug: 'mfa', name: 'MFA Co', limited: true, limitedBy: ['mfa'] },
        { id: 'team_4', slug: 'lim', name: 'Limited', limited: true },
      ],
      pagination: { count: 4, next: null, prev: null },
    }));
    assert.deepEqual(await client.listTeams(), [
      { id: 'team_1', slug: 'acme', name: 'Acme' },
      { id: 'team_2', slug: 'sso', name: 'SSO Co', samlEnforced: true },
      { id: 'team_3', slug: 'mfa', name: 'MFA Co', limitedBy: ['mfa'] },
      { id: 'team_4', slug: 'lim', name: 'Limited', limitedBy: ['scope'] },
    ]);
  });
});
