import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';

/**
 * The name and version of the installed package, read from the nearest package.json above this
 * module: lib/private in the repo, dist/private or the bundle's dist/ once installed.
 */
export function libraryPackage(): { readonly name: string; readonly version: string; readonly homepage?: string } {
  let dir = __dirname;
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown; repository?: { url?: unknown } };
      if (typeof manifest.name === 'string' && typeof manifest.version === 'string') {
        const url = manifest.repository?.url;
        return { name: manifest.name, version: manifest.version, homepage: typeof url === 'string' ? url.replace(/^git\+/, '').replace(/\.git$/, '') : undefined };
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return { name: 'cdktf-azure-postgres', version: 'unknown' };
    dir = parent;
  }
}
