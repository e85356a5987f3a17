/** Input the check command cannot judge: exit 2 with one line on stderr. */
export class BadInput extends Error {}
