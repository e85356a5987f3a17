import { TerraformProvider, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { LIBRARY_ALIAS_PREFIX } from '../checks/library-comments';
import { claimStack } from '../checks/library-copy';
import { reservedIdError } from './reserved-id';

/**
 * A provider configuration that the library adds for its own resources, once per stack and key
 * (e.g. "random", or one per server for the postgresql provider). It lives under a construct id
 * and an alias that start with the library's name, so it can neither clash with a provider the
 * user declares (whatever its id, aliased or not) nor be taken for one: the library's resources
 * name it explicitly in their `provider` argument.
 *
 * @param scope any construct in the stack
 * @param key what the provider is for; letters, digits and "_"
 * @param create makes the provider under the given id, with the given alias
 */
export function libraryProvider<T extends TerraformProvider>(
  scope: IConstruct,
  key: string,
  create: (stack: TerraformStack, id: string, alias: string) => T,
): T {
  const stack = TerraformStack.of(scope);
  claimStack(stack);
  const alias = `${LIBRARY_ALIAS_PREFIX}_${key}`;
  const id = `cdktf-azure-postgres-${key}`;
  const existing = stack.node.tryFindChild(id);
  if (existing === undefined) return create(stack, id, alias);
  if (!(existing instanceof TerraformProvider) || existing.alias !== alias) {
    throw reservedIdError('LIBRARY-PROVIDER-ID-RESERVED', id, 'the provider cdktf-azure-postgres adds');
  }
  return existing as T;
}
