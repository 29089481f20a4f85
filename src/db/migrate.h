/*
** migrate.h — numbered schema migrations, embedded in the binary.
**
** Migration NNN lives in src/db/schema/NNN_name.sqlite.sql and
** NNN_name.pg.sql (the same tables, one file per dialect).  Each is applied
** in one transaction and recorded in schema_migration; applying twice is a
** no-op; a database whose version is newer than this binary knows is
** refused.
*/
#ifndef ALI_MIGRATE_H
#define ALI_MIGRATE_H
#include <stddef.h>

#include "db.h"

int migrate_latest(void);      /* the highest version built into ali */
int migrate_version(Db *db);   /* the database's version; 0 when empty */
/* Applies pending migrations; *pnApplied counts them.  Returns 0, or a
** negative code with a message in zErr (nothing of the failed migration
** is left behind). */
int migrate_apply(Db *db, int *pnApplied, char *zErr, size_t nErr);
/* 0 if the database is exactly at migrate_latest(); otherwise a message
** telling the operator what to do. */
int migrate_check(Db *db, char *zErr, size_t nErr);

#endif
