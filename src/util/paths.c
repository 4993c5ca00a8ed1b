/* paths.c: the data folders compiled in (see paths.h). */
#include "util/paths.h"

#ifndef VIGIL_DATADIR
#error "VIGIL_DATADIR: the Makefile names the data folder"
#endif
#ifndef VIGIL_LOCALEDIR
#error "VIGIL_LOCALEDIR: the Makefile names the catalogs' folder"
#endif
#ifndef VIGIL_SYSCONFDIR
#error "VIGIL_SYSCONFDIR: the Makefile names the configuration's folder"
#endif

const char *paths_gazetteer(void)
{
    return VIGIL_DATADIR "/gazetteer/world.tsv";
}

const char *paths_locale(void)
{
    return VIGIL_LOCALEDIR;
}

const char *paths_config(void)
{
    return VIGIL_SYSCONFDIR "/vigil/vigil.conf";
}
