/*
 * pg_schema.h: the numbered schema changes of the PostgreSQL store, each
 * the twin of SQLite's of the same number (migrations.h). Applied in
 * order at open; the version is kept in the table vigil_schema.
 */
#ifndef VIGIL_STORE_PG_SCHEMA_H
#define VIGIL_STORE_PG_SCHEMA_H

#include <stddef.h>

extern const char *const pg_migrations[];
extern const size_t pg_migration_count;

#endif
