import { ITerraformDependable, TerraformResource } from 'cdktf';
import { dependencyOn } from './dependency';

/**
 * Makes resources that change one server apply one after another: Azure answers ServerBusy to
 * parallel updates of the same server, so each resource depends on the one added before it.
 */
export class SerialChain {
  private last: ITerraformDependable;

  constructor(first: ITerraformDependable) {
    this.last = first;
  }

  /** Makes the resource wait for the previous one and become the next link. */
  public append<T extends TerraformResource>(resource: T): T {
    resource.dependsOn = [...(resource.dependsOn ?? []), dependencyOn(this.last)];
    this.last = resource;
    return resource;
  }

  /** The resource added last, for anything that must wait for the whole chain. */
  public get tail(): ITerraformDependable {
    return this.last;
  }
}

