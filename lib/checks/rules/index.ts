import { Rule, RuleInfo } from '../rule';
import { FIXED_RESOURCES } from './PG-CFG-2';
import { rule as PG_CFG_3 } from './PG-CFG-3';
import { rule as PG_CFG_4 } from './PG-CFG-4';
import { rule as PG_CFG_5 } from './PG-CFG-5';
import { rule as PG_CFG_6 } from './PG-CFG-6';
import { rule as PG_CFG_7 } from './PG-CFG-7';
import { rule as PG_CFG_8 } from './PG-CFG-8';
import { rule as PG_IAM_1 } from './PG-IAM-1';
import { rule as PG_IAM_4 } from './PG-IAM-4';
import { SUPPRESSIONS_VALID } from './PG-SUP-1';
import { rule as PGF_NET_1 } from './PGF-NET-1';
import { rule as PGF_NET_2 } from './PGF-NET-2';
import { rule as PGF_NET_3 } from './PGF-NET-3';
import { rule as PGF_NET_4 } from './PGF-NET-4';
import { rule as PGF_NET_5 } from './PGF-NET-5';
import { rule as PGF_NET_6 } from './PGF-NET-6';
import { rule as PGF_NET_7 } from './PGF-NET-7';
import { rule as PGF_NET_8 } from './PGF-NET-8';
import { rule as PGF_NET_9 } from './PGF-NET-9';
import { rule as PGF_NET_10 } from './PGF-NET-10';
import { rule as PGF_NET_11 } from './PGF-NET-11';
import { rule as PGF_NET_12 } from './PGF-NET-12';
import { rule as PGF_TLS_1 } from './PGF-TLS-1';
import { rule as PGF_TLS_2 } from './PGF-TLS-2';
import { rule as PGF_IAM_1 } from './PGF-IAM-1';
import { rule as PGF_IAM_2 } from './PGF-IAM-2';
import { rule as PGF_IAM_3 } from './PGF-IAM-3';
import { rule as PGF_IAM_4 } from './PGF-IAM-4';
import { rule as PGF_IAM_5 } from './PGF-IAM-5';
import { rule as PGF_IAM_6 } from './PGF-IAM-6';
import { rule as PGF_CFG_1 } from './PGF-CFG-1';
import { rule as PGS_CFG_1 } from './PGS-CFG-1';
import { rule as PGF_CFG_2 } from './PGF-CFG-2';
import { rule as PGS_CFG_2 } from './PGS-CFG-2';
import { rule as PGF_LOG_1 } from './PGF-LOG-1';
import { rule as PGF_LOG_2 } from './PGF-LOG-2';
import { rule as PGF_LOG_3 } from './PGF-LOG-3';
import { rule as PGF_LOG_4 } from './PGF-LOG-4';
import { rule as PGF_LOG_5 } from './PGF-LOG-5';
import { rule as PGF_LOG_6 } from './PGF-LOG-6';
import { rule as PGF_LOG_7 } from './PGF-LOG-7';
import { rule as PGF_LOG_8 } from './PGF-LOG-8';
import { rule as PGF_LOG_9 } from './PGF-LOG-9';
import { rule as PGF_LOG_10 } from './PGF-LOG-10';
import { rule as PGF_LOG_11 } from './PGF-LOG-11';
import { rule as PGF_LOG_12 } from './PGF-LOG-12';
import { rule as PGF_ENC_1 } from './PGF-ENC-1';
import { rule as PGF_BAK_1 } from './PGF-BAK-1';
import { rule as PGF_BAK_2 } from './PGF-BAK-2';
import { rule as PGF_AVL_1 } from './PGF-AVL-1';
import { rule as PGF_DEL_1 } from './PGF-DEL-1';
import { rule as PGF_DEL_2 } from './PGF-DEL-2';
import { rule as PGF_AVL_2 } from './PGF-AVL-2';
import { rule as PGS_NET_1 } from './PGS-NET-1';
import { rule as PGS_NET_2 } from './PGS-NET-2';
import { rule as PGS_NET_3 } from './PGS-NET-3';
import { rule as PGS_NET_4 } from './PGS-NET-4';
import { rule as PGS_NET_5 } from './PGS-NET-5';
import { rule as PGS_NET_6 } from './PGS-NET-6';
import { rule as PGS_NET_7 } from './PGS-NET-7';
import { rule as PGS_TLS_1 } from './PGS-TLS-1';
import { rule as PGS_TLS_2 } from './PGS-TLS-2';
import { rule as PGS_ENC_1 } from './PGS-ENC-1';
import { rule as PGS_ENC_2 } from './PGS-ENC-2';
import { rule as PGS_IAM_1 } from './PGS-IAM-1';
import { rule as PGS_IAM_2 } from './PGS-IAM-2';
import { rule as PGS_THR_1 } from './PGS-THR-1';
import { rule as PGS_THR_2 } from './PGS-THR-2';
import { rule as PGS_LOG_1 } from './PGS-LOG-1';
import { rule as PGS_LOG_2 } from './PGS-LOG-2';
import { rule as PGS_LOG_3 } from './PGS-LOG-3';
import { rule as PGS_LOG_4 } from './PGS-LOG-4';
import { rule as PGS_LOG_5 } from './PGS-LOG-5';
import { rule as PGS_LOG_6 } from './PGS-LOG-6';
import { rule as PGS_LOG_7 } from './PGS-LOG-7';
import { rule as PGS_LOG_8 } from './PGS-LOG-8';
import { rule as PGS_LOG_9 } from './PGS-LOG-9';
import { rule as PGS_LOG_10 } from './PGS-LOG-10';
import { rule as PGS_BAK_1 } from './PGS-BAK-1';
import { rule as PGS_BAK_2 } from './PGS-BAK-2';
import { rule as PGS_DEL_1 } from './PGS-DEL-1';
import { rule as PGS_RET_1 } from './PGS-RET-1';
import { rule as PGD_IAM_1 } from './PGD-IAM-1';
import { rule as PGD_IAM_2 } from './PGD-IAM-2';
import { rule as PGD_IAM_3 } from './PGD-IAM-3';
import { rule as PGD_IAM_4 } from './PGD-IAM-4';
import { rule as PGD_IAM_5 } from './PGD-IAM-5';
import { rule as PGD_IAM_6 } from './PGD-IAM-6';
import { rule as PGD_IAM_7 } from './PGD-IAM-7';
import { rule as PGD_IAM_8 } from './PGD-IAM-8';
import { rule as PGD_IAM_9 } from './PGD-IAM-9';
import { rule as PGD_IAM_10 } from './PGD-IAM-10';
import { rule as PGD_IAM_11 } from './PGD-IAM-11';
import { rule as PGD_IAM_12 } from './PGD-IAM-12';
import { rule as PGD_IAM_13 } from './PGD-IAM-13';
import { rule as PGD_IAM_14 } from './PGD-IAM-14';
import { rule as PGD_IAM_15 } from './PGD-IAM-15';
import { rule as PGD_IAM_16 } from './PGD-IAM-16';
import { rule as PGD_IAM_17 } from './PGD-IAM-17';
import { rule as PGD_CFG_1 } from './PGD-CFG-1';
import { rule as PGD_LOG_1 } from './PGD-LOG-1';
import { rule as PGD_LOG_2 } from './PGD-LOG-2';
import { rule as PGD_TLS_1 } from './PGD-TLS-1';
import { rule as PG_IAM_2 } from './PG-IAM-2';
import { rule as PG_IAM_3 } from './PG-IAM-3';
import { rule as PGF_IAM_7 } from './PGF-IAM-7';
import { rule as PGF_IAM_8 } from './PGF-IAM-8';
import { rule as PGS_IAM_3 } from './PGS-IAM-3';
import { rule as PGS_IAM_4 } from './PGS-IAM-4';
import { rule as PG_NET_1 } from './PG-NET-1';
import { rule as PG_LOG_1 } from './PG-LOG-1';
import { rule as PG_DEL_1 } from './PG-DEL-1';
import { rule as PG_ENC_1 } from './PG-ENC-1';

