// The collations azurerm 4.55 accepts for a Flexible Server database. The provider's allow-list
// (validate/postgresql_flexible_server_database_collation.go at v4.55.0) is exact and case-sensitive:
// the libc locales of the service's operating system as PostgreSQL names them, and ICU collations.
// Written here as data, in the provider's order; ICU names without their common "-x-icu" suffix.

const LIBC_COLLATIONS = `
default C POSIX ucs_basic aa_DJ aa_DJ.utf8 aa_ER aa_ER@saaho aa_ET af_ZA af_ZA.utf8 agr_PE ak_GH am_ET an_ES
an_ES.utf8 anp_IN ar_AE ar_AE.utf8 ar_BH ar_BH.utf8 ar_DZ ar_DZ.utf8 ar_EG ar_EG.utf8 ar_IN ar_IQ ar_IQ.utf8
ar_JO ar_JO.utf8 ar_KW ar_KW.utf8 ar_LB ar_LB.utf8 ar_LY ar_LY.utf8 ar_MA ar_MA.utf8 ar_OM ar_OM.utf8 ar_QA
ar_QA.utf8 ar_SA ar_SA.utf8 ar_SD ar_SD.utf8 ar_SS ar_SY ar_SY.utf8 ar_TN ar_TN.utf8 ar_YE ar_YE.utf8 as_IN
ast_ES ast_ES.utf8 ayc_PE az_AZ az_IR be_BY be_BY@latin be_BY.utf8 bem_ZM ber_DZ ber_MA bg_BG bg_BG.utf8
bhb_IN.utf8 bho_IN bho_NP bi_VU bn_BD bn_IN bo_CN bo_IN br_FR br_FR@euro br_FR.utf8 brx_IN bs_BA bs_BA.utf8
byn_ER ca_AD ca_AD.utf8 ca_ES ca_ES@euro ca_ES.utf8 ca_ES@valencia ca_FR ca_FR.utf8 ca_IT ca_IT.utf8 ce_RU
chr_US ckb_IQ cmn_TW crh_UA csb_PL cs_CZ cs_CZ.utf8 C.UTF-8 cv_RU cy_GB cy_GB.utf8 da_DK da_DK.utf8 de_AT
de_AT@euro de_AT.utf8 de_BE de_BE@euro de_BE.utf8 de_CH de_CH.utf8 de_DE de_DE@euro de_DE.utf8 de_IT
de_IT.utf8 de_LI.utf8 de_LU de_LU@euro de_LU.utf8 doi_IN dv_MV dz_BT el_CY el_CY.utf8 el_GR el_GR@euro
el_GR.utf8 en_AG en_AU en_AU.utf8 en_BW en_BW.utf8 en_CA en_CA.utf8 en_DK en_DK.iso885915 en_DK.utf8 en_GB
en_GB.iso885915 en_GB.utf8 en_HK en_HK.utf8 en_IE en_IE@euro en_IE.utf8 en_IL en_IN en_NG en_NZ en_NZ.utf8
en_PH en_PH.utf8 en_SC.utf8 en_SG en_SG.utf8 en_US en_US.iso885915 en_US.latin1 en_US.utf8 en_ZA en_ZA.utf8
en_ZM en_ZW en_ZW.utf8 eo eo_US.utf8 es_AR es_AR.utf8 es_BO es_BO.utf8 es_CL es_CL.utf8 es_CO es_CO.utf8 es_CR
es_CR.utf8 es_CU es_DO es_DO.utf8 es_EC es_EC.utf8 es_ES es_ES@euro es_ES.utf8 es_GT es_GT.utf8 es_HN
es_HN.utf8 es_MX es_MX.utf8 es_NI es_NI.utf8 es_PA es_PA.utf8 es_PE es_PE.utf8 es_PR es_PR.utf8 es_PY
es_PY.utf8 es_SV es_SV.utf8 es_US es_US.utf8 es_UY es_UY.utf8 es_VE es_VE.utf8 et_EE et_EE.iso885915
et_EE.utf8 eu_ES eu_ES@euro eu_ES.utf8 eu_FR eu_FR@euro eu_FR.utf8 fa_IR ff_SN fi_FI fi_FI@euro fi_FI.utf8
fil_PH fo_FO fo_FO.utf8 fr_BE fr_BE@euro fr_BE.utf8 fr_CA fr_CA.utf8 fr_CH fr_CH.utf8 fr_FR fr_FR@euro
fr_FR.utf8 fr_LU fr_LU@euro fr_LU.utf8 fur_IT fy_DE fy_NL ga_IE ga_IE@euro ga_IE.utf8 gd_GB gd_GB.utf8 gez_ER
gez_ER@abegede gez_ET gez_ET@abegede gl_ES gl_ES@euro gl_ES.utf8 gu_IN gv_GB gv_GB.utf8 hak_TW ha_NG he_IL
he_IL.utf8 hif_FJ hi_IN hne_IN hr_HR hr_HR.utf8 hsb_DE hsb_DE.utf8 ht_HT hu_HU hu_HU.utf8 hy_AM ia_FR id_ID
id_ID.utf8 ig_NG ik_CA is_IS is_IS.utf8 it_CH it_CH.utf8 it_IT it_IT@euro it_IT.utf8 iu_CA ja_JP.eucjp
ja_JP.utf8 kab_DZ ka_GE.utf8 kk_KZ.utf8 kl_GL kl_GL.utf8 km_KH kn_IN kok_IN ko_KR.euckr ko_KR.utf8 ks_IN
ks_IN@devanagari ku_TR ku_TR.utf8 kw_GB kw_GB.utf8 ky_KG lb_LU lg_UG lg_UG.utf8 li_BE lij_IT li_NL ln_CD lo_LA
lt_LT lt_LT.utf8 lv_LV lv_LV.utf8 lzh_TW mag_IN mai_IN mai_NP mfe_MU mg_MG mg_MG.utf8 mhr_RU mi_NZ mi_NZ.utf8
miq_NI mjw_IN mk_MK mk_MK.utf8 ml_IN mni_IN mn_MN mr_IN ms_MY ms_MY.utf8 mt_MT mt_MT.utf8 my_MM nan_TW
nan_TW@latin nb_NO nb_NO.utf8 nds_DE nds_NL ne_NP nhn_MX niu_NU niu_NZ nl_AW nl_BE nl_BE@euro nl_BE.utf8 nl_NL
nl_NL@euro nl_NL.utf8 nn_NO nn_NO.utf8 nr_ZA nso_ZA oc_FR oc_FR.utf8 om_ET om_KE om_KE.utf8 or_IN os_RU pa_IN
pap_AW pap_CW pa_PK pl_PL pl_PL.utf8 ps_AF pt_BR pt_BR.utf8 pt_PT pt_PT@euro pt_PT.utf8 quz_PE raj_IN ro_RO
ro_RO.utf8 ru_RU ru_RU.cp1251 ru_RU.koi8r ru_RU.utf8 ru_UA ru_UA.utf8 rw_RW sa_IN sat_IN sc_IT sd_IN
sd_IN@devanagari sd_PK se_NO sgs_LT shn_MM shs_CA sid_ET si_LK sk_SK sk_SK.utf8 sl_SI sl_SI.utf8 sm_WS so_DJ
so_DJ.utf8 so_ET so_KE so_KE.utf8 so_SO so_SO.utf8 sq_AL sq_AL.utf8 sq_MK sr_ME sr_RS sr_RS@latin ss_ZA st_ZA
st_ZA.utf8 sv_FI sv_FI@euro sv_FI.utf8 sv_SE sv_SE.iso885915 sv_SE.utf8 sw_KE sw_TZ szl_PL ta_IN ta_LK
tcy_IN.utf8 te_IN tg_TJ.utf8 the_NP th_TH.utf8 ti_ER ti_ET tig_ER tk_TM tl_PH tl_PH.utf8 tn_ZA to_TO tpi_PG
tr_CY tr_CY.utf8 tr_TR tr_TR.utf8 ts_ZA tt_RU tt_RU@iqtelif ug_CN ug_CN@latin uk_UA uk_UA.utf8 unm_US ur_IN
ur_PK uz_UZ uz_UZ@cyrillic uz_UZ.utf8 ve_ZA vi_VN wa_BE wa_BE@euro wa_BE.utf8 wae_CH wal_ET wo_SN xh_ZA
xh_ZA.utf8 yi_US yi_US.utf8 yo_NG yue_HK yuw_PG zh_CN zh_CN.utf8 zh_HK.utf8 zh_SG zh_SG.utf8 zh_TW.euctw
zh_TW.utf8 zu_ZA zu_ZA.utf8 bhb_IN de_LI en_SC eo_US ja_JP ka_GE kk_KZ ko_KR tcy_IN tg_TJ th_TH zh_HK zh_TW
`;

