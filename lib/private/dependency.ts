import { IResolvable, IResolveContext, ITerraformDependable, TerraformResource, TerraformStack, Token } from 'cdktf';

/**
 * A `depends_on` entry for a resource, written as cdktf's `dependable()` writes it. cdktf's token
 * records a stack trace when it is made, and its `fqn` makes another token (with its own trace) the
 * first time it is resolved: about 1,300 of each at 50 servers with their databases (bench/README,
 * roles50 at stop 32). This one records none: a resource of the stack being resolved is written as
 * its type and logical ID, read when resolved (an overrideLogicalId after is seen), exactly what the
 * `fqn` reference gives in its own stack; anything else (another stack's resource, a module, a data
 * source) goes through its `fqn` as cdktf's does.
 */
export function dependencyOn(target: ITerraformDependable): string {
  return Token.asString(new Dependency(target));
}

class Dependency implements IResolvable {
  /** Read only in cdktf's errors about a token; cdktf's own would hold the stack at creation. */
  public readonly creationStack: string[] = [];
  private targetStack?: TerraformStack;

  constructor(private readonly target: ITerraformDependable) {}

  public resolve(context: IResolveContext): string {
    // As cdktf's Dependable: the reference is written without braces.
    context.suppressBraces = true;
    if (TerraformResource.isTerraformResource(this.target)) {
      const resource = this.target as TerraformResource;
      // A resource's stack never changes: looked up once.
      if ((this.targetStack ??= TerraformStack.of(resource)) === TerraformStack.of(context.scope)) return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
    }
    return this.target.fqn;
  }

  public toString(): string {
    return Token.asString(this);
  }

}
