/*
 * err.h: Vigil's error codes and the error record a person reads.
 *
 * Every fallible function returns 0 on success or a negative VG_E* code.
 * When a person must learn why (a CLI user, an API client), the callee also
 * fills a struct vg_err: the code, the field that was refused ("title",
 * "claims[3].low") and a sentence. The first error set wins, so a caller can
 * pass the same record down a chain of checks and report the root cause.
 */
#ifndef VIGIL_UTIL_ERR_H
#define VIGIL_UTIL_ERR_H

enum vg_code {
    VG_OK = 0,
    VG_EINVAL = -1,    /* input refused by validation */
    VG_ENOTFOUND = -2, /* a named thing does not exist */
    VG_ECONFLICT = -3, /* a unique name is taken, or the state forbids it */
    VG_EIO = -4,       /* the store or the file system failed */
    VG_ELIMIT = -5,    /* input over a size or depth limit */
    VG_EDENIED = -6,   /* not allowed for this actor */
    VG_ECORRUPT = -7,  /* stored data failed an integrity check */
};

struct vg_err {
    int code;          /* a VG_E* code, 0 while unset */
    const char *field; /* static or long-lived string, NULL if none */
    char msg[160];     /* one sentence, no trailing newline */
};

#define VG_ERR_INIT \
    {               \
        0, NULL,    \
        {           \
            0       \
        }           \
    }

/* ==== Reporting ==== */

/*
 * Records an error unless one is already recorded, and returns `code` so a
 * caller can write `return vg_err_set(err, VG_EINVAL, "title", "...")`.
 * `err` may be NULL. `field` must outlive the record (a literal, or a string
 * from the same arena as the input).
 */
int vg_err_set(struct vg_err *err, int code, const char *field, const char *fmt,
               ...) __attribute__((format(printf, 4, 5)));

/* Forgets a recorded error, so that a caller can replace a low-level
 * message ("UNIQUE constraint failed") with one that names the field. */
void vg_err_clear(struct vg_err *err);

/* Returns a short English name for a code ("invalid input"). */
const char *vg_code_name(int code);

#endif