/** ICU locales; the collation is "<locale>-x-icu". */
const ICU_LOCALES = `
ca ksh zu und af af-NA af-ZA agq agq-CM ak ak-GH am am-ET ar ar-001 ar-AE ar-BH ar-DJ ar-DZ ar-EG ar-EH ar-ER
ar-IL ar-IQ ar-JO ar-KM ar-KW ar-LB ar-LY ar-MA ar-MR ar-OM ar-PS ar-QA ar-SA ar-SD ar-SO ar-SS ar-SY ar-TD
ar-TN ar-YE as as-IN asa asa-TZ ast ast-ES az az-Cyrl az-Cyrl-AZ az-Latn az-Latn-AZ bas bas-CM be be-BY bem
bem-ZM bez bez-TZ bg bg-BG bm bm-ML bn bn-BD bn-IN bo bo-CN bo-IN br br-FR brx brx-IN bs bs-Cyrl bs-Cyrl-BA
bs-Latn bs-Latn-BA ca-AD ca-ES ca-FR ca-IT ccp ccp-BD ccp-IN ce ce-RU cgg cgg-UG chr chr-US ckb ckb-IQ ckb-IR
cs cs-CZ cy cy-GB da da-DK da-GL dav dav-KE de de-AT de-BE de-CH de-DE de-IT de-LI de-LU dje dje-NE dsb dsb-DE
dua dua-CM dyo dyo-SN dz dz-BT ebu ebu-KE ee ee-GH ee-TG el el-CY el-GR en en-001 en-150 en-AG en-AI en-AS
en-AT en-AU en-BB en-BE en-BI en-BM en-BS en-BW en-BZ en-CA en-CC en-CH en-CK en-CM en-CX en-CY en-DE en-DG
en-DK en-DM en-ER en-FI en-FJ en-FK en-FM en-GB en-GD en-GG en-GH en-GI en-GM en-GU en-GY en-HK en-IE en-IL
en-IM en-IN en-IO en-JE en-JM en-KE en-KI en-KN en-KY en-LC en-LR en-LS en-MG en-MH en-MO en-MP en-MS en-MT
en-MU en-MW en-MY en-NA en-NF en-NG en-NL en-NR en-NU en-NZ en-PG en-PH en-PK en-PN en-PR en-PW en-RW en-SB
en-SC en-SD en-SE en-SG en-SH en-SI en-SL en-SS en-SX en-SZ en-TC en-TK en-TO en-TT en-TV en-TZ en-UG en-UM
en-US en-US-u-va-posix en-VC en-VG en-VI en-VU en-WS en-ZA en-ZM en-ZW eo es es-419 es-AR es-BO es-BR es-BZ
es-CL es-CO es-CR es-CU es-DO es-EA es-EC es-ES es-GQ es-GT es-HN es-IC es-MX es-NI es-PA es-PE es-PH es-PR
es-PY es-SV es-US es-UY es-VE et et-EE eu eu-ES ewo ewo-CM fa fa-AF fa-IR ff ff-CM ff-GN ff-MR ff-SN fi fi-FI
fil fil-PH fo fo-DK fo-FO fr fr-BE fr-BF fr-BI fr-BJ fr-BL fr-CA fr-CD fr-CF fr-CG fr-CH fr-CI fr-CM fr-DJ
fr-DZ fr-FR fr-GA fr-GF fr-GN fr-GP fr-GQ fr-HT fr-KM fr-LU fr-MA fr-MC fr-MF fr-MG fr-ML fr-MQ fr-MR fr-MU
fr-NC fr-NE fr-PF fr-PM fr-RE fr-RW fr-SC fr-SN fr-SY fr-TD fr-TG fr-TN fr-VU fr-WF fr-YT fur fur-IT fy fy-NL
ga ga-IE gd gd-GB gl gl-ES gsw gsw-CH gsw-FR gsw-LI gu gu-IN guz guz-KE gv gv-IM ha ha-GH ha-NE ha-NG haw
haw-US he he-IL hi hi-IN hr hr-BA hr-HR hsb hsb-DE hu hu-HU hy hy-AM id id-ID ig ig-NG ii ii-CN is is-IS it
it-CH it-IT it-SM it-VA ja ja-JP jgo jgo-CM jmc jmc-TZ ka ka-GE kab kab-DZ kam kam-KE kde kde-TZ kea kea-CV
khq khq-ML ki ki-KE kk kk-KZ kkj kkj-CM kl kl-GL kln kln-KE km km-KH kn kn-IN ko ko-KP ko-KR kok kok-IN ks
ks-IN ksb ksb-TZ ksf ksf-CM ksh-DE kw kw-GB ky ky-KG lag lag-TZ lb lb-LU lg lg-UG lkt lkt-US ln ln-AO ln-CD
ln-CF ln-CG lo lo-LA lrc lrc-IQ lrc-IR lt lt-LT lu lu-CD luo luo-KE luy luy-KE lv lv-LV mas mas-KE mas-TZ mer
mer-KE mfe mfe-MU mg mg-MG mgh mgh-MZ mgo mgo-CM mk mk-MK ml ml-IN mn mn-MN mr mr-IN ms ms-BN ms-MY ms-SG mt
mt-MT mua mua-CM my my-MM mzn mzn-IR naq naq-NA nb nb-NO nb-SJ nd nd-ZW nds nds-DE nds-NL ne ne-IN ne-NP nl
nl-AW nl-BE nl-BQ nl-CW nl-NL nl-SR nl-SX nmg nmg-CM nn nn-NO nnh nnh-CM nus nus-SS nyn nyn-UG om om-ET om-KE
or or-IN os os-GE os-RU pa pa-Arab pa-Arab-PK pa-Guru pa-Guru-IN pl pl-PL ps ps-AF pt pt-AO pt-BR pt-CH pt-CV
pt-GQ pt-GW pt-LU pt-MO pt-MZ pt-PT pt-ST pt-TL qu qu-BO qu-EC qu-PE rm rm-CH rn rn-BI ro ro-MD ro-RO rof
rof-TZ ru ru-BY ru-KG ru-KZ ru-MD ru-RU ru-UA rw rw-RW rwk rwk-TZ sah sah-RU saq saq-KE sbp sbp-TZ se se-FI
se-NO se-SE seh seh-MZ ses ses-ML sg sg-CF shi shi-Latn shi-Latn-MA shi-Tfng shi-Tfng-MA si si-LK sk sk-SK sl
sl-SI smn smn-FI sn sn-ZW so so-DJ so-ET so-KE so-SO sq sq-AL sq-MK sq-XK sr sr-Cyrl sr-Cyrl-BA sr-Cyrl-ME
sr-Cyrl-RS sr-Cyrl-XK sr-Latn sr-Latn-BA sr-Latn-ME sr-Latn-RS sr-Latn-XK sv sv-AX sv-FI sv-SE sw sw-CD sw-KE
sw-TZ sw-UG ta ta-IN ta-LK ta-MY ta-SG te te-IN teo teo-KE teo-UG tg tg-TJ th th-TH ti ti-ER ti-ET to to-TO tr
tr-CY tr-TR tt tt-RU twq twq-NE tzm tzm-MA ug ug-CN uk uk-UA ur ur-IN ur-PK uz uz-Arab uz-Arab-AF uz-Cyrl
uz-Cyrl-UZ uz-Latn uz-Latn-UZ vai vai-Latn vai-Latn-LR vai-Vaii vai-Vaii-LR vi vi-VN vun vun-TZ wae wae-CH wo
wo-SN xog xog-UG yav yav-CM yi yi-001 yo yo-BJ yo-NG yue yue-Hans yue-Hans-CN yue-Hant yue-Hant-HK zgh zgh-MA
zh zh-Hans zh-Hans-CN zh-Hans-HK zh-Hans-MO zh-Hans-SG zh-Hant zh-Hant-HK zh-Hant-MO zh-Hant-TW zu-ZA
`;

const words = (text: string) => text.split(/\s+/).filter((word) => word !== '');

/** Every collation name a Flexible Server database may have. */
export const FLEXIBLE_SERVER_COLLATIONS: ReadonlySet<string> = new Set([...words(LIBC_COLLATIONS), ...words(ICU_LOCALES).map((locale) => `${locale}-x-icu`)]);
