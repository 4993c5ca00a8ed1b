/*
 * victims_desk.h: the desk's pages of the victims registry (DESIGN §2
 * Victim, reference/security.md T20 and T22).
 *
 * The registry page lists every record by its public fields and number
 * only: a list never opens sealed fields. A record's own page shows what
 * the reader's role opened of it (core/victims.h victim_open, an audited
 * read), and names the sealed fields it did not open without their
 * values. Custodians get the form to add a record, with a visibility
 * choice per field.
 */
#ifndef VIGIL_RENDER_VICTIMS_DESK_H
#define VIGIL_RENDER_VICTIMS_DESK_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/victims.h"
#include "render/admin.h"

/* What the add form holds (again, after a refusal): values and
 * visibility names as given, or NULL (a visibility of NULL selects the
 * field's default, victim_field_default). */
struct victim_form {
    const char *value[VF_COUNT];
    const char *visibility[VF_COUNT];
    const char *sources; /* source slugs, separated by commas */
    bool invented;
};

/* /admin/t/SLUG/victims: records (each record's public JSON, by number)
 * with a link to each record's page; for custodians, the add form f,
 * or (has_key false) a note that the server cannot seal without its
 * master key. */
void render_desk_victims(struct buf *b, const struct desk *d,
                         const struct tracker *t, json_t *const *records,
                         size_t n, const struct victim_form *f, bool has_key);

/* /admin/t/SLUG/victims/N: record as victim_open gave it (the public
 * fields and the sealed ones the reader opened), and for custodians the
 * form to edit it (POST to the same address). */
void render_desk_victim(struct buf *b, const struct desk *d,
                        const struct tracker *t, json_t *record);

#endif
