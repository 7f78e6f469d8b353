import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  enterpriseHost,
  githubApiBase,
  parseGitHubRemote,
  parseRepositorySlug,
  validateSecretName,
} from '../../../src/domain/github';

describe('parseGitHubRemote', () => {
  const enterprise = ['ghe.example.com', 'code.corp.example:8443'];
  const found: [url: string, expected: { host: string; owner: string; repo: string }][] = [
    ['https://github.com/octo-org/hello-world', { host: 'github.com', owner: 'octo-org', repo: 'hello-world' }],
    ['https://github.com/octo-org/hello-world.git', { host: 'github.com', owner: 'octo-org', repo: 'hello-world' }],
    ['https://github.com/octo-org/hello-world/', { host: 'github.com', owner: 'octo-org', repo: 'hello-world' }],
    ['https://github.com/octo-org/hello-world.git/', { host: 'github.com', owner: 'octo-org', repo: 'hello-world' }],
    ['http://github.com/octo/repo', { host: 'github.com', owner: 'octo', repo: 'repo' }],
    ['https://user@github.com/octo/repo.git', { host: 'github.com', owner: 'octo', repo: 'repo' }],
    ['https://user:ghp_password@github.com/octo/repo', { host: 'github.com', owner: 'octo', repo: 'repo' }],
    ['https://GitHub.COM/Octo/Repo.Name', { host: 'github.com', owner: 'Octo', repo: 'Repo.Name' }],
    ['git@github.com:octo/repo.git', { host: 'github.com', owner: 'octo', repo: 'repo' }],
    ['git@github.com:octo/repo', { host: 'github.com', owner: 'octo', repo: 'repo' }],
    ['git@github.com:octo/repo/', { host: 'github.com', owner: 'octo', repo: 'repo' }],
    ['git@GITHUB.com:octo/repo', { host: 'github.com', owner: 'octo', repo: 'repo' }],
    ['org-12345@github.com:octo/repo.git', { host: 'github.com', owner: 'octo', repo: 'repo' }],
    ['ssh://git@github.com/octo/repo', { host: 'github.com', owner: 'octo', repo: 'repo' }],
    ['ssh://git@github.com/octo/repo.git/', { host: 'github.com', owner: 'octo', repo: 'repo' }],
    ['ssh://git@github.com:22/octo/repo.git', { host: 'github.com', owner: 'octo', repo: 'repo' }],
    ['  https://github.com/octo/repo  ', { host: 'github.com', owner: 'octo', repo: 'repo' }],
    ['https://github.com/octo/.github', { host: 'github.com', owner: 'octo', repo: '.github' }],
    ['https://github.com/a/b_c-d.e', { host: 'github.com', owner: 'a', repo: 'b_c-d.e' }],
    ['https://ghe.example.com/team/service.git', { host: 'ghe.example.com', owner: 'team', repo: 'service' }],
    ['git@GHE.example.com:team/service.git', { host: 'ghe.example.com', owner: 'team', repo: 'service' }],
    ['ssh://git@ghe.example.com:2222/team/service', { host: 'ghe.example.com', owner: 'team', repo: 'service' }],
    // The web's port belongs to the host entry; an ssh remote reaches the same host on another port.
    ['https://code.corp.example:8443/team/api', { host: 'code.corp.example:8443', owner: 'team', repo: 'api' }],
    ['git@code.corp.example:team/api.git', { host: 'code.corp.example:8443', owner: 'team', repo: 'api' }],
  ];
  for (const [url, expected] of found) {
    test(`reads ${url}`, () => assert.deepEqual(parseGitHubRemote(url, enterprise), expected));
  }

  const notGitHub = [
    '',
    '   ',
    'https://gitlab.com/octo/repo',
    'git@gitlab.com:octo/repo.git',
    'https://github.com.evil.example/octo/repo',
    'https://evil.example/github.com/octo/repo',
    'https://www.github.com/octo/repo',
    'https://ghe.example.com.evil.example/team/service',
    'https://github.com/octo',
    'https://github.com/octo/',
    'https://github.com/octo/repo/tree/main',
    'https://github.com/octo/repo?tab=readme',
    'https://github.com/octo/repo#readme',
    'https://github.com//octo/repo',
    'https://github.com/-octo/repo',
    'https://github.com/octo_underscore/repo',
    `https://github.com/${'a'.repeat(40)}/repo`,
    'https://github.com/octo/..',
    'https://github.com/octo/.',
    'https://github.com/octo/re%20po',
    'https://github.com/octo/re po',
    'ftp://github.com/octo/repo',
    'git://github.com/octo/repo.git',
    'file:///home/me/octo/repo',
    '/home/me/octo/repo',
    'C:/octo/repo',
    'git@github.com:/octo/repo',
    'ssh://git@github.com:octo/repo',
    'https://github.com/octo/\nrepo',
    'not a url',
  ];
  for (const url of notGitHub) {
    test(`refuses ${JSON.stringify(url)}`, () => assert.equal(parseGitHubRemote(url, enterprise), undefined));
  }

  test('an enterprise host is accepted only when it is listed', () => {
    assert.equal(parseGitHubRemote('https://ghe.example.com/team/service', []), undefined);
    assert.deepEqual(parseGitHubRemote('https://ghe.example.com/team/service', [' GHE.Example.com ']), {
      host: 'ghe.example.com',
      owner: 'team',
      repo: 'service',
    });
  });

  test('an empty entry in the enterprise list matches nothing', () => {
    assert.equal(parseGitHubRemote('https://ghe.example.com/team/service', ['', '  ']), undefined);
  });
});

