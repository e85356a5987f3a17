import { map, text } from '../private/shape';
import { isToken } from '../private/tokens';
import { ValidationError } from '../private/validation-error';

/** Azure's limits on tags, which the provider checks only at plan. */
const MAX_TAGS = 50;
const MAX_KEY = 512;
const MAX_VALUE = 256;
/** Characters Azure refuses in a tag name. */
const FORBIDDEN_IN_KEY = /[<>%&\\?/]/;

/** Tags map names to text; a map or value known only at apply time is accepted (tags guard nothing). */
export const TAGS = map(text());

export function validateTags(prop: string, tags: { [key: string]: string } | undefined): void {
  if (tags === undefined || isToken(tags)) return;
  const entries = Object.entries(tags);
  if (entries.length > MAX_TAGS) {
    throw new ValidationError('TAGS-TOO-MANY', prop, entries.length, `tags are more than Azure allows (${MAX_TAGS})`, `keep at most ${MAX_TAGS} tags`);
  }
  for (const [key, value] of entries) {
    checkKey(`${prop} key`, key);
    if (!isToken(value) && value.length > MAX_VALUE) {
      throw new ValidationError('TAGS-VALUE-LENGTH', `${prop}.${key}`, value, `is longer than ${MAX_VALUE} characters`, 'shorten the value');
    }
  }
}

function checkKey(prop: string, key: string): void {
  const fix = `name the tag with 1-${MAX_KEY} characters, none of < > % & \\ ? /`;
  if (key.length === 0) throw new ValidationError('TAGS-KEY', prop, key, 'is empty', fix);
  if (key.length > MAX_KEY) throw new ValidationError('TAGS-KEY', prop, key, `is longer than ${MAX_KEY} characters`, fix);
  const forbidden = FORBIDDEN_IN_KEY.exec(key);
  if (forbidden !== null) throw new ValidationError('TAGS-KEY', prop, key, `holds "${forbidden[0]}", which Azure does not allow in a tag name`, fix);
}
