// Bundles the extension into CommonJS files, as in vscode-extension-samples/esbuild-sample.
// Type checking is separate (`npm run typecheck`): esbuild only strips types.
// The options are exported (buildOptions) so a test can build the production bundle elsewhere
// (test/unit/reliability/legalComments.test.ts); run as a script, it builds dist/extension.js (the activation shell),
// dist/main.js, and the chunks dist/flows.js, dist/places.js and dist/github.js for the Node host
// (nodeBuildOptions), and dist/web/extension.js with its flows chunk dist/web/flows.js for the
// browser's web worker host (webBuildOptions).
import * as esbuild from 'esbuild';
import { builtinModules } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Prints errors in the `✘ [ERROR]` / `file:line:col:` form the esbuild problem matcher expects. */
const problemMatcherPlugin = {
  name: 'esbuild-problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        // esbuild counts columns from 0, VS Code's problem matchers from 1.
        if (location) console.error(`    ${location.file}:${location.line}:${location.column + 1}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/** The shell's `require('./main.js')` stays a require of the second bundle, not an inlined copy. */
const keepMainSeparate = {
  name: 'keep-main-separate',
  setup(build) {
    build.onResolve({ filter: /^\.\/main\.js$/ }, (args) =>
      args.importer.endsWith('mainLoader.ts') ? { path: './main.js', external: true } : undefined,
    );
  },
};

/**
 * Chunks loaded on first use, each a bundle of its own that main.js (or another chunk) requires when
 * needed: dist/flows.js, the commands that sign in and out, create, rotate and delete; dist/places.js,
 * the commands that put a value into a GitHub secret, a .env file or the terminals; dist/github.js,
 * the GitHub client and the sealed box's crypto.
 */
const CHUNKS = [
  { specifier: './github/index.js', importer: 'githubSecrets.ts', output: './github.js' },
  { specifier: './places.js', importer: 'placesChunk.ts', output: './places.js' },
  { specifier: './flows.js', importer: 'flowsChunk.ts', output: './flows.js' },
];
const keepChunksSeparate = {
  name: 'keep-chunks-separate',
  setup(build) {
    for (const chunk of CHUNKS) {
      const filter = new RegExp(`^${chunk.specifier.replace(/[./]/g, '\\$&')}$`);
      build.onResolve({ filter }, (args) => (args.importer.endsWith(chunk.importer) ? { path: chunk.output, external: true } : undefined));
    }
  },
};

/**
 * Modules a chunk takes from main.js (src/chunkShared.ts hands them out) instead of bundling a copy:
 * those whose classes are checked with instanceof (a copy's VercelApiError is another class) or that
 * hold state set at activation (the display language, the l10n bundle, the listener-error hook).
 */
export const SHARED_WITH_CHUNKS = [
  'src/api/errors.ts',
  'src/core/accounts.ts',
  'src/core/events.ts',
  'src/domain/format.ts',
  'src/placesChunk.ts',
  '@vscode/l10n',
];
/**
 * The SHARED_WITH_CHUNKS entry an import names, if any, however it is written: `./errors.js`,
 * `./errors`, `./errors.ts`, or a folder for its index.ts, each resolved to the file the TypeScript
 * resolution picks (a file before a folder's index), so that no spelling slips a copy into a chunk.
 * @param {string} resolveDir
 * @param {string} path
 * @param {string[]} shared
 */
export function sharedModuleOf(resolveDir, path, shared = SHARED_WITH_CHUNKS) {
  if (!path.startsWith('.')) {
    const bare = path.replace(/^@vscode\/l10n\/.*/, '@vscode/l10n');
    return shared.includes(bare) ? bare : undefined;
  }
  const source = sourceFileOf(resolveDir, path);
  return shared.includes(source) ? source : undefined;
}

/** The source file a relative import names (`./x`, `./x.js`, `./x.ts` or a folder's index.ts), from the repository root with `/`. */
function sourceFileOf(resolveDir, path) {
  const base = resolve(resolveDir, path).replace(/\.(?:[cm]?js|ts)$/, '');
  const file = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate)) ?? `${base}.ts`;
  return relative(root, file).split('\\').join('/');
}

const shareWithMain = {
  name: 'share-with-main',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.namespace === 'from-main') return { path: './main.js', external: true };
      const source = sharedModuleOf(args.resolveDir, args.path);
      return source ? { path: source, namespace: 'from-main' } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'from-main' }, (args) => ({
      contents: `module.exports = require('./main.js').sharedWithChunks[${JSON.stringify(args.path)}];`,
      loader: 'js',
    }));
  },
};

/**
 * node-fetch reads and writes form data only for FormData bodies and Response.formData(), which this
 * extension never uses (its bodies are JSON text): the multipart parser is left out, and the
 * FormData polyfill is a class no body is an instance of.
 */
const dropFormData = {
  name: 'drop-form-data',
  setup(build) {
    build.onResolve({ filter: /\/multipart-parser\.js$/ }, (args) =>
      args.importer.includes('node-fetch') ? { path: 'multipart-parser', namespace: 'dropped' } : undefined,
    );
    build.onResolve({ filter: /^formdata-polyfill\/esm\.min\.js$/ }, () => ({ path: 'formdata-polyfill', namespace: 'no-form-data' }));
    // The parser throws if ever loaded.
    build.onLoad({ filter: /.*/, namespace: 'dropped' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is not bundled with this extension`)});`,
      loader: 'js',
    }));
    build.onLoad({ filter: /.*/, namespace: 'no-form-data' }, () => ({
      contents:
        "export class FormData {}\n" +
        "export function formDataToBlob() { throw new Error('FormData bodies are not bundled with this extension'); }\n",
      loader: 'js',
    }));
  },
};

/**
 * node-fetch takes its Blob and File from fetch-blob, a polyfill written before Node had them.
 * Node 20, the oldest this extension runs on, has both as globals, and the bodies sent here are JSON
 * text: the bundle uses Node's own, and leaves out the helpers that read files into blobs.
 */
const nativeBlob = {
  name: 'native-blob',
  setup(build) {
    build.onResolve({ filter: /^fetch-blob(\/from\.js)?$/ }, (args) =>
      args.importer.includes('node-fetch') ? { path: 'fetch-blob', namespace: 'native-blob' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'native-blob' }, () => ({
      contents:
        'export const Blob = globalThis.Blob;\n' +
        'export const File = globalThis.File;\n' +
        'export default Blob;\n' +
        "const fromFile = () => { throw new Error('Blobs from files are not bundled with this extension'); };\n" +
        'export { fromFile as fileFrom, fromFile as fileFromSync, fromFile as blobFrom, fromFile as blobFromSync };\n',
      loader: 'js',
    }));
  },
};

/**
 * The bundles loaded at start-up: dist/extension.js, the activation shell, and dist/main.js, loaded
 * after activation has returned.
 * @param {{ production: boolean }} options
 * @returns {esbuild.BuildOptions & { metafile: true }}
 */
export function buildOptions({ production }) {
  return {
    ...commonOptions({ production }),
    entryPoints: [
      { in: 'src/extension.ts', out: 'extension' },
      { in: 'src/main.ts', out: 'main' },
    ],
    plugins: [keepMainSeparate, keepChunksSeparate, nativeBlob, dropFormData, problemMatcherPlugin],
  };
}

/**
 * The chunks required on first use, built apart from main.js because they take some of its modules
 * from it (SHARED_WITH_CHUNKS) rather than bundling copies.
 * @param {{ production: boolean }} options
 * @returns {esbuild.BuildOptions & { metafile: true }}
 */
export function chunkBuildOptions({ production }) {
  return {
    ...commonOptions({ production }),
    entryPoints: [
      { in: 'src/flows.ts', out: 'flows' },
      { in: 'src/places.ts', out: 'places' },
      { in: 'src/integrations/github/index.ts', out: 'github' },
    ],
    plugins: [shareWithMain, keepChunksSeparate, nativeBlob, dropFormData, problemMatcherPlugin],
  };
}

/** Every build of the Node host's bundles. */
export function nodeBuildOptions({ production }) {
  return [buildOptions({ production }), chunkBuildOptions({ production })];
}

/**
 * What every build shares, Node's and the browser's.
 * @param {{ production: boolean }} options
 */
function sharedOptions({ production }) {
  return {
    absWorkingDir: root,
    bundle: true,
    format: 'cjs',
    external: ['vscode'],
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    // The `/*! … */` notices of bundled packages go together at the end of the bundle that holds
    // them. 'external' and 'linked' would write *.LEGAL.txt files, more files to ship.
    legalComments: production ? 'eof' : 'inline',
    // The messages' …, ·, › and → as themselves, not as \u escapes: VS Code reads bundles as UTF-8.
    charset: 'utf8',
    metafile: true,
    logLevel: 'silent',
  };
}

/** @param {{ production: boolean }} options */
function commonOptions({ production }) {
  return {
    ...sharedOptions({ production }),
    platform: 'node',
    target: 'node20',
    outdir: 'dist',
    // @vscode/l10n's browser build: the Node one adds reading a bundle from a file path, and the
    // extension only ever hands it the contents VS Code loaded (l10n.config({ contents })).
    alias: { '@vscode/l10n': '@vscode/l10n/dist/browser.js' },
  };
}

/**
 * The modules the browser build puts in place of the Node host's, as package.json's `browser` field
 * does for packages: each web module exports what the Node one does (test/unit/web/ checks it).
 */
export const WEB_MODULES = {
  'src/mainLoader.ts': 'src/web/mainLoader.ts',
  'src/platform/node.ts': 'src/platform/web.ts',
  'src/testApi.ts': 'src/web/testApi.ts',
  'src/placesChunk.ts': 'src/web/placesChunk.ts',
  'src/flowsChunk.ts': 'src/web/flowsChunk.ts',
  'src/integrations/leakDiagnostics.ts': 'src/web/leakDiagnostics.ts',
  'src/integrations/terminals.ts': 'src/web/terminals.ts',
  'src/commands/useInTerminals.ts': 'src/web/useInTerminals.ts',
};
const webModules = {
  name: 'web-modules',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const web = WEB_MODULES[sourceFileOf(args.resolveDir, args.path)];
      return web ? { path: join(root, web) } : undefined;
    });
  },
};

/** One module for `vscode` in the browser bundle: each file's `require("vscode")` is a call of it. */
const sharedVscode = {
  name: 'shared-vscode',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'shared-vscode' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'shared-vscode' }));
    build.onLoad({ filter: /.*/, namespace: 'shared-vscode' }, () => ({ contents: 'module.exports = require("vscode");', loader: 'js' }));
  },
};

/** Node's globals, renamed in the browser build so that a use of one can be found in its output. */
const NODE_GLOBALS = ['process', 'Buffer', 'global', '__dirname', '__filename', 'setImmediate', 'clearImmediate', 'require.resolve'];
const NODE_GLOBAL_MARK = '__nodeOnly_';

/**
 * The browser build fails when anything of Node reaches it: an import of a Node built-in (`fs`,
 * `node:*`, …) or of node-fetch, a use of a Node global, or a require() of anything but `vscode`
 * (the web worker has no modules to require) and, in the flows chunk, `./main.js`, which its loader
 * answers (src/web/flowsChunk.ts).
 * @param {string[]} allowed what the bundle may require
 */
export function nodeFreeCheck(allowed = ['vscode']) {
  const allowedRequire = new RegExp(`\\brequire\\((?!(${allowed.map((id) => JSON.stringify(id).replace(/[./]/g, '\\$&')).join('|')})\\))`, 'g');
  return {
    name: 'node-free',
    setup(build) {
      const builtins = new Set(builtinModules);
      build.onResolve({ filter: /.*/ }, (args) => {
        const bare = args.path.replace(/^node:/, '');
        const builtin = args.path.startsWith('node:') || builtins.has(bare) || builtins.has(bare.split('/')[0]);
        const nodeFetch = /^node-fetch(\/|$)/.test(args.path);
        if (!builtin && !nodeFetch) return undefined;
        const importer = relative(root, args.importer) || args.importer;
        return { errors: [{ text: `${args.path} is ${nodeFetch ? "the Node host's HTTP client" : 'a Node built-in'} and may not reach the browser bundle (imported by ${importer})` }] };
      });
      build.onEnd((result) => {
        if (result.errors.length || !result.metafile) return undefined;
        const errors = [];
        for (const output of Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.js'))) {
          const file = resolve(build.initialOptions.absWorkingDir ?? root, output);
          const text = result.outputFiles?.find((out) => out.path === file)?.text ?? readFileSync(file, 'utf8');
          for (const match of text.matchAll(new RegExp(`${NODE_GLOBAL_MARK}([\\w$]+)`, 'g'))) {
            errors.push({ text: `the Node global ${match[1]} is used in the browser bundle ${output}: …${text.slice(Math.max(0, match.index - 60), match.index + 60)}…` });
          }
          for (const match of text.matchAll(allowedRequire)) {
            errors.push({ text: `the browser bundle ${output} requires something other than ${allowed.join(' or ')}, which a web worker cannot load: …${text.slice(Math.max(0, match.index - 60), match.index + 60)}…` });
          }
        }
        return { errors };
      });
    },
  };
}

/** @param {{ production: boolean }} options */
function browserCommonOptions({ production }) {
  return {
    ...sharedOptions({ production }),
    platform: 'browser',
    target: 'es2022',
    define: Object.fromEntries(NODE_GLOBALS.map((name) => [name, `${NODE_GLOBAL_MARK}${name.replace('.', '_')}`])),
  };
}

/**
 * The browser's web worker host (package.json `browser`): dist/web/extension.js, with the web modules
 * in place of the Node host's. The worker cannot require the Node build's chunks: the flows are a
 * chunk of their own (browserChunkBuildOptions), which src/web/flowsChunk.ts reads and evaluates.
 * @param {{ production: boolean }} options
 * @returns {esbuild.BuildOptions & { metafile: true }}
 */
export function browserBuildOptions({ production }) {
  return {
    ...browserCommonOptions({ production }),
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/web/extension.js',
    plugins: [webModules, sharedVscode, nodeFreeCheck(), problemMatcherPlugin],
  };
}

/**
 * dist/web/flows.js, the flows chunk of the browser build, loaded on first use: it takes the
 * SHARED_WITH_CHUNKS modules from the running dist/web/extension.js, as the Node chunks take them
 * from main.js, through the require its loader hands it.
 * @param {{ production: boolean }} options
 * @returns {esbuild.BuildOptions & { metafile: true }}
 */
export function browserChunkBuildOptions({ production }) {
  return {
    ...browserCommonOptions({ production }),
    entryPoints: ['src/flows.ts'],
    outfile: 'dist/web/flows.js',
    plugins: [shareWithMain, webModules, sharedVscode, nodeFreeCheck(['vscode', './main.js']), problemMatcherPlugin],
  };
}

/** Every build of the browser's bundles. */
export function webBuildOptions({ production }) {
  return [browserBuildOptions({ production }), browserChunkBuildOptions({ production })];
}

async function main() {
  const production = process.argv.includes('--production');
  const watch = process.argv.includes('--watch');
  const contexts = await Promise.all(
    [...nodeBuildOptions({ production }), ...webBuildOptions({ production })].map((options) => esbuild.context(options)),
  );
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
  } else {
    const results = await Promise.all(contexts.map((context) => context.rebuild().catch((error) => ({ errors: error.errors ?? [error] }))));
    await Promise.all(contexts.map((context) => context.dispose()));
    if (results.some((result) => result.errors.length)) process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