describe('enterpriseHost', () => {
  const cases: [uri: string | undefined, host: string | undefined][] = [
    [undefined, undefined],
    ['', undefined],
    ['   ', undefined],
    ['https://ghe.example.com', 'ghe.example.com'],
    ['https://GHE.Example.com/', 'ghe.example.com'],
    ['https://ghe.example.com/some/path?x=1', 'ghe.example.com'],
    ['https://ghe.example.com:443', 'ghe.example.com'],
    ['https://ghe.example.com:8443', 'ghe.example.com:8443'],
    ['http://ghe.internal', 'ghe.internal'],
    ['ghe.example.com', 'ghe.example.com'],
    ['ghe.example.com:8443', 'ghe.example.com:8443'],
    ['ftp://ghe.example.com', undefined],
    ['https://', undefined],
    ['not a host at all', undefined],
  ];
  for (const [uri, host] of cases) {
    test(`${JSON.stringify(uri)} → ${String(host)}`, () => assert.equal(enterpriseHost(uri), host));
  }
});

describe('parseRepositorySlug', () => {
  const fine: [text: string, owner: string, repo: string][] = [
    ['octo/repo', 'octo', 'repo'],
    ['  octo/repo  ', 'octo', 'repo'],
    ['Octo-Org/Repo.Name_2', 'Octo-Org', 'Repo.Name_2'],
    ['octo/repo.git', 'octo', 'repo'],
    ['octo/repo/', 'octo', 'repo'],
    ['a/b', 'a', 'b'],
    [`${'a'.repeat(39)}/${'r'.repeat(100)}`, 'a'.repeat(39), 'r'.repeat(100)],
    ['octo/.github', 'octo', '.github'],
    ['octo/...', 'octo', '...'],
    ['https://github.com/octo/repo', 'octo', 'repo'],
    ['https://github.com/octo/repo.git', 'octo', 'repo'],
  ];
  for (const [text, owner, repo] of fine) {
    test(`reads ${JSON.stringify(text)}`, () => assert.deepEqual(parseRepositorySlug(text), { owner, repo }));
  }

  const refused = [
    '',
    'octo',
    '/repo',
    'octo/',
    'octo/repo/extra',
    '-octo/repo',
    'oc_to/repo',
    'oc.to/repo',
    `${'a'.repeat(40)}/repo`,
    `octo/${'r'.repeat(101)}`,
    'octo/.',
    'octo/..',
    'octo/re po',
    'octo/re$po',
    'octo/répo',
    'octo / repo',
    'http://github.com/octo/repo',
    'https://gitlab.com/octo/repo',
    'https://github.com/octo/repo/pulls',
    'git@github.com:octo/repo.git',
  ];
  for (const text of refused) {
    test(`refuses ${JSON.stringify(text)}`, () => assert.equal(parseRepositorySlug(text), undefined));
  }

  test('a pasted URL on an enterprise host is read when that host is given', () => {
    assert.equal(parseRepositorySlug('https://ghe.example.com/team/service'), undefined);
    assert.deepEqual(parseRepositorySlug('https://ghe.example.com/team/service', ['ghe.example.com']), { owner: 'team', repo: 'service' });
  });
});