/** Flexible Server rules, in report order. */
const FLEXIBLE_RULES = [PGF_NET_1, PGF_NET_2, PGF_NET_3, PGF_NET_4, PGF_NET_5, PGF_NET_6, PGF_NET_7, PGF_NET_8, PGF_NET_9, PGF_NET_10, PGF_NET_11, PGF_NET_12, PGF_TLS_1, PGF_TLS_2, PGF_IAM_1, PGF_IAM_2, PGF_IAM_3, PGF_IAM_4, PGF_IAM_5, PGF_IAM_6, PGF_IAM_8, PGF_LOG_1, PGF_LOG_2, PGF_LOG_3, PGF_LOG_4, PGF_LOG_5, PGF_LOG_6, PGF_LOG_7, PGF_LOG_8, PGF_LOG_9, PGF_LOG_10, PGF_LOG_11, PGF_LOG_12, PGF_ENC_1, PGF_BAK_1, PGF_BAK_2, PGF_AVL_1, PGF_AVL_2, PGF_DEL_1, PGF_DEL_2, PGF_CFG_1, PGF_CFG_2];

/** Single Server rules, in report order. */
const SINGLE_RULES = [PGS_NET_1, PGS_NET_2, PGS_NET_3, PGS_NET_4, PGS_NET_5, PGS_NET_6, PGS_NET_7, PGS_TLS_1, PGS_TLS_2, PGS_ENC_1, PGS_ENC_2, PGS_IAM_1, PGS_IAM_2, PGS_IAM_4, PGS_THR_1, PGS_THR_2, PGS_LOG_1, PGS_LOG_2, PGS_LOG_3, PGS_LOG_4, PGS_LOG_5, PGS_LOG_6, PGS_LOG_7, PGS_LOG_8, PGS_LOG_9, PGS_LOG_10, PGS_BAK_1, PGS_BAK_2, PGS_DEL_1, PGS_RET_1, PGS_CFG_1, PGS_CFG_2];

