// A Google Secret Manager secret's full resource name, as its lookups and references spell it: "projects/<p>/secrets/<s>", a
// regional one's "projects/<p>/locations/<l>/secrets/<s>", a version after either, the service's "//secretmanager.googleapis.com/"
// before (Secret Manager's resource names). One reader for every check that compares such names.

/** The parts of a secret's full resource name. */
export interface GoogleSecretName {
  readonly project: string;
  readonly location?: string;
  readonly secret: string;
}

const RESOURCE_NAME = /^(?:\/\/secretmanager\.googleapis\.com\/)?projects\/([^/]+)\/(?:locations\/([^/]+)\/)?secrets\/([^/]+)(?:\/versions\/[^/]+)?$/;

/** The project, location and secret a full resource name spells; undefined for any other text. */
export function parseGoogleSecretName(text: string): GoogleSecretName | undefined {
  const found = RESOURCE_NAME.exec(text);
  if (found === null) return undefined;
  return { project: found[1], secret: found[3], ...(found[2] === undefined ? {} : { location: found[2] }) };
}
