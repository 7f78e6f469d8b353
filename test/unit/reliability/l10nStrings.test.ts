// Issue 12: every user-facing string in src/ goes through `l10n.t` (`vscode.l10n.t`, or
// `@vscode/l10n`'s where the code must not import `vscode`), with a literal first argument so that
// `@vscode/l10n-dev export` can extract it. This scans every file of src/ with the TypeScript
// parser and names, file:line, each string that looks like words for a person and is not a
// message of `l10n.t`, unless it sits in one of the few contexts of EXEMPT_CALLS below.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = join(__dirname, '..', '..', '..', '..');
const srcDir = join(root, 'src');

/**
 * Calls whose string arguments are not user-facing, by callee (the last one or two names of it).
 * Each has its reason; keep this list short and by context, never by string.
 */
const EXEMPT_CALLS: ReadonlyArray<{ callee: RegExp; why: string }> = [
  { callee: /^(?:log|channel)\.(?:trace|debug|info|warn|error)$/, why: "the log channel (src/log.ts, `log.info(…)`, `services.log.warn(…)`): for bug reports, read in English" },
  { callee: /^console\.\w+$/, why: 'the developer console, never shown in the workbench' },
  { callee: /^(?:require|import)$/, why: 'module specifiers' },
  { callee: /^RegExp$/, why: 'patterns, not text' },
  { callee: /^this\.read$/, why: "src/core/keychain.ts's read(key, what): `what` names the entry in its log line only" },
  { callee: /^\w+\.createOutputChannel$/, why: "the output channel's name is its identity (its log file; the messages name \"the Vercel Tokens log\")" },
];

/** Whole files that write only for the log, each with its reason. */
const EXEMPT_FILES: ReadonlyMap<string, string> = new Map([
  ['src/log.ts', 'the log channel itself: the request lines it formats go to the log, never to a notification'],
]);

/** Properties whose values are codes for a program, by name, each with its reason. */
const EXEMPT_PROPERTIES: ReadonlyMap<string, string> = new Map([
  ['contextValue', "words that package.json's `when` clauses match (`viewItem =~ /stored/`)"],
  ['id', 'tree item ids, kept across refreshes'],
  ['Authorization', 'an HTTP header (`Bearer …`)'],
]);

/** Properties that hold what the user reads: a single word there is a label, not a code. */
const UI_PROPERTIES = new Set([
  'label', 'description', 'detail', 'tooltip', 'title', 'placeholder', 'placeHolder', 'prompt', 'message', 'busyMessage',
  'validationMessage', 'text', 'problem', 'refusal', 'error', 'hint', 'unreadable', 'missing',
]);
/** Calls whose every string argument is shown: the message and its buttons. */
const UI_CALLS = /^(?:\w+\.)?(?:show(?:Information|Warning|Error)Message|setStatusBarMessage|TreeItem|MarkdownString|appendMarkdown|appendText)$/;

export interface Finding {
  file: string;
  line: number;
  text: string;
  why: string;
}

/** `$(icon)` codicons and `{0}` placeholders are not words. */
function words(text: string): string {
  return text.replace(/\$\([a-z-~]+\)/g, ' ').replace(/\{\w*\}/g, ' ');
}

/**
 * Two words with a space between, a sentence ("Retry…", "Done."), a placeholder such as
 * "(unnamed)", or a word beside a parameter (`${count} accounts`; a template's `${…}` is `{}` here).
 */
