/*
 * form.h: the fields of a request body, whichever way it came: a JSON
 * object (the API, application/json) or an HTML form
 * (application/x-www-form-urlencoded, parsed by libmicrohttpd; on a
 * route that takes files, R_UPLOAD, also multipart/form-data), or a
 * bare text (text/markdown or text/plain), which is the field "body".
 */
#ifndef VIGIL_HTTP_FORM_H
#define VIGIL_HTTP_FORM_H

#include <stdbool.h>

#include "core/embeds.h"
#include "http/request.h"

/* Parses r->upload by its Content-Type. Returns 0, or the status recorded:
 * 400 for a malformed body or duplicate field, 415 for another type. An
 * empty body parses as no fields. */
int form_parse(struct req *r);
/* Field `name` as text (JSON numbers as written), or NULL when absent. A
 * JSON value of another kind reads as NULL and makes form_bad() name it. */
const char *form_field(struct req *r, const char *name);
/* Field `name` as text with its length in *len, which counts the bytes
 * after a NUL too (a JSON "\u0000" or a form's %00), so a checker sees
 * them; NULL when absent. Lent until the request ends. */
const char *form_text(struct req *r, const char *name, size_t *len);
/* The file sent as multipart field `name`: its bytes (lent until the
 * request ends), their length, and the file name and Content-Type the
 * client gave (either may be NULL). NULL when no file came as `name`. */
const char *form_file(struct req *r, const char *name, size_t *len,
                      const char **filename, const char **type);
/* Field `name` as a yes/no: JSON true, or a form's "1", "on", "true". */
bool form_flag(struct req *r, const char *name);
/* Whether the body holds field `name` at all. */
bool form_has(struct req *r, const char *name);

/* The field "publish_at" as a time: a UTC timestamp or an
 * HTML datetime-local value read as UTC; 0 when empty. Returns 0 or 422
 * (recorded). */
int publish_time(struct req *r, int64_t *out);
/* The same for the desk's form, whose datetime-local value
 * ("2019-12-28T14:30") is a wall-clock time in `zone`, the tracker's
 * (util/tz.h says how a clock change's gap and overlap read). */
int publish_time_in(struct req *r, const char *zone, int64_t *out);
/* Field `name` as a number from 1 (an update's, a claim's); 0 when
 * absent or empty. Returns 0 or 422 (recorded, naming the field). */
int form_number(struct req *r, const char *name, int64_t *out);
/* The fields of an embedded post or video ("embed", "embed_author",
 * "embed_text", "embed_date", "embed_captured", "embed_still",
 * "embed_duration", "embed_source": core/embeds.h) into *e; *out is e
 * when "embed" is given, NULL otherwise. Returns 0 or 422 (recorded,
 * naming the field) for a NUL byte in one, which would cut it short. */
int form_embed(struct req *r, struct embed_input *e,
               const struct embed_input **out);
/* Frees what form_parse made (when the request ends). */
void form_release(struct req *r);

#endif
