// Puts a value into a remembered place: what rotation uses to carry a new value everywhere the
// old one went. Each failure comes back in words; nothing here shows anything to the user.
import vscode = require('vscode');
import { l10n } from 'vscode';
import type { AuthToken } from '../api/types';
import type { Place, PlaceWriteOutcome, PlaceWriter } from '../core/places';
import { describePlace } from '../core/places';
import { writeEnvVariable } from './envFiles';
import { isGitHubFailure, type GitHubSecrets } from './githubSecrets';
import type { TerminalEnvironment } from './terminals';

export class IntegrationPlaceWriter implements PlaceWriter {
  constructor(
    private readonly github: GitHubSecrets,
    private readonly terminals: TerminalEnvironment,
  ) {}

  async write(place: Place, value: string, token: AuthToken, previousValue: string | undefined): Promise<PlaceWriteOutcome> {
    switch (place.kind) {
      case 'githubSecret': {
        const connection = await this.github.connect(place.host);
        if (connection.kind === 'declined') return { kind: 'failed', message: l10n.t('the GitHub sign-in was declined') };
        if (connection.kind === 'failed') return { kind: 'failed', message: l10n.t('GitHub sign-in failed ({0})', connection.message) };
        try {
          await connection.client.putSecret({ owner: place.owner, repo: place.repo, environment: place.environment }, place.name, value);
          return { kind: 'written' };
        } catch (error) {
          return { kind: 'failed', message: isGitHubFailure(error) ? error.message : l10n.t('{0} could not be updated', describePlace(place)) };
        }
      }
      case 'envFile': {
        const written = await writeEnvVariable(vscode.Uri.parse(place.file), place.variable, value, previousValue);
        return written.kind === 'written' ? { kind: 'written' } : written;
      }
      case 'terminals':
        // A rotation's replacement belongs to the same account as the token it replaces.
        this.terminals.use(this.terminals.userId ?? '', token.id, token.name, value, place.variable);
        return { kind: 'written' };
    }
  }
}
