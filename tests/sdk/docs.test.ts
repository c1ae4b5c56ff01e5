// The SDK's public surface is documented where it is declared: every export of every entry point in
// sdk/package.json has a description and an @example, and every method of an exported interface or class has a
// description. Read with the compiler, so re-exports are checked at their declaration.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const sdk = path.resolve(import.meta.dirname, '../../sdk');

/** `./dist/app/index.js` → `sdk/app/index.ts`. */
function entrySources(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(sdk, 'package.json'), 'utf8')) as {
    exports: Record<string, string | { default: string }>;
  };
  return Object.values(manifest.exports)
    .flatMap((target) => (typeof target === 'string' ? [] : [target.default]))
    .map((built) => path.join(sdk, built.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts')));
}

const hasDescription = (symbol: ts.Symbol, checker: ts.TypeChecker) =>
  ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim().length > 0;
const hasExample = (symbol: ts.Symbol, checker: ts.TypeChecker) =>
  symbol.getJsDocTags(checker).some((tag) => tag.name === 'example' && ts.displayPartsToString(tag.text).trim().length > 0);

/** Methods users call on an exported interface or class, including those of object-typed properties (`app.storage.get`). */
function methodsOf(members: ts.NodeArray<ts.TypeElement | ts.ClassElement>, prefix: string): [string, ts.Node][] {
  return members.flatMap((member): [string, ts.Node][] => {
    if (!member.name || !ts.isIdentifier(member.name)) return [];
    const name = `${prefix}.${member.name.text}`;
    if (ts.isMethodSignature(member)) return [[name, member]];
    if (ts.isMethodDeclaration(member)) {
      const hidden = ts.getCombinedModifierFlags(member) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected);
      return hidden ? [] : [[name, member]];
    }
    if (ts.isPropertySignature(member) && member.type && ts.isTypeLiteralNode(member.type)) {
      return methodsOf(member.type.members, name);
    }
    return [];
  });
}

/** Every public name that lacks its docs, as `file: Name` or `file: Interface.method`. */
function undocumented(): string[] {
  const entries = entrySources();
  const program = ts.createProgram(entries, { strict: true, noEmit: true, skipLibCheck: true, types: [], jsx: ts.JsxEmit.ReactJSX, jsxImportSource: 'preact' });
  const checker = program.getTypeChecker();
  const missing = new Set<string>();
  const seen = new Set<ts.Symbol>();
  for (const entry of entries) {
    const source = program.getSourceFile(entry);
    if (!source) throw new Error(`${entry} is listed in sdk/package.json exports but does not exist`);
    const module = checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`${entry} exports nothing`);
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (seen.has(symbol)) continue;
      seen.add(symbol);
      const declarations = symbol.getDeclarations() ?? [];
      const file = path.relative(path.dirname(sdk), declarations[0]?.getSourceFile().fileName ?? entry);
      if (!hasDescription(symbol, checker) || !hasExample(symbol, checker)) missing.add(`${file}: ${symbol.name}`);
      for (const declaration of declarations) {
        if (!ts.isInterfaceDeclaration(declaration) && !ts.isClassDeclaration(declaration)) continue;
        for (const [name, member] of methodsOf(declaration.members, symbol.name)) {
          const text = ts
            .getJSDocCommentsAndTags(member)
            .filter(ts.isJSDoc)
            .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '')
            .join('')
            .trim();
          if (!text) missing.add(`${file}: ${name}`);
        }
      }
    }
  }
  return [...missing].sort();
}

describe('the SDK public surface', () => {
  it('has a description and an @example on every export, and a description on every method', () => {
    expect(undocumented()).toEqual([]);
  });
});
