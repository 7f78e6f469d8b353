// The GitHub chunk (dist/github.js): the client and the sealed box, loaded on the first GitHub
// request only, so that the crypto library is not read at activation.
export { GitHubClient, GitHubError } from './client';
export { githubApiBase } from '../../domain/github';
