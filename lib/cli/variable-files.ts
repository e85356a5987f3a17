/**
 * The variable files Terraform loads without being asked from the folder it runs in: terraform.tfvars, terraform.tfvars.json, then
 * every *.auto.tfvars and *.auto.tfvars.json in the order of their names, a later one's value replacing an earlier one's (Terraform
 * docs, "Variable Definitions (.tfvars) Files"). A value such a file gives is what the variable is when the run sets it no other way,
 * as a default is: the password rules read it so (echoed-arguments.ts defaultOf), so a literal password in terraform.tfvars fails as
 * one in the variable's default does (54th run, A54a-2). Every other rule takes a variable as known only at apply time, with or without
 * such a file. A file check cannot read (HCL it does not parse) is refused: exit 2, naming it.
 */
import { readdirSync } from 'fs';
import { refuseNamesNotUtf8 } from './stack-walk';
import { join } from 'path';
import { expressionAt, Value } from '../checks/hcl-expression';
import { InexactJsonNumber, parseTerraformJson, bodiesOf, isObject } from '../checks/terraform-json';
import { blanksEnd, heredocEnd, quotedEnd } from '../checks/traversal-text';
import { readRegularText } from './stack-text';

/**
 * The variable files Terraform loads in its folder: terraform.tfvars(.json), opened by name, so in any case where the file system
 * ignores case (Windows, macOS: `Terraform.tfvars`, 58th run, A58b-3; on Linux such a file is read too, the safe side for a literal
 * it holds); and any name with the auto suffix, hidden or not (55th run, A55a-1), which Terraform matches case-sensitively everywhere
 * (a `prod.AUTO.tfvars` it never loads must not clear a literal: review of the 58th run's fix).
 */
const DEFAULT_FILE = /^terraform\.tfvars(?:\.json)?$/i;
const AUTO_FILE = /^.*\.auto\.tfvars(?:\.json)?$/s;
/** A name Terraform reads as an attribute's: a letter or underscore, then letters, digits, underscores and dashes. */
const NAME = /[\p{ID_Start}_][\p{ID_Continue}-]*/uy;

/** Whether Terraform loads a file of this name from the folder it runs in without being asked. */
export function isAutoVariableFile(name: string): boolean {
  return DEFAULT_FILE.test(name) || AUTO_FILE.test(name);
}

/** A variable file check cannot read. */
export class UnreadVariableFile extends Error {}

/** The variable files of a folder Terraform loads, in its order, and the value each variable takes from them. */
export function autoVariableValues(folder: string): { readonly files: readonly string[]; readonly values: ReadonlyMap<string, unknown> } {
  // A folder named as one is no file; a link to none or to a folder is refused with the file's name, as the 55th run decided (A55a-c01/c02).
  // A file given alone: its folder is not walked, and a variable file whose name is not UTF-8 would be read as another (V77-14).
  refuseNamesNotUtf8(folder, true, (problem) => new UnreadVariableFile(problem));
  const names = readdirSync(folder, { withFileTypes: true }).filter((entry) => !entry.isDirectory() && isAutoVariableFile(entry.name)).map((entry) => entry.name);
  // A name in other case first: Terraform may not load it (Linux), so it never overrides the exact name it loads (61st run, A61a-2).
  const defaults = ['terraform.tfvars', 'terraform.tfvars.json'];
  const first = [...defaults.flatMap((lower) => names.filter((name) => name !== lower && name.toLowerCase() === lower)), ...defaults.filter((name) => names.includes(name))];
  // In the order of their names' UTF-8 bytes, as Go sorts them (55th run, A55a-3).
  const rest = names.filter((name) => !first.includes(name)).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const files = [...first, ...rest].map((name) => join(folder, name));
  const values = new Map<string, unknown>();
  for (const file of files) {
    for (const [name, value] of Object.entries(readVariableFile(file))) values.set(name, value);
  }
  return { files, values };
}

/**
 * The stack's JSON with each variable a file sets given that value as its default (the value it takes when the run sets none); a
 * null for a variable that is not nullable leaves its default, as Terraform does (55th run, A55a-2).
 */
export function withVariableValues<T>(terraform: T, values: ReadonlyMap<string, unknown>): T {
  if (values.size === 0 || !isObject(terraform) || terraform.variable === undefined) return terraform;
  // A null sets null only where the variable is surely nullable: `"nullable": "false"` is false to Terraform too (58th run, A58b-1).
  const given = (body: { [key: string]: unknown }, value: unknown) => (value === null && !isNullable(body.nullable) ? body : { ...body, default: value });
  const variable = bodiesOf(terraform.variable).map((byName) => (!isObject(byName) ? byName : Object.fromEntries(Object.entries(byName).map(([name, body]) => [
    name,
    values.has(name) ? bodiesOf(body).map((each) => (isObject(each) ? given(each, values.get(name)) : each)) : body,
  ]))));
  return { ...terraform, variable };
}

