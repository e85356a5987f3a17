import { isToken } from '../private/tokens';
import { ValidationError } from '../private/validation-error';

/** Azure's limits on tags, which the provider checks only at plan. */
const MAX_TAGS = 50;
const MAX_KEY = 512;
const MAX_VALUE = 256;

export function validateTags(prop: string, tags: { [key: string]: string } | undefined): void {
  if (tags === undefined || isToken(tags)) return;
  const entries = Object.entries(tags);
  if (entries.length > MAX_TAGS) {
    throw new ValidationError(prop, entries.length, `tags are more than Azure allows (${MAX_TAGS})`, `keep at most ${MAX_TAGS} tags`);
  }
  for (const [key, value] of entries) {
    if (key.length > MAX_KEY) throw new ValidationError(`${prop} key`, key, `is longer than ${MAX_KEY} characters`, 'shorten the key');
    if (!isToken(value) && typeof value === 'string' && value.length > MAX_VALUE) {
      throw new ValidationError(`${prop}.${key}`, value, `is longer than ${MAX_VALUE} characters`, 'shorten the value');
    }
  }
}
