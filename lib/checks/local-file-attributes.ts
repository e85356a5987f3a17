/**
 * hashicorp/local's file attributes computed from a file's content alone: its encodings, hashes and id (the SHA-1 of the content;
 * 51st run, A50b-3). A leaf module: echoed-arguments.ts (a file resource read directly) and read-back-lookups.ts (a file lookup) both
 * read it, and they import each other, so a constant shared between them would be read before it is made.
 */
export const CONTENT_ATTRIBUTES: readonly string[] = ['content_base64', 'content_md5', 'content_sha1', 'content_sha256', 'content_sha512', 'content_base64sha256', 'content_base64sha512', 'id'];
