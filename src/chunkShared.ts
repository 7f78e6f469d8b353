// What the chunks take from main.js instead of bundling copies (esbuild.mjs: SHARED_WITH_CHUNKS):
// modules whose classes are checked with instanceof, or that hold state set at activation.
import * as l10n from '@vscode/l10n';
import * as errors from './api/errors';
import * as accounts from './core/accounts';
import * as events from './core/events';
import * as format from './domain/format';
import * as placesChunk from './placesChunk';

export const sharedWithChunks: Record<string, unknown> = {
  'src/api/errors.ts': errors,
  'src/core/accounts.ts': accounts,
  'src/core/events.ts': events,
  'src/domain/format.ts': format,
  'src/placesChunk.ts': placesChunk,
  '@vscode/l10n': l10n,
};
