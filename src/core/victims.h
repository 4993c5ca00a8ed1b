/*
 * victims.h: the victims registry (DESIGN §2 Victim, reference/security.md
 * finding 9 and T20).
 *
 * Each field has a visibility: public, editors or custodians. Public
 * fields are stored as JSON anyone may read; the others are sealed with
 * libsodium's XChaCha20-Poly1305 under a key of the record's own, itself
 * sealed under the install's master key, which is kept in a file outside
 * the database (the vault). No public output is built from anything but
 * the public JSON, and no audit row holds a sealed value. Opening a
 * record's sealed fields is for custodians (all of them) and editors
 * (those marked editors), and every opening leaves an audit row. A purge
 * destroys the record's key: its sealed fields, in every revision,
 * become unreadable, and the hash chain still verifies.
 */
#ifndef VIGIL_CORE_VICTIMS_H
#define VIGIL_CORE_VICTIMS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/op.h"

enum victim_field {
    VF_NAME,        /* in Latin script */
    VF_NAME_NATIVE, /* in the person's own script */
    VF_AGE,
    VF_GENDER,
    VF_DATE, /* of death, arrest, disappearance: YYYY-MM-DD */
    VF_PLACE,
    VF_CIRCUMSTANCE, /* killed, detained, disappeared, injured, executed */
    VF_FAMILY_CONTACT,
    VF_WITNESS,
    VF_NOTES,
    VF_COUNT
};

enum visibility { VIS_PUBLIC, VIS_EDITORS, VIS_CUSTODIANS };

/* The fields' names ("family_contact") and default visibilities. */
extern const char *const victim_field_names[VF_COUNT];
extern const enum visibility victim_field_default[VF_COUNT];
/* The visibilities' names, by enum visibility ("public", ...). */
extern const char *const victim_visibility_names[3];
/* The circumstances a record may name, ending with NULL. */
extern const char *const victim_circumstances[];

struct victim_input {
    const char *value[VF_COUNT];
    const char *visibility; /* "name=custodians,age=editors", or NULL */
    const char *sources;    /* "amnesty,pmoi", or NULL */
    bool invented;          /* a demo record: the name is made up */
};

/* The install's master key (32 bytes in a file, mode 0600). */
struct vault {
    uint8_t key[32];
};

/* Reads the master key at path; with create, makes it first if the
 * file does not exist. */
int vault_open(const char *path, bool create, struct vault *out,
               struct vg_err *err);

/* Records a person; stores the number in *number. An editor may record
 * public fields; a sealed field needs a custodian. */
int victim_add(struct op *op, const struct vault *vault,
               const char *tracker_slug, const struct victim_input *in,
               int64_t *number, struct vg_err *err);
/*
 * Edits record `number`: each value given replaces the field's ("" drops
 * it), in->visibility changes the levels of the fields it names, and
 * in->sources (given) replaces the sources; in->invented is kept. A new
 * revision, sealed anew: changing a field that is sealed before or after
 * needs a custodian, anything else an editor. VG_ECONFLICT for a purged
 * record, VG_EINVAL when nothing changes. The audit row names the fields
 * changed, never a sealed value.
 */
int victim_edit(struct op *op, const struct vault *vault,
                const char *tracker_slug, int64_t number,
                const struct victim_input *in, struct vg_err *err);
/* The record as the actor may see it: the public fields, and the sealed
 * ones their role opens (custodians all, editors those marked editors).
 * Opening sealed fields leaves one audit row. *out is the caller's. */
int victim_open(struct op *op, const struct vault *vault,
                const char *tracker_slug, int64_t number, json_t **out,
                struct vg_err *err);
/* Destroys the record's key (custodians only). */
int victim_purge(struct op *op, const char *tracker_slug, int64_t number,
                 struct vg_err *err);
/* A record's public fields, for pages and exports. *out is the
 * caller's; NULL when the stored JSON is damaged. */
json_t *victim_public(const struct victim *v);

#endif
