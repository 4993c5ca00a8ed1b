/*
 * cmd_media.c: `vigil media add|list|file`: an image processed and
 * stored as a tracker's media (core/images.h), the media listed, a
 * rendition's bytes written to a file.
 */
#include "cli/cmd_media.h"

#include <stdio.h>
#include <string.h>

#include "core/images.h"
#include "core/trackers.h"
#include "render/text.h"
#include "store/store.h"

/* media add FILE --tracker SLUG --alt TEXT [...] */
static int cmd_media_add(struct cli *c)
{
    struct op op;
    struct vg_err err = VG_ERR_INIT;
    struct buf file = BUF_INIT(MEDIA_MAX_BYTES);
    struct media_region regions[MEDIA_MAX_REGIONS];
    struct media_record m;
    struct media_set set = MEDIA_SET_INIT;
    const char *type = cli_opt(c, "type");
    struct image_input in = {.alt = cli_opt(c, "alt"),
                             .caption = cli_opt(c, "caption"),
                             .credit = cli_opt(c, "credit"),
                             .credit_withheld = cli_flag(c, "credit-withheld"),
                             .regions = regions};
    if (!cli_opt(c, "tracker") || !in.alt)
        return cli_usage_error(c, "--tracker and --alt are required");
    int rc = cli_read_file(c, cli_pos(c, 0), MEDIA_MAX_BYTES, &file);
    if (rc == 0 &&
        media_regions_parse(cli_opt(c, "redact"), regions, MEDIA_MAX_REGIONS,
                            &in.nregions, &err) != 0)
        rc = cli_fail(c, &err);
    rc = rc ? rc : cli_op(c, &op);
    if (rc == 0) {
        in.bytes = file.p;
        in.len = file.len;
        in.type = type ? type : media_type_from_name(cli_pos(c, 0));
        if (images_prepare(&in, &set, &err) != 0 ||
            images_add(&op, cli_opt(c, "tracker"), &in, &set, &m, &err) != 0)
            rc = cli_fail(c, &err);
    }
    media_set_release(&set);
    buf_release(&file);
    if (rc != 0)
        return rc;
    printf("%s %lldx%lld\n", m.key, (long long)m.width, (long long)m.height);
    for (size_t i = 0; i < m.nfiles; i++)
        printf("%s.%s %lldx%lld\n", m.files[i].sha256, m.files[i].format,
               (long long)m.files[i].width, (long long)m.files[i].height);
    return 0;
}

/* media list TRACKER: one line per media, "KEY WxH alt". */
static int cmd_media_list(struct cli *c)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker t;
    struct media_record *m;
    size_t n;
    int rc = cli_open(c, STORE_READ_ONLY);
    if (rc != 0)
        return rc;
    if (tracker_lookup(c->st, &c->arena, "tracker", cli_pos(c, 0), &t, &err) ||
        store_media_list(c->st, &c->arena, t.id, &m, &n, &err))
        return cli_fail(c, &err);
    struct buf out = BUF_INIT(1 << 24);
    for (size_t i = 0; i < n; i++) {
        buf_printf(&out, "%s %lldx%lld ", m[i].key, (long long)m[i].width,
                   (long long)m[i].height);
        text_clean(&out, m[i].alt);
        buf_puts(&out, "\n");
    }
    int rc2 = cli_print(c, &out);
    buf_release(&out);
    return rc2;
}

/* media file SHA256 --output PATH */
static int cmd_media_file(struct cli *c)
{
    struct vg_err err = VG_ERR_INIT;
    struct media_file f;
    if (!cli_opt(c, "output"))
        return cli_usage_error(c, "--output is required");
    int rc = cli_open(c, STORE_READ_ONLY);
    if (rc != 0)
        return rc;
    rc = store_media_file_get(c->st, &c->arena, cli_pos(c, 0), &f, &err);
    if (rc == VG_ENOTFOUND)
        vg_err_set(&err, rc, NULL, "no media file %s", cli_pos(c, 0));
    if (rc != 0)
        return cli_fail(c, &err);
    FILE *fp = fopen(cli_opt(c, "output"), "wb");
    if (!fp || fwrite(f.bytes, 1, f.len, fp) != f.len || fclose(fp) != 0) {
        fprintf(stderr, "vigil: cannot write %s\n", cli_opt(c, "output"));
        return EXIT_REFUSED;
    }
    return 0;
}

static const struct cli_opt media_add_opts[] = {
    {"tracker", "SLUG", "the tracker the image belongs to (required)"},
    {"alt", "TEXT", "what the image shows, for who cannot see it (required)"},
    {"caption", "TEXT", "a caption shown under it"},
    {"credit", "TEXT", "who made it"},
    {"credit-withheld", NULL, "say the credit is withheld for safety"},
    {"redact", "X,Y,W,H;...",
     "fill these rectangles (pixels of the upright "
     "image) before any rendition is made"},
    {"type", "MIME", "the file's type, when its name does not say"},
    {NULL, NULL, NULL},
};

static const struct cli_opt media_file_opts[] = {
    {"output", "PATH", "where to write the rendition (required)"},
    {NULL, NULL, NULL},
};

const struct cli_cmd media_cmds[] = {
    {"add", cmd_media_add, "FILE --tracker SLUG --alt TEXT [OPTIONS]",
     "process an image (metadata stripped, regions redacted) and store its "
     "renditions; the file itself is not kept",
     media_add_opts, 1, 1, NULL},
    {"list", cmd_media_list, "TRACKER", "list a tracker's media", NULL, 1, 1,
     NULL},
    {"file", cmd_media_file, "SHA256 --output PATH",
     "write a stored rendition's bytes to a file", media_file_opts, 1, 1, NULL},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
