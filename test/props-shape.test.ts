import {
  DatabasePrincipal,
  DiagnosticSettings,
  FlexibleServerAuthentication,
  FlexibleServerNetwork,
  FlexibleServerSku,
  RoleDefinition,
  SingleServerNetwork,
  SingleServerSku,
} from '../lib';
import { DATABASE_ACCESS_PROPS } from '../lib/database/props-shape';
import { SECURE_FLEXIBLE_SERVER_PROPS } from '../lib/flexible-server/props-shape';
import { ChoiceShape, Shape, StructShape } from '../lib/private/shape';
import { SECURE_SINGLE_SERVER_PROPS } from '../lib/single-server/props-shape';
import { PathInfo, propPathInfo } from './prop-paths';

// The run-time shapes (lib/*/props-shape.ts) check what TypeScript checks for a TypeScript caller:
// each props interface's shape has exactly the props of its type, of the same kind, required
// where the type requires them. A prop added to an interface without its shape fails here.

/** An instance made by each factory of an enum-like class: the parts a shape checks depend on the factory used. */
const INSTANCES: { readonly [name: string]: unknown[] } = {
  FlexibleServerNetwork: [
    FlexibleServerNetwork.vnetIntegration({} as never),
    FlexibleServerNetwork.existingVnetIntegration({} as never),
    FlexibleServerNetwork.privateEndpoint({} as never),
    FlexibleServerNetwork.publicAccess({} as never),
  ],
  SingleServerNetwork: [SingleServerNetwork.privateEndpoint({} as never), SingleServerNetwork.publicAccess({} as never)],
  FlexibleServerAuthentication: [FlexibleServerAuthentication.entraOnly(), FlexibleServerAuthentication.entraAndPassword({} as never)],
  DiagnosticSettings: [DiagnosticSettings.logAnalytics('x'), DiagnosticSettings.disabled('x')],
  FlexibleServerSku: [FlexibleServerSku.of('x')],
  SingleServerSku: [SingleServerSku.of('x')],
  DatabasePrincipal: [DatabasePrincipal.entra({} as never), DatabasePrincipal.password({} as never)],
  RoleDefinition: [RoleDefinition.builtIn('x'), RoleDefinition.fromResourceId('x')],
};

/** A factory whose one parameter is the prop itself, or is named by the shape without the factory's name. */
const FACTORY_PARAMETERS: { readonly [typePath: string]: string } = {
  'diagnosticSettings.logAnalytics.workspaceResourceId': 'diagnosticSettings.workspaceResourceId',
  'diagnosticSettings.disabled.justification': 'diagnosticSettings.justification',
  'sku.of.name': 'sku',
  'roleAssignments[0].role.builtIn.name': 'roleAssignments[0].role.name',
  'roleAssignments[0].role.fromResourceId.roleDefinitionResourceId': 'roleAssignments[0].role.resourceId',
};

/**
 * Required by the type, optional in the shape: a justification is asked for by the check that
 * knows what it justifies, whose message says so (JUSTIFICATION-MISSING instead of REQUIRED).
 */
const JUSTIFIED_LATER = /(^|\.)justification$/;

const KIND: { readonly [kind in Shape['kind']]?: PathInfo['kind'] } = { text: 'string', number: 'number', boolean: 'boolean', list: 'list', map: 'map', dependable: 'dependable', construct: 'construct' };

/** The prop paths a shape checks, written as prop-paths.ts writes the type's. */
function shapePaths(shape: StructShape): Map<string, PathInfo> {
  const paths = new Map<string, PathInfo>();
  const visit = (node: Shape, path: string, optional: boolean): void => {
    if (node.kind === 'struct') {
      for (const [key, field] of Object.entries(node.fields)) visit(field.shape, path === '' ? key : `${path}.${key}`, field.required === undefined);
    } else if (node.kind === 'choice') {
      visitChoice(node, path);
    } else if (node.kind === 'list' && node.item.kind === 'dependable') {
      // prop-paths.ts writes a list of dependables as one "dependable" path.
      paths.set(path, { kind: 'dependable', optional });
    } else {
      paths.set(path, { kind: KIND[node.kind]!, optional });
      if (node.kind === 'list') visit(node.item, `${path}[0]`, false);
      if (node.kind === 'map') visit(node.value, `${path}.<key>`, false);
    }
  };
  const visitChoice = (node: ChoiceShape, path: string): void => {
    for (const instance of INSTANCES[node.name]) {
      for (const part of node.parts(instance as never)) visit(part.shape, part.name === '' ? path : `${path}.${part.name}`, part.required === undefined);
    }
  };
  visit(shape, '', false);
  return paths;
}

/** The type's paths, factories without parameters left out (they take nothing to check). */
function typePaths(interfaceName: string): Map<string, PathInfo> {
  return new Map([...propPathInfo(interfaceName)].filter(([, info]) => info.kind !== 'factory').map(([path, info]) => [FACTORY_PARAMETERS[path] ?? path, info]));
}

describe.each([
  ['SecureFlexibleServerProps', SECURE_FLEXIBLE_SERVER_PROPS],
  ['SecureSingleServerProps', SECURE_SINGLE_SERVER_PROPS],
  ['DatabaseAccessProps', DATABASE_ACCESS_PROPS],
])('%s: the shape matches the type', (name, shape) => {
  const ofType = typePaths(name);
  const ofShape = shapePaths(shape);

  test('the same props, of the same kind', () => {
    const kinds = (paths: Map<string, PathInfo>) => Object.fromEntries([...paths].map(([path, info]) => [path, info.kind]));
    expect(kinds(ofShape)).toEqual(kinds(ofType));
  });

  test('required where the type requires them (justifications are asked for by the check that knows why)', () => {
    const differing = [...ofType].filter(([path, info]) => ofShape.get(path)?.optional !== info.optional);
    expect(differing.filter(([path, info]) => !(JUSTIFIED_LATER.test(path) && !info.optional))).toEqual([]);
  });
});
