import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

// API.md's tables show each doc comment's summary, which jsii takes as the first sentence: it
// ends at the first ".", ";", "!" or "?" followed by a space (or at the first blank line). A
// semicolon there cuts a summary in the middle ("Entra ID administrators;"), so doc comments
// state their first sentence without one. This test reads the summaries jsii wrote to .jsii.

const ASSEMBLY_PATH = join(__dirname, '..', '.jsii');

interface Docs {
  readonly summary?: string;
  readonly remarks?: string;
}
interface Documented {
  readonly name?: string;
  readonly fqn?: string;
  readonly docs?: Docs;
  readonly parameters?: Documented[];
}
interface JsiiType extends Documented {
  readonly properties?: Documented[];
  readonly methods?: Documented[];
  readonly members?: Documented[];
  readonly initializer?: Documented;
}

/** Every documented element of the assembly, named as API.md names it. */
function documentedElements(): [string, Docs][] {
  if (!existsSync(ASSEMBLY_PATH)) throw new Error('.jsii is missing: run `npm run build` first');
  const types = Object.values(JSON.parse(readFileSync(ASSEMBLY_PATH, 'utf8')).types) as JsiiType[];
  return types.flatMap((type) => {
    const methods = [...(type.methods ?? []), ...(type.initializer ? [{ ...type.initializer, name: 'constructor' }] : [])];
    return [
      [type.fqn!, type.docs ?? {}] as [string, Docs],
      ...[...(type.properties ?? []), ...(type.members ?? [])].map((member): [string, Docs] => [`${type.fqn}.${member.name}`, member.docs ?? {}]),
      ...methods.flatMap((method): [string, Docs][] => [
        [`${type.fqn}.${method.name}()`, method.docs ?? {}],
        ...(method.parameters ?? []).map((parameter): [string, Docs] => [`${type.fqn}.${method.name}(${parameter.name})`, parameter.docs ?? {}]),
      ]),
    ];
  });
}

test('the assembly has documented elements to judge', () => {
  expect(documentedElements().length).toBeGreaterThan(100);
});

test('no summary is cut at a semicolon', () => {
  const cut = documentedElements().filter(([, docs]) => docs.summary?.endsWith(';'));
  expect(cut.map(([name, docs]) => `${name}: ${docs.summary}`)).toEqual([]);
});

test('no summary is cut in the middle of a sentence: the remarks after it start one', () => {
  const cut = documentedElements().filter(([, docs]) => /^[a-z]/.test(docs.remarks ?? ''));
  expect(cut.map(([name, docs]) => `${name}: ${docs.summary} | ${docs.remarks}`)).toEqual([]);
});