describe('validateSecretName', () => {
  const fine = ['VERCEL_TOKEN', 'vercel_token', 'A', '_', '_1', 'a1_B2', 'GITHUB', 'GITHUBTOKEN', 'MY_GITHUB_TOKEN', 'X'.repeat(255)];
  for (const name of fine) {
    test(`accepts ${name.length > 20 ? `${name.slice(0, 8)}… (${name.length})` : name}`, () => assert.equal(validateSecretName(name), undefined));
  }

  const refused: [name: string, message: string | RegExp][] = [
    ['', 'Enter a name for the secret.'],
    ['MY-TOKEN', /only letters A–Z, digits and underscores \(_\); this one has a hyphen \(-\) at position 3\./],
    ['MY TOKEN', /this one has a space at position 3\./],
    [' TOKEN', /a space at position 1\./],
    ['TOKEN.PROD', /this one has "\." at position 6\./],
    ['TOKEN$', /"\$" at position 6\./],
    ['JETON_DÉPLOIEMENT', /"É" \(U\+00C9\) at position 8\./],
    ['TOKEN🚀', /"🚀" \(U\+1F680\) at position 6\./],
    ['TOKEN\nX', /the character U\+000A at position 6\./],
    ['TOKEN\u200bX', /the character U\+200B at position 6\./],
    ['1TOKEN', 'Secret names cannot start with a digit. Start it with a letter or an underscore (_).'],
    ['9', /cannot start with a digit/],
    ['GITHUB_TOKEN', 'Secret names cannot start with GITHUB_: GitHub keeps the GITHUB_ prefix, in any case, for its own.'],
    ['github_token', /cannot start with github_: GitHub keeps the GITHUB_ prefix/],
    ['GitHub_Token', /cannot start with GitHub_:/],
    ['GITHUB_', /cannot start with GITHUB_/],
    ['X'.repeat(256), 'The name is 256 characters long; GitHub allows at most 255.'],
  ];
  for (const [name, message] of refused) {
    test(`refuses ${JSON.stringify(name.length > 20 ? `${name.slice(0, 8)}…` : name)}`, () => {
      const problem = validateSecretName(name);
      assert.ok(problem !== undefined, 'refused');
      if (typeof message === 'string') assert.equal(problem, message);
      else assert.match(problem, message);
    });
  }

  test('a token pasted into the name box is not echoed back', () => {
    const pasted = 'vcp_9f8e7d6c5b4a3210ZyXwVuTsRqPoNm-Lk';
    const problem = validateSecretName(pasted);
    assert.ok(problem);
    assert.equal(problem.includes(pasted), false);
    assert.equal(problem.includes('vcp_9f8e7d6c'), false);
    const long = `vcp_${'A'.repeat(300)}`;
    assert.equal(validateSecretName(long)?.includes('vcp_'), false);
  });
});

describe('githubApiBase', () => {
  test('github.com uses the configured URL, whatever its case', () => {
    assert.equal(githubApiBase('github.com', 'https://api.github.com'), 'https://api.github.com');
    assert.equal(githubApiBase('GitHub.com', 'http://127.0.0.1:4010'), 'http://127.0.0.1:4010');
  });
  test('GitHub Enterprise Server answers under /api/v3 of its own host', () => {
    assert.equal(githubApiBase('ghe.example.com', 'https://api.github.com'), 'https://ghe.example.com/api/v3');
    assert.equal(githubApiBase('GHE.example.com:8443', 'https://api.github.com'), 'https://ghe.example.com:8443/api/v3');
  });
  test('GitHub Enterprise Cloud with data residency (SUBDOMAIN.ghe.com) answers at api.SUBDOMAIN.ghe.com', () => {
    assert.equal(githubApiBase('octocorp.ghe.com', 'https://api.github.com'), 'https://api.octocorp.ghe.com');
    assert.equal(githubApiBase('ghe.com.example', 'https://api.github.com'), 'https://ghe.com.example/api/v3');
  });
});

describe('a token value is no secret name', () => {
  test('a pasted value is refused without being quoted', () => {
    const value = 'vcp_' + 'a1B2'.repeat(6);
    const message = validateSecretName(value);
    assert.equal(message, 'This looks like a token value, not a name: enter the name workflows use, such as VERCEL_TOKEN.');
    assert.ok(!message.includes(value));
    assert.equal(validateSecretName('VCP_TOKEN'), undefined, 'a name that only starts like a prefix is fine');
  });
});
