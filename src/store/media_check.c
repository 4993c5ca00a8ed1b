/* media_check.c: the media files' names against their bytes
 * (media_check.h). */
#include "store/media_check.h"

#include <string.h>

#include "store/rows.h"
#include "util/sha256.h"

struct checking {
    struct buf *report;
    int *problems;
};

/* A media_files row: sha256, format, width, height, bytes, created_at. */
static int check_file(const struct col *cols, size_t n, void *p)
{
    static const char digits[] = "0123456789abcdef";
    struct checking *c = p;
    unsigned char d[SHA256_LEN];
    char hex[2 * SHA256_LEN + 1];
    if (n < 5 || cols[0].type != 'T' || cols[4].type != 'B')
        return VG_EIO;
    sha256(cols[4].p, cols[4].n, d);
    for (size_t i = 0; i < SHA256_LEN; i++) {
        hex[2 * i] = digits[d[i] >> 4];
        hex[2 * i + 1] = digits[d[i] & 15];
    }
    hex[2 * SHA256_LEN] = '\0';
    if (cols[0].n != 2 * SHA256_LEN || memcmp(cols[0].p, hex, cols[0].n)) {
        buf_printf(c->report,
                   "media_files %.*s: its bytes hash to %s, not to its name\n",
                   (int)cols[0].n, cols[0].p, hex);
        (*c->problems)++;
    }
    return 0;
}

int media_check_files(struct store *st, struct buf *report, int *problems,
                      struct vg_err *err)
{
    struct checking c = {report, problems};
    return store_rows_scan(st, "media_files", check_file, &c, err);
}
