/*
 * migrations.h: the numbered schema changes, applied in order at open.
 *
 * Migration i (from 1) moves the database from PRAGMA user_version i-1 to
 * i. A released migration is never edited: a change is a new one.
 */
#ifndef VIGIL_STORE_MIGRATIONS_H
#define VIGIL_STORE_MIGRATIONS_H

#include <stddef.h>

/* The SQL of each migration, index 0 = migration 1. */
extern const char *const migrations[];
extern const size_t migration_count;

/* Every table of the record, each after the tables its rows refer to
 * (the order `vigil copy` writes them in), NULL-terminated. */
extern const char *const record_tables[];

/* The tables that are append-only and hash-chained, NULL-terminated. */
extern const char *const chained_tables[];
/* The append-only tables that are not hash-chained: their rows are named
 * by content (media), which `vigil check` verifies instead; NULL-ended. */
extern const char *const content_tables[];

#endif
