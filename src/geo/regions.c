/* regions.c: ACLED's regions by ISO 3166-1 alpha-2 code. ACLED follows
 * the UN M49 sub-regions, but keeps the Middle East, South Asia and the
 * Caucasus and Central Asia apart and counts Mexico in Central America. */
#include "geo/regions.h"

#include <string.h>

static const struct {
    const char *name;
    const char *codes; /* alpha-2 codes, each followed by a space */
} regions[] = {
    {"Northern Africa", "DZ EG LY MA SD TN EH "},
    {"Western Africa", "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG SH "},
    {"Middle Africa", "AO CM CF TD CG CD GQ GA ST "},
    {"Eastern Africa", "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ "
                       "UG ZM ZW IO TF "},
    {"Southern Africa", "BW LS NA ZA SZ "},
    {"Middle East", "BH IR IQ IL JO KW LB OM PS QA SA SY TR AE YE "},
    {"South Asia", "AF BD BT IN MV NP PK LK "},
    {"Southeast Asia", "BN KH ID LA MY MM PH SG TH TL VN "},
    {"East Asia", "CN HK MO JP KP KR MN TW "},
    {"Caucasus and Central Asia", "AM AZ GE KZ KG TJ TM UZ "},
    {"Europe", "AL AD AT BY BE BA BG HR CY CZ DK EE FI FR DE GR HU IS IE IT "
               "XK LV LI LT LU MT MD MC ME NL MK NO PL PT RO RU SM RS SK SI "
               "ES SE CH UA GB VA FO GI GG IM JE AX SJ "},
    {"North America", "US CA GL BM PM "},
    {"Central America", "BZ CR SV GT HN MX NI PA "},
    {"South America", "AR BO BR CL CO EC GY PY PE SR UY VE FK GF GS "},
    {"Caribbean", "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR "
                  "BL KN LC MF VC SX TT TC VI "},
    {"Oceania", "AS AU CK FJ PF GU KI MH FM NR NC NZ NU NF MP PW PG PN WS "
                "SB TK TO TV UM VU WF CX CC HM "},
    {"Antarctica", "AQ BV "},
};

const char *country_region(const char *cc)
{
    if (cc == NULL || strlen(cc) != 2)
        return NULL;
    char key[4] = {cc[0], cc[1], ' ', '\0'};
    for (size_t i = 0; i < sizeof regions / sizeof regions[0]; i++)
        for (const char *p = regions[i].codes; *p; p += 3)
            if (memcmp(p, key, 3) == 0)
                return regions[i].name;
    return NULL;
}
