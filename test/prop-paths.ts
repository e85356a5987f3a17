import { join } from 'path';
import * as ts from 'typescript';

// The prop paths of the constructs' props interfaces, read from the types themselves with
// TypeScript's checker on lib/index.ts: the tests that must cover every prop (tokens.test.ts,
// props-shape.test.ts) compare their tables with these paths, so a new prop cannot be missed.

export type PathKind = 'string' | 'number' | 'boolean' | 'list' | 'map' | 'dependable' | 'construct' | 'factory';

/** A prop path's kind, and whether the prop is optional (a factory's parameter is optional when it has a `?`). */
export interface PathInfo {
  readonly kind: PathKind;
  readonly optional: boolean;
}

let program: ts.Program | undefined;

/**
 * Every prop path of a props interface: nested options with ".", the first item of a list with
 * "[0]", a map's values as ".<key>", a construct (DatabaseAccessProps.server) as one path, and the options of a factory class
 * (FlexibleServerNetwork.vnetIntegration(options), DiagnosticSettings.logAnalytics(id),
 * FlexibleServerSku.of(name), ...) as "<prop>.<factory>.<option>"; a factory without parameters
 * as "<prop>.<factory>()".
 */
export function propPathInfo(interfaceName: string): Map<string, PathInfo> {
  const index = join(__dirname, '..', 'lib', 'index.ts');
  program ??= ts.createProgram([index], { strict: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, skipLibCheck: true, noEmit: true, types: [] });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(index)!)!;
  const exported = checker.getExportsOfModule(moduleSymbol).find((s) => s.name === interfaceName)!;
  const paths = new Map<string, PathInfo>();

  const leafKind = (type: ts.Type): PathKind | undefined => {
    if (type.flags & ts.TypeFlags.BooleanLike || (type.isUnion() && type.types.every((t) => t.flags & ts.TypeFlags.BooleanLike))) return 'boolean';
    if (type.flags & ts.TypeFlags.StringLike || (type.isUnion() && type.types.every((t) => t.flags & ts.TypeFlags.StringLike))) return 'string';
    if (type.flags & ts.TypeFlags.NumberLike) return 'number';
    return undefined;
  };
  const walk = (type: ts.Type, prefix: string) => {
    for (const property of checker.getPropertiesOfType(type)) {
      const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
      classify(checker.getTypeOfSymbolAtLocation(property, property.valueDeclaration ?? property.declarations![0]), `${prefix}${property.name}`, optional);
    }
  };
  const classify = (raw: ts.Type, path: string, optional: boolean): void => {
    const type = checker.getNonNullableType(raw);
    const leaf = leafKind(type);
    if (leaf) {
      paths.set(path, { kind: leaf, optional });
    } else if (checker.isArrayType(type)) {
      const element = checker.getNonNullableType(checker.getTypeArguments(type as ts.TypeReference)[0]);
      const elementLeaf = leafKind(element);
      if (element.getSymbol()?.name === 'ITerraformDependable') {
        paths.set(path, { kind: 'dependable', optional });
      } else if (elementLeaf) {
        paths.set(path, { kind: 'list', optional });
        paths.set(`${path}[0]`, { kind: elementLeaf, optional: false });
      } else {
        paths.set(path, { kind: 'list', optional });
        walk(element, `${path}[0].`);
      }
    } else if (checker.getIndexInfoOfType(type, ts.IndexKind.String)) {
      paths.set(path, { kind: 'map', optional });
      classify(checker.getIndexInfoOfType(type, ts.IndexKind.String)!.type, `${path}.<key>`, false);
    } else {
      const declaration = type.getSymbol()?.valueDeclaration ?? type.getSymbol()?.declarations?.[0];
      if (declaration && ts.isClassDeclaration(declaration) && checker.getPropertyOfType(type, 'node') !== undefined) {
        paths.set(path, { kind: 'construct', optional });
      } else if (declaration && ts.isClassDeclaration(declaration)) {
        for (const member of declaration.members) {
          if (!ts.isMethodDeclaration(member) || !member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) continue;
          const factory = `${path}.${(member.name as ts.Identifier).text}`;
          if (member.parameters.length === 0) paths.set(`${factory}()`, { kind: 'factory', optional });
          for (const parameter of member.parameters) {
            const parameterType = checker.getNonNullableType(checker.getTypeAtLocation(parameter));
            const kind = leafKind(parameterType);
            if (kind) paths.set(`${factory}.${(parameter.name as ts.Identifier).text}`, { kind, optional: parameter.questionToken !== undefined });
            else walk(parameterType, `${factory}.`);
          }
        }
      } else {
        walk(type, `${path}.`);
      }
    }
  };
  walk(checker.getDeclaredTypeOfSymbol(exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported), '');
  return paths;
}

/** Every prop path of a props interface and its kind (see propPathInfo). */
export function propPaths(interfaceName: string): Map<string, PathKind> {
  return new Map([...propPathInfo(interfaceName)].map(([path, info]) => [path, info.kind]));
}
