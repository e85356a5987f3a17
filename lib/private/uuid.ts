// Loads no cdktf: the props' validation, the constructs' plan-time guards and the rule pack's label reader share it.

/** A GUID as Entra writes an object or tenant ID: 8-4-4-4-12 hex digits, in any case. */
export const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
