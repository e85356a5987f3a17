import { Rule } from '../rule';
import { rule as PGF_NET_1 } from './PGF-NET-1';
import { rule as PGF_TLS_1 } from './PGF-TLS-1';

/** Every rule of the pack, in report order. */
export const ALL_RULES: readonly Rule[] = [PGF_NET_1, PGF_TLS_1];