function looksUserFacing(text: string): boolean {
  const plain = words(text).trim();
  // Capitals only: Unicode's character names ("ZERO WIDTH SPACE") and such, names rather than words.
  if (!/\p{Ll}/u.test(plain)) return false;
  return (
    /\p{L}{2,}['’]?\p{L}*[ \u00a0]+[\p{L}"'“(]/u.test(plain) ||
    (/\p{L}[.!?…]$/u.test(plain) && /^\p{Lu}|\s/u.test(plain)) ||
    /^\(\p{L}+\)$/u.test(plain) ||
    /\{\w*\}[ \u00a0]+\p{L}{2,}|\p{L}{2,}[ \u00a0]+\{\w*\}/u.test(text)
  );
}

function hasLetter(text: string): boolean {
  return /\p{L}/u.test(words(text));
}

/** `a.b.c(…)` → `b.c`; `new vscode.TreeItem(…)` → `vscode.TreeItem`; `f(…)` → `f`. */
function calleeName(expression: ts.Expression): string {
  if (ts.isIdentifier(expression)) return expression.text;
  if (expression.kind === ts.SyntaxKind.ImportKeyword) return 'import';
  if (ts.isPropertyAccessExpression(expression)) {
    const left = expression.expression;
    const leftName = ts.isIdentifier(left) ? left.text : ts.isPropertyAccessExpression(left) ? left.name.text : left.kind === ts.SyntaxKind.ThisKeyword ? 'this' : '?';
    return `${leftName}.${expression.name.text}`;
  }
  return '?';
}

function isL10nCall(node: ts.Node): node is ts.CallExpression {
  return ts.isCallExpression(node) && /^l10n\.t$/.test(calleeName(node.expression));
}

function templateText(node: ts.TemplateExpression): string {
  return node.head.text + node.templateSpans.map((span) => `{}${span.literal.text}`).join('');
}

/** Scans one file's text; `file` only names it in the findings. */
export function scanSource(file: string, source: string): Finding[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const lineOf = (node: ts.Node) => sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
  const report = (node: ts.Node, text: string, why: string) => findings.push({ file, line: lineOf(node), text, why });

  // `const RETRY = 'Retry'` at any level: a name used where a label goes is checked as that label.
  const constants = new Map<string, ts.StringLiteralLike>();
  const collect = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isStringLiteralLike(node.initializer)) {
      constants.set(node.name.text, node.initializer);
    }
    ts.forEachChild(node, collect);
  };
  collect(sourceFile);
  // What `@vscode/l10n-dev export` recognises: it finds l10n.t calls through these imports only
  // (`import vscode = require('vscode')` is not among them), and silently skips any other call.
  const extractable = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const from = statement.moduleSpecifier.text;
    const bindings = statement.importClause?.namedBindings;
    if ((from !== 'vscode' && from !== '@vscode/l10n') || !bindings) continue;
    if (ts.isNamespaceImport(bindings)) extractable.add(from === 'vscode' ? `${bindings.name.text}.l10n.t` : `${bindings.name.text}.t`);
    else for (const element of bindings.elements) if ((element.propertyName ?? element.name).text === 'l10n') extractable.add(`${element.name.text}.t`);
  }
  const uiChecked = new Set<ts.Node>();
  /** A value in a place the user reads: any word there must be wrapped. */
  const checkUiValue = (value: ts.Expression | undefined, where: string) => {
    if (!value) return;
    const literal = ts.isIdentifier(value) ? constants.get(value.text) : ts.isStringLiteralLike(value) ? value : undefined;
    if (literal && !uiChecked.has(literal) && hasLetter(literal.text) && !looksUserFacing(literal.text)) {
      uiChecked.add(literal);
      report(literal, literal.text, `a single word in ${where}`);
    }
  };

  const visit = (node: ts.Node): void => {
    // Types, not values: `kind: 'token'` in a type is no text.
    if (ts.isLiteralTypeNode(node)) return;
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isModuleDeclaration(node) || ts.isExternalModuleReference(node)) return;
    if (isL10nCall(node)) {
      const callee = node.expression.getText(sourceFile);
      if (!extractable.has(callee)) report(node, callee, "l10n-dev export does not see this call: import { l10n } from 'vscode' (or * as l10n from '@vscode/l10n')");
      const [message, ...args] = node.arguments;
      if (message && ts.isObjectLiteralExpression(message)) {
        // `l10n.t({ message, args, comment })`: message and comment are the translator's; args are checked as any code.
        for (const property of message.properties) {
          const name = property.name && ts.isIdentifier(property.name) ? property.name.text : '';
          if (ts.isPropertyAssignment(property) && name === 'message' && !ts.isStringLiteral(property.initializer)) {
            report(property.initializer, property.initializer.getText(sourceFile), 'l10n.t needs a literal message (l10n-dev extracts only those)');
          }
          if (ts.isPropertyAssignment(property) && name === 'args') visit(property.initializer);
        }
      } else if (!message || !ts.isStringLiteral(message)) {
        report(node, node.getText(sourceFile), 'l10n.t needs a literal message (l10n-dev extracts only those)');
      } else {
        const highest = Math.max(-1, ...[...message.text.matchAll(/\{(\d+)\}/g)].map((match) => Number(match[1])));
        const positional = args.length === 1 && ts.isObjectLiteralExpression(args[0]) ? undefined : args.length;
        if (positional !== undefined && highest >= positional) report(message, message.text, `{${highest}} but only ${positional} argument(s)`);
      }
      for (const arg of args) visit(arg);
      return;
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const callee = calleeName(node.expression);
      if (EXEMPT_CALLS.some((exempt) => exempt.callee.test(callee))) return;
      if (UI_CALLS.test(callee)) for (const arg of node.arguments ?? []) checkUiValue(arg, `${callee}(…)`);
    }
    // Property names (`'vercelTokens.signIn': …`) are keys, not text.
    if (ts.isPropertyAssignment(node)) {
      const name = ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : '';
      if (EXEMPT_PROPERTIES.has(name)) return;
      if (UI_PROPERTIES.has(name)) checkUiValue(node.initializer, `the property ${name}`);
      if (ts.isComputedPropertyName(node.name)) visit(node.name);
      visit(node.initializer);
      return;
    }
    if (ts.isBinaryExpression(node) && ts.isPropertyAccessExpression(node.left) && /^\+?=$/.test(node.operatorToken.getText(sourceFile))) {
      if (EXEMPT_PROPERTIES.has(node.left.name.text)) return;
      if (UI_PROPERTIES.has(node.left.name.text)) checkUiValue(node.right, `the property ${node.left.name.text}`);
    }
    // Compared with a value that comes from elsewhere (a protocol's words, an error's name), not shown.
    if (ts.isBinaryExpression(node) && /^[=!]==?$/.test(node.operatorToken.getText(sourceFile))) {
      for (const side of [node.left, node.right]) if (!ts.isStringLiteralLike(side)) visit(side);
      return;
    }
    if (ts.isCaseClause(node)) {
      node.statements.forEach(visit);
      return;
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (looksUserFacing(node.text)) report(node, node.text, 'words outside l10n.t');
      return;
    }
    if (ts.isTemplateExpression(node)) {
      const text = templateText(node);
      if (looksUserFacing(text)) report(node, node.getText(sourceFile), 'words outside l10n.t (a template: make it one message with {0}…)');
      for (const span of node.templateSpans) visit(span.expression);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return findings.sort((a, b) => a.line - b.line);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

function scanFiles(files: string[]): Finding[] {
  return files.flatMap((path) => {
    const file = relative(root, path).split('\\').join('/');
    return EXEMPT_FILES.has(file) ? [] : scanSource(file, readFileSync(path, 'utf8'));
  });
}

function describeFindings(findings: Finding[]): string {
  return findings.map((finding) => `  ${finding.file}:${finding.line}: ${JSON.stringify(finding.text)} (${finding.why})`).join('\n');
}

describe('the scanner for unwrapped strings', () => {
  /** Each example imports l10n as the extension does. */
  const scan = (source: string) => scanSource('example.ts', `import { l10n } from 'vscode';\nimport * as vscode from 'vscode';\n${source}`).map((finding) => finding.text);

  test('finds a notification, a template and a button label that are not wrapped', () => {
    assert.deepEqual(scan(`vscode.window.showInformationMessage('Hello there');`), ['Hello there']);
    assert.deepEqual(scan('void vscode.window.showErrorMessage(`Not signed in: ${reason}`);'), ['`Not signed in: ${reason}`']);
    assert.deepEqual(scan(`const RETRY = 'Retry';\nvoid vscode.window.showWarningMessage(vscode.l10n.t('It failed.'), RETRY);`), ['Retry']);
    assert.deepEqual(scan(`item.tooltip = 'Expired';\nconst x = { label: '(unnamed)', placeholder: 'Pick one' };`), ['Expired', '(unnamed)', 'Pick one']);
    assert.deepEqual(scan(`const text = 'Rotate…';`), ['Rotate…']);
    assert.deepEqual(scan('const d = `${n} accounts`; const id = `token/${id}/place`; const p = `${repo}/environments?${query}`;'), ['`${n} accounts`']);
  });

  test('passes what is wrapped, and only a literal message counts as wrapped', () => {
    assert.deepEqual(scan(`vscode.window.showInformationMessage(vscode.l10n.t('Hello there'));`), []);
    assert.deepEqual(scan(`l10n.t('Signed in as {0}.', name); vscode.l10n.t({ message: 'Hello {who}', args: { who }, comment: 'A greeting' });`), []);
    assert.deepEqual(scan('vscode.l10n.t(`Hello ${name}`);'), ['vscode.l10n.t(`Hello ${name}`)']);
    assert.deepEqual(scan(`vscode.l10n.t('Deleted {0} of {1}.', done);`), ['Deleted {0} of {1}.']);
    // l10n-dev export finds calls only through an import it knows; any other is not extracted.
    assert.deepEqual(scanSource('example.ts', `import vscode = require('vscode');\nvscode.l10n.t('Hello there');`).map((finding) => finding.text), ['vscode.l10n.t']);
    // Words glued into a wrapped message from outside are still words outside l10n.t.
    assert.deepEqual(scan(`vscode.l10n.t('Failed: {0}', 'see the log for more');`), ['see the log for more']);
  });

  test('leaves the exempt contexts alone', () => {
    assert.deepEqual(
      scan(
        [
          `import x = require('some module');`,
          `services.log.info('Wrote token to the file');`,
          'this.log.warn(`Could not read ${id} from the keychain`);',
          `type Kind = 'a word' | 'two words';`,
          `if (state === 'not ready') return;`,
          `const channel = vscode.window.createOutputChannel('Vercel Tokens', { log: true });`,
          `const handlers = { 'a key with spaces': 1 };`,
          `const ID = 'vercelTokens.signIn';`,
          'item.contextValue = `place ${kind}`; const headers = { Authorization: `Bearer ${token}` };',
          `const NAMES = new Map([[0x200b, 'ZERO WIDTH SPACE']]);`,
        ].join('\n'),
      ),
      [],
    );
  });
});

/** Every directory of src/ and each file at its top: one test each, so a report says whose it is. */
const areas = readdirSync(srcDir).map((name) => join(srcDir, name));

describe('every user-facing string in src/ goes through l10n.t', () => {
  for (const area of areas) {
    const files = statSync(area).isDirectory() ? sourceFiles(area) : [area];
    test(relative(root, area).split('\\').join('/'), () => {
      const findings = scanFiles(files);
      assert.equal(findings.length, 0, `${findings.length} string(s) not wrapped in l10n.t:\n${describeFindings(findings)}`);
    });
  }
});
