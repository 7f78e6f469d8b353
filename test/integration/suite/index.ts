// Test entry point loaded by the extension host (`extensionTestsPath`): runs every *.test.js beside it.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const testFiles = readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort();
  const mocha = suiteMocha(testFiles.map((name) => join(__dirname, name)));

  const stats = await new Promise<Mocha.Stats>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve(runner.stats ?? emptyStats()));
    } catch (error) {
      // A test file that throws while loading fails the whole run, not one test.
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });

  const skipped = stats.pending > 0 ? `, ${stats.pending} skipped` : '';
  console.log(`integration: ${stats.passes} passed, ${stats.failures} failed${skipped}`);
  if (stats.failures > 0) throw new Error(`${stats.failures} integration test(s) failed`);
  if (stats.passes + stats.failures + stats.pending === 0) throw new Error(`no integration tests found in ${__dirname}`);
}

/** Mocha as the extension-host suites run it (also test/hygiene/suite.ts), with these files added. */
export function suiteMocha(files: string[]): Mocha {
  // The extension host forwards each console.log call as one console message of the page (and of
  // VS Code's developer tools), so a call must carry one line, not a block of them.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
    for (const line of format(...args).split('\n')) console.log(line);
  };
  const mocha = new Mocha({ ui: 'bdd', timeout: 20_000, color: false, reporter: 'spec' });
  for (const file of files) mocha.addFile(file);
  return mocha;
}

function emptyStats(): Mocha.Stats {
  return { suites: 0, tests: 0, passes: 0, pending: 0, failures: 0 };
}
