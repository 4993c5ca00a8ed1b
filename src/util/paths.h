/*
 * paths.h: the files Vigil reads when no option names them: the
 * gazetteer, the message catalogs and the configuration file.
 *
 * They are compiled in (the Makefile's DATADIR, LOCALEDIR and
 * SYSCONFDIR): the binary built in the source tree reads the tree's data/
 * and build/locale/, wherever it is started from; the one `make install`
 * links reads $(PREFIX)/share/vigil and $(PREFIX)/share/locale. Both read
 * SYSCONFDIR/vigil/vigil.conf (/etc by default). Only this file's object
 * differs between the two.
 */
#ifndef VIGIL_UTIL_PATHS_H
#define VIGIL_UTIL_PATHS_H

/* The default gazetteer: DATADIR/gazetteer/world.tsv. Lends a constant. */
const char *paths_gazetteer(void);
/* The message catalogs' folder (LOCALEDIR/LANG/LC_MESSAGES/vigil.mo).
 * Lends a constant. */
const char *paths_locale(void);
/* The configuration file `vigil serve` reads when none is named:
 * SYSCONFDIR/vigil/vigil.conf. Lends a constant. */
const char *paths_config(void);

#endif
