// Extension-host entry point (`extensionTestsPath`) for `npm run test:hygiene`: runs only the
// hygiene*.test.js files of the integration suite.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { suiteMocha } from '../integration/suite/index';

export async function run(): Promise<void> {
  const suiteDir = join(__dirname, '..', 'integration', 'suite');
  const files = readdirSync(suiteDir).filter((name) => /^hygiene.*\.test\.js$/.test(name)).sort();
  if (files.length === 0) throw new Error(`no hygiene*.test.js in ${suiteDir}`);
  const mocha = suiteMocha(files.map((name) => join(suiteDir, name)));
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} hygiene test(s) failed in the extension host`);
}
