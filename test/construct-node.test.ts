import { TerraformStack } from 'cdktf';
import { Node } from 'constructs';
import { AccessLevel, DatabaseAccess, DatabasePrincipal, EntraPrincipalType, SecureFlexibleServer, SecureSingleServer } from '../lib';
import { ValidationError } from '../lib/private/validation-error';
import { minimalProps, minimalSingleProps, providerStack, synthErrors, thrownBy } from './helpers';

// Fourteenth review, A14a-9: constructs' Construct assigns `this.node`, so a subclass that defines
// `node` receives the real Node and may hand the library and cdktf a view of it that hides a
// resource (from the made list, the pins and the JSON) or reports another path (which turned the
// construct's checks off). The library constructs keep the Node constructs made, read-only, and
// refuse any other.

type Constructor<T> = new (...args: any[]) => T;

/** A subclass whose `node` accessor keeps the real Node and hands out `view(real)`. */
function withNodeView<T extends object>(Base: Constructor<T>, view: (real: Node) => unknown): Constructor<T> {
  const Sub = class extends (Base as Constructor<object>) {} as Constructor<T>;
  const views = new WeakMap<object, unknown>();
  Object.defineProperty(Sub.prototype, 'node', {
    configurable: true,
    set(this: object, real: Node) { views.set(this, view(real)); },
    get(this: object) { return views.get(this); },
  });
  return Sub;
}

/** A view that leaves one child out of what the node lists. */
const hiding = (id: string) => (real: Node) => new Proxy(real, {
  get: (target, key) => {
    if (key === 'children') return target.children.filter((child) => child.node.id !== id);
    if (key === 'findAll') return () => target.findAll().filter((child) => child.node.id !== id);
    const value = Reflect.get(target, key);
    return typeof value === 'function' ? value.bind(target) : value;
  },
});

const refusal = (className: string, shown: string) =>
  `Invalid node: ${shown} is not the node that constructs made for this ${className}: a subclass that redefines node could hide the construct's resources from its checks and from the JSON. Fix: remove node from the subclass of ${className}.`;

describe('a subclass that redefines node is refused', () => {
  test.each<[string, () => unknown, string]>([
    ['SecureFlexibleServer hiding DenyAllInbound', () => new (withNodeView(SecureFlexibleServer, hiding('SecurityRule-DenyAllInbound')))(providerStack(), 'Postgres', minimalProps()), 'SecureFlexibleServer'],
    ['SecureSingleServer hiding its delete lock', () => new (withNodeView(SecureSingleServer, hiding('DeleteLock')))(providerStack(), 'Legacy', minimalSingleProps({ deletionProtection: { lock: true } })), 'SecureSingleServer'],
    ['DatabaseAccess hiding its database', () => {
      const stack = providerStack();
      const server = new SecureFlexibleServer(stack, 'Postgres', minimalProps({ databases: [{ name: 'orders' }] }));
      return new (withNodeView(DatabaseAccess, hiding('Database-orders')))(stack, 'Access', {
        server, connectAs: { principalName: 'db-admins' }, databases: ['orders'],
        roles: [{ name: 'orders_app', database: 'orders', access: AccessLevel.READ_WRITE,
          member: DatabasePrincipal.entra({ objectId: '77777777-7777-7777-7777-777777777777', principalType: EntraPrincipalType.SERVICE_PRINCIPAL }) }],
      });
    }, 'DatabaseAccess'],
  ])('%s', (_name, build, className) => {
    const error = thrownBy(build);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('CONSTRUCT-NODE-OVERRIDDEN');
    expect((error as Error).message).toBe(refusal(className, '(an accessor)'));
  });

  test('a node that reports another path is refused', () => {
    const Liar = withNodeView(SecureFlexibleServer, (real) => new Proxy(real, {
      get: (target, key) => (key === 'path' ? 'elsewhere/Postgres' : Reflect.get(target, key)),
    }));
    expect((thrownBy(() => new Liar(providerStack(), 'Postgres', minimalProps())) as Error).message).toBe(refusal('SecureFlexibleServer', '(an accessor)'));
  });

  test('a setter that stores a view as the construct\'s own property is refused too', () => {
    const Sub = class extends SecureFlexibleServer {};
    Object.defineProperty(Sub.prototype, 'node', {
      configurable: true,
      set(this: object, real: Node) { Object.defineProperty(this, 'node', { value: hiding('SecurityRule-DenyAllInbound')(real), writable: true, configurable: true, enumerable: true }); },
    });
    expect((thrownBy(() => new Sub(providerStack(), 'Postgres', minimalProps())) as Error).message).toBe(refusal('SecureFlexibleServer', '(another object)'));
  });

  test('a node replaced after construction is refused by the language: it is read-only', () => {
    const postgres = new SecureFlexibleServer(providerStack(), 'Postgres', minimalProps());
    expect(() => Object.defineProperty(postgres, 'node', { value: {} })).toThrow(TypeError);
    expect(() => { (postgres as { node: unknown }).node = {}; }).toThrow(TypeError);
    expect(Object.getOwnPropertyDescriptor(postgres, 'node')).toMatchObject({ writable: false, configurable: false });
  });
});

test('a subclass that leaves node alone synthesizes as the construct does (control)', () => {
  class Mine extends SecureFlexibleServer {}
  const stack: TerraformStack = providerStack();
  const postgres = new Mine(stack, 'Postgres', minimalProps());
  expect(postgres.node.tryFindChild('Server')).toBeDefined();
  expect(synthErrors(stack)).toEqual([]);
});
