/**
 * Whether the server checks the certificate of the servers it signs in to (86th run, A86a-3): a subscription's `conninfo` and a
 * foreign server's `options` of a wrapper that connects with libpq (postgres_fdw, dblink's dblink_fdw) set sslmode "verify-full", as a literal. Without it libpq defaults to "prefer" and accepts
 * any certificate, so a man in the middle reads the password the server sends (a subscription's, a user mapping's) and the data;
 * a reviewed subscription (PGD-CFG-1 suppressed) whose conninfo later turns TLS off is judged here, where its suppression does not
 * reach. An sslmode written through a reference is no literal: it fails as none, since security settings must be literals. A
 * foreign server whose wrapper is known only at apply time may be one of those: unknown.
 */
import { sslModesIn } from './connection-secrets';
import { EchoScope } from './echoed-arguments';
import { isUnknown } from './hcl-expression';
import { fail, PASS, unknown, Verdict } from './rule';
import { ResourceView } from './stack-model';
import { isObject } from './terraform-json';

/** The foreign-data wrappers whose foreign servers the server signs in to with libpq, which reads sslmode from the server's options. */
const LIBPQ_WRAPPERS: readonly unknown[] = ['postgres_fdw', 'dblink_fdw'];

/** The verdict on a subscription's conninfo or a libpq foreign server's sslmode option; other resources pass. */
export function outboundVerifies(resource: ResourceView, scope: EchoScope): Verdict {
  if (resource.type === 'postgresql_subscription') {
    const modes = sslModesIn(resource.config.conninfo, scope);
    if (modes === undefined) return unknown(`${resource.address}: conninfo sets its sslmode in a way the checks cannot read, so whether the server checks the publisher's certificate cannot be told`, resource.address);
    return judged(resource, 'conninfo', modes);
  }
  if (resource.type !== 'postgresql_server') return PASS;
  if (isUnknown(resource.config.fdw_name)) return unknown(`${resource.address}: fdw_name is known only at apply time: it may be postgres_fdw or dblink_fdw, whose connections read sslmode from the options`, resource.address);
  if (!LIBPQ_WRAPPERS.includes(resource.config.fdw_name)) return PASS;
  const options = resource.config.options;
  if (isUnknown(options)) return unknown(`${resource.address}: options are known only at apply time, so whether the server checks the foreign server's certificate cannot be told`, resource.address);
  const mode = isObject(options) ? Object.entries(options).find(([key]) => key.toLowerCase() === 'sslmode')?.[1] : undefined;
  return judged(resource, 'options', typeof mode === 'string' ? [mode.toLowerCase()] : []);
}

function judged(resource: ResourceView, argument: string, modes: readonly string[]): Verdict {
  const weak = modes.length === 0 ? 'sets no sslmode as a literal (libpq then uses "prefer")' : modes.find((mode) => mode !== 'verify-full');
  if (weak === undefined) return PASS;
  const how = modes.length === 0 ? weak : `sets sslmode ${JSON.stringify(weak)}`;
  return fail(`${resource.address}: ${argument} ${how}, not "verify-full": the server signs in to the other server without checking its certificate, so a man in the middle reads the password it sends and the data.`, resource.address);
}
