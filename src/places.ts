// The places chunk (dist/places.js): the commands that put a value somewhere (a GitHub secret, a
// .env file, the terminals) and the writer rotation uses to update those places. Loaded on first
// use: most sessions never need them.
export { saveToGitHubSecret } from './commands/saveToGitHubSecret';
export { addToEnvFile } from './commands/addToEnvFile';
export { useInTerminals } from './commands/useInTerminals';
export { IntegrationPlaceWriter } from './integrations/placeWriter';
export { createLeakReporter } from './integrations/leakReport';
export { Git } from './integrations/git';
export { askAboutFailedPlaces, placesReport, rotationWillUpdate, usedInDetail } from './commands/placesPrompts';
export { GitHubSecrets } from './integrations/githubSecrets';
export { vscodeGitHubSessions } from './integrations/github/session';