function isNullable(nullable: unknown): boolean {
  return nullable === undefined || nullable === null || nullable === true || nullable === 'true';
}

function readVariableFile(file: string): { [name: string]: unknown } {
  let text: string;
  try {
    text = readRegularText(file);
  } catch (error) {
    throw new UnreadVariableFile(`${file}: a variable file Terraform loads, which cannot be read (${(error as Error).message})`);
  }
  if (file.toLowerCase().endsWith('.json')) {
    let parsed: unknown;
    try {
      parsed = parseTerraformJson(text);
    } catch (error) {
      if (error instanceof InexactJsonNumber) {
        throw new UnreadVariableFile(`${file}: a variable file Terraform loads, which holds a number Terraform reads more exactly than JavaScript (${error.message}); write it as a double prints, or as a string`);
      }
      throw new UnreadVariableFile(`${file}: a variable file Terraform loads, not valid JSON (${(error as Error).message})`);
    }
    if (!isObject(parsed)) throw new UnreadVariableFile(`${file}: a variable file Terraform loads, not a JSON object of variable values`);
    return parsed;
  }
  return hclAttributes(file, withoutComments(text.replace(/^\uFEFF/, '')));
}

/**
 * The text with HCL's comments (`#` and `//` to the end of the line, `/* ... *\/`) blanked, line breaks kept: the expression reader
 * takes `//` for a division. Strings (with their interpolations) and heredocs are kept as they are (traversal-text.ts reads them).
 */
function withoutComments(text: string): string {
  let out = '';
  let at = 0;
  while (at < text.length) {
    const comment = text[at] === '#' || text.startsWith('//', at) || text.startsWith('/*', at);
    const end = comment ? blanksEnd(text, at) : text[at] === '"' ? quotedEnd(text, at) : text.startsWith('<<', at) ? heredocEnd(text, at) ?? at + 1 : at + 1;
    out += comment ? text.slice(at, end).replace(/[^\n]/g, ' ') : text.slice(at, end);
    at = end;
  }
  return out;
}

/** Where a value that opens at `at` ends: the first line break outside its brackets, strings and heredocs (Terraform's too). */
function valueEnd(text: string, at: number): number {
  let depth = 0;
  let position = at;
  while (position < text.length) {
    const heredoc = text.startsWith('<<', position) ? heredocEnd(text, position) : undefined;
    if (text[position] === '"') position = quotedEnd(text, position);
    // A heredoc ends with its marker's line, and so does the value it is, outside brackets.
    else if (heredoc !== undefined) {
      position = heredoc;
      if (depth <= 0) return position;
    } else if (text[position] === '\n' && depth <= 0) return position;
    else {
      if ('([{'.includes(text[position])) depth++;
      else if (')]}'.includes(text[position])) depth--;
      position++;
    }
  }
  return position;
}

/** The attributes of an HCL variable file (`name = value`, one per line, with comments), each value read as a constant. */
function hclAttributes(file: string, text: string): { [name: string]: unknown } {
  const found: { [name: string]: unknown } = {};
  let at = blanksEnd(text, 0);
  while (at < text.length) {
    NAME.lastIndex = at;
    const name = NAME.exec(text)?.[0];
    const equals = name === undefined ? -1 : blanksEnd(text, at + name.length);
    if (name === undefined || text[equals] !== '=') {
      throw new UnreadVariableFile(`${file}: a variable file Terraform loads, which check does not read at line ${text.slice(0, at).split('\n').length}; write it as ${file.replace(/\.tfvars$/, '.tfvars.json')} or remove it`);
    }
    // A value the expression reader does not read (a flush heredoc, a number with an exponent, a conditional: 55th run, A55b-4) is
    // that variable's literal text, as written: a password read from it fails, and the file's other values are read.
    const read = expressionAt(text, equals + 1);
    const end = read?.end ?? valueEnd(text, equals + 1);
    const raw = text.slice(equals + 1, end).trim();
    // A value is taken as written, whole: a password read from any part of it fails (echoed-arguments.ts defaultRead; 57th run).
    if (read === undefined && raw === '') {
      throw new UnreadVariableFile(`${file}: a variable file Terraform loads, which check does not read at line ${text.slice(0, at).split('\n').length} (the value of ${name}); write it as ${file.replace(/\.tfvars$/, '.tfvars.json')} or remove it`);
    }
    const value = read === undefined ? raw : asJson(read.value);
    Object.defineProperty(found, name, { value, enumerable: true, writable: true, configurable: true });
    at = blanksEnd(text, end);
  }
  return found;
}

/** A value as JSON writes it: a value known only later (Terraform refuses one in a variable file) as its text. */
function asJson(value: Value): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}
