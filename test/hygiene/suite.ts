// Extension-host entry point (`extensionTestsPath`) for `npm run test:hygiene`: runs only the
// hygiene*.test.js files of the integration suite.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
    for (const line of format(...args).split('\n')) console.log(line);
  };
  const suiteDir = join(__dirname, '..', 'integration', 'suite');
  const mocha = new Mocha({ ui: 'bdd', timeout: 20_000, color: false, reporter: 'spec' });
  const files = readdirSync(suiteDir).filter((name) => /^hygiene.*\.test\.js$/.test(name)).sort();
  if (files.length === 0) throw new Error(`no hygiene*.test.js in ${suiteDir}`);
  for (const name of files) mocha.addFile(join(suiteDir, name));
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} hygiene test(s) failed in the extension host`);
}
