/**
 * Azure's own databases on a Flexible Server (and PostgreSQL's templates): no stack may declare one,
 * and the audit leaves PUBLIC's default rights on them. No cdktf here: the CLIs read it.
 */
export const AZURE_DATABASES: readonly string[] = ['postgres', 'azure_maintenance', 'azure_sys', 'template0', 'template1'];