/** Rules of what lives inside a server (roles, grants, extensions), for either kind, in report order. */
const DATABASE_RULES = [PGD_TLS_1, PGD_IAM_1, PGD_IAM_2, PGD_IAM_3, PGD_IAM_4, PGD_IAM_5, PGD_IAM_6, PGD_IAM_7, PGD_IAM_8, PGD_IAM_9, PGD_IAM_10, PGD_IAM_11, PGD_IAM_12, PGD_IAM_13, PGD_IAM_14, PGD_IAM_15, PGD_IAM_16, PGD_IAM_17, PGD_CFG_1, PGD_LOG_1, PGD_LOG_2];

/** Rules of what reaches a server, for either kind. */
const REACH_RULES = [PG_CFG_3, PG_CFG_4, PG_CFG_7, PG_CFG_8];

/** Rules of the objects a server's encryption depends on, as the stack makes them, for either kind. */
const KEY_RULES = [PG_ENC_1];

/** Rules of the passwords a stack generates for a server and its roles, for either kind. */
const GENERATED_SECRET_RULES = [PG_IAM_1, PG_IAM_4];

/** Rules of where the stack's providers come from, for either kind. */
const PROVIDER_RULES = [PG_CFG_5];

/** Rules of what a construct's own resources point at, for either kind. */
const PINNED_RULES = [PG_CFG_6];

/** Rules of what is added beside a server: role assignments, administrators, access paths, log exports, locks. */
const BESIDE_RULES = [PG_IAM_2, PG_IAM_3, PGF_IAM_7, PGS_IAM_3, PG_NET_1, PG_LOG_1, PG_DEL_1];

/** Every server rule of the pack: one file per rule, named by its id. */
export const ALL_RULES: readonly Rule[] = [...FLEXIBLE_RULES, ...SINGLE_RULES, ...DATABASE_RULES, ...REACH_RULES, ...KEY_RULES, ...GENERATED_SECRET_RULES, ...PROVIDER_RULES, ...PINNED_RULES, ...BESIDE_RULES];

/** Every control the checks report: the server rules and the checks of the stack as a whole. */
export const CATALOG: readonly RuleInfo[] = [...ALL_RULES, SUPPRESSIONS_VALID, FIXED_RESOURCES];
