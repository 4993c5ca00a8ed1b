/*
 * enums.h: the names of model.h's enumerations, as stored, typed on the
 * command line and exported. One table per enumeration; parsing and naming
 * both read it.
 */
#ifndef VIGIL_MODEL_ENUMS_H
#define VIGIL_MODEL_ENUMS_H

#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"

struct enum_names {
    const char *const *names; /* indexed by the enum value */
    int count;
    const char *what; /* "qualifier", for error messages */
    /* What people read, by value, marked for translation (N_): shown
     * through _(); NULL: the names themselves. */
    const char *const *labels;
};

extern const struct enum_names tracker_status_names;
extern const struct enum_names source_kind_names;
extern const struct enum_names update_kind_names;
extern const struct enum_names update_status_names;
extern const struct enum_names qualifier_names;
extern const struct enum_names claim_status_names;
extern const struct enum_names role_names; /* bit i = 1 << i */
extern const struct enum_names change_kind_names;
extern const struct enum_names proposal_state_names;
extern const struct enum_names proposal_kind_names;
extern const struct enum_names event_status_names;
extern const struct enum_names victim_status_names;
extern const struct enum_names invite_purpose_names;
/* Why an update has a new revision: the names its revisions keep. */
extern const struct enum_names revision_reason_names;
enum revision_reason {
    REASON_CREATE,
    REASON_EDIT,
    REASON_RETRACT,
    REASON_PIN,
    REASON_UNPIN,
    REASON_KEY,
    REASON_UNKEY,
    REASON_PUBLISH
};

/* Returns the enum value named `name`, or -1. */
int enum_parse(const struct enum_names *e, const char *name);
/* Returns the name of value v ("?" when out of range). */
const char *enum_name(const struct enum_names *e, int v);
/* Returns the label of value v for people, untranslated (show it with
 * _()): its name when the table has no labels. */
const char *enum_label(const struct enum_names *e, int v);
/* enum_label of the value named `name`; name itself when it is none. */
const char *enum_label_of(const struct enum_names *e, const char *name);
/* Writes the names joined by ", " into out (for "expected one of ..."). */
void enum_list(const struct enum_names *e, char *out, size_t size);

/* Parses "editor,verifier" into role bits; returns -1 on an unknown name or
 * an empty list. */
int roles_parse(const char *list);
/* Writes role bits as "editor,verifier" (canonical order) into out. */
void roles_format(unsigned roles, char *out, size_t size);

#endif
