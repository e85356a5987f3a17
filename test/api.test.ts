import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

// The public API as jsii compiled it (.jsii, written by `npm run build`, which `npm install` runs).
const ASSEMBLY_PATH = join(__dirname, '..', '.jsii');

interface JsiiProperty {
  readonly name: string;
  readonly optional?: boolean;
  readonly immutable?: boolean;
  readonly docs?: { readonly summary?: string; readonly default?: string };
}
interface JsiiType {
  readonly fqn: string;
  readonly kind: string;
  readonly datatype?: boolean;
  readonly docs?: { readonly summary?: string };
  readonly properties?: JsiiProperty[];
}

function loadTypes(): JsiiType[] {
  if (!existsSync(ASSEMBLY_PATH)) throw new Error('.jsii is missing: run `npm run build` first');
  return Object.values(JSON.parse(readFileSync(ASSEMBLY_PATH, 'utf8')).types) as JsiiType[];
}

const types = loadTypes();
const structs = types.filter((t) => t.datatype === true);

test('every exported type has a doc comment', () => {
  expect(types.filter((t) => !t.docs?.summary).map((t) => t.fqn)).toEqual([]);
});

test('every struct property is readonly and documented', () => {
  const offenders = structs.flatMap((s) => (s.properties ?? []).filter((p) => p.immutable !== true || !p.docs?.summary).map((p) => `${s.fqn}.${p.name}`));
  expect(offenders).toEqual([]);
});

test('every optional struct property says its @default', () => {
  const offenders = structs.flatMap((s) => (s.properties ?? []).filter((p) => p.optional && !p.docs?.default).map((p) => `${s.fqn}.${p.name}`));
  expect(offenders).toEqual([]);
});

test('SecureFlexibleServer is a construct of the API', () => {
  expect(types.find((t) => t.fqn === 'cdktf-azure-postgres.SecureFlexibleServer')?.kind).toBe('class');
});
