/*
 * regions.h: the world region ACLED files each country under (its
 * `region` column: "Middle East", "Eastern Africa", ...), one table in
 * regions.c.
 */
#ifndef VIGIL_GEO_REGIONS_H
#define VIGIL_GEO_REGIONS_H

/* ACLED's region for the country with alpha-2 code cc ("IR"), or NULL
 * for a code the table does not list. */
const char *country_region(const char *cc);

#endif
