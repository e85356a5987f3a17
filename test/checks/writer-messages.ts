// The words of PG-CFG-3 and PG-CFG-4 after what a writer is, as the tests of writers expect them.

/** PG-CFG-3: a writer that names the server. */
export const REACHES = 'reaches the server; no rule reads what it does there, so it cannot be judged.';
export const FIX_3 = 'Fix: Manage the server with the azurerm PostgreSQL resources the rules read, or review the resource by hand and suppress PG-CFG-3 on it with the reason.';
/** PG-CFG-4: a command beside the server that does not name it. */
export const MAY_REACH = 'is in the server\'s stack but does not name the server; what it runs or deploys is not in the Terraform JSON and may still reach it (found by a search, or by a name put together), so it cannot be judged.';
export const FIX_4 = 'Fix: Make the change with the azurerm PostgreSQL resources the rules read, or move the command out of the server\'s stack (in another stack, it names neither the server nor its resource group), or review it by hand and suppress PG-CFG-4 on it (or on the server) with the reason.';
