/* err.c: the first-error-wins error record. */
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>

#include "util/utf8.h"

int vg_err_set(struct vg_err *err, int code, const char *field, const char *fmt,
               ...)
{
    if (err == NULL || err->code != 0)
        return code;
    err->code = code;
    err->field = field;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    /* A message may quote input, and the cut may fall inside a character:
     * it is shown in JSON and HTML, which take only UTF-8. */
    utf8_scrub(err->msg, sizeof err->msg);
    return code;
}

void vg_err_clear(struct vg_err *err)
{
    if (err) {
        err->code = 0;
        err->field = NULL;
        err->msg[0] = '\0';
    }
}

const char *vg_code_name(int code)
{
    switch (code) {
    case VG_OK: return "ok";
    case VG_EINVAL: return "invalid input";
    case VG_ENOTFOUND: return "not found";
    case VG_ECONFLICT: return "conflict";
    case VG_EIO: return "storage error";
    case VG_ELIMIT: return "over a limit";
    case VG_EDENIED: return "not allowed";
    case VG_ECORRUPT: return "integrity failure";
    }
    return "unknown error";
}
