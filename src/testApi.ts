// The test API's forms of the commands (TestApi.run, ExtensionMode.Test only). Not in the browser
// build, which puts ./web/testApi.ts in its place (esbuild.mjs): no extension-host tests run there.
import { publicAccountTarget, publicTokenTarget, type Services, type TokenTarget } from './commands/services';
import type { CreateTokenArgs } from './commands/createToken';
import { loadFlows } from './flowsChunk';
import { copyToken } from './commands/copyToken';
import { copyTokenId } from './commands/copyTokenId';
import { places } from './placesChunk';
import type { Handler } from './main';

/** The test API's forms of the commands: what the public commands refuse to take from arguments. */
export function trustedHandlers(services: Services, handlers: Record<string, Handler>): Record<string, Handler> {
  const target = (argument: unknown): TokenTarget => {
    if (services.provider.owns(argument)) return publicTokenTarget(services, argument);
    if (typeof argument === 'string') return { trustedTokenId: argument };
    const id = (argument as { tokenId?: unknown } | undefined)?.tokenId;
    return typeof id === 'string' ? { trustedTokenId: id } : {};
  };
  return {
    ...handlers,
    'vercelTokens.signIn': (token) => loadFlows().then((flows) => flows.signIn(services, { token: typeof token === 'string' ? token : undefined })),
    'vercelTokens.createToken': (args) =>
      loadFlows().then((flows) => flows.createToken(services, { userId: publicAccountTarget(services, args), input: isCreateArgs(args) ? args : undefined })),
    'vercelTokens.copyToken': (argument) => copyToken(services, target(argument)),
    'vercelTokens.copyTokenId': (argument) => copyTokenId(services, target(argument)),
    'vercelTokens.deleteToken': async (argument, options) => {
      const confirmed = isConfirmed(options);
      const flows = await loadFlows();
      if (!Array.isArray(argument)) return flows.deleteToken(services, { ...target(argument), confirmed });
      // Several ids: the multi-select delete.
      const selection = await flows.trustedSelection(services, argument);
      return selection && flows.deleteTokens(services, selection, confirmed);
    },
    'vercelTokens.rotateToken': (argument, options) =>
      loadFlows().then((flows) => flows.rotateToken(services, { ...target(argument), confirmed: isConfirmed(options) })),
    'vercelTokens.openLeakLocation': (argument) => loadFlows().then((flows) => flows.openLeakLocation(services, target(argument))),
    'vercelTokens.saveToGitHubSecret': (argument) => places().saveToGitHubSecret(services, target(argument)),
    'vercelTokens.addToEnvFile': (argument) => places().addToEnvFile(services, target(argument)),
    'vercelTokens.useInTerminals': (argument) => places().useInTerminals(services, target(argument)),
  };
}

/** The test API's `{ confirmed: true }`: the modal counts as answered. */
function isConfirmed(options: unknown): boolean {
  return (options as { confirmed?: unknown } | undefined)?.confirmed === true;
}

function isCreateArgs(value: unknown): value is CreateTokenArgs {
  return typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string';
}

