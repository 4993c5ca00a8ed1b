/* enums.c: name tables for the model's enumerations. */
#include "model/enums.h"

#include <stdio.h>
#include <string.h>

#include "util/i18n.h"

#define NAMES(var, what, ...)                                              \
    static const char *const var##_list[] = {__VA_ARGS__};                 \
    const struct enum_names var = {                                        \
        var##_list, (int)(sizeof var##_list / sizeof var##_list[0]), what, \
        NULL}
/* The same with labels for people, one per name, in the same order. */
#define LABELLED(var, what, labels, ...)                                   \
    static const char *const var##_list[] = {__VA_ARGS__};                 \
    _Static_assert(sizeof labels / sizeof labels[0] ==                     \
                       sizeof var##_list / sizeof var##_list[0],           \
                   #var ": a label for each name");                        \
    const struct enum_names var = {                                        \
        var##_list, (int)(sizeof var##_list / sizeof var##_list[0]), what, \
        labels}

static const char *const tracker_status_labels[] = {N_("live"), N_("paused"),
                                                    N_("ended")};
LABELLED(tracker_status_names, "status", tracker_status_labels, "live",
         "paused", "ended");
static const char *const source_kind_labels[] = {
    N_("Non-governmental organisation"),
    N_("Intergovernmental body"),
    N_("Government"),
    N_("Opposition"),
    N_("Media"),
    N_("Monitor"),
    N_("Witness"),
    N_("Other")};
LABELLED(source_kind_names, "kind", source_kind_labels, "ngo",
         "intergovernmental", "government", "opposition", "media", "monitor",
         "witness", "other");
static const char *const update_kind_labels[] = {
    N_("Update"), N_("Statement"), N_("News brief"), N_("Correction")};
LABELLED(update_kind_names, "kind", update_kind_labels, "update", "statement",
         "news-brief", "correction");
static const char *const update_status_labels[] = {
    N_("draft"), N_("scheduled"), N_("published"), N_("retracted")};
LABELLED(update_status_names, "status", update_status_labels, "draft",
         "scheduled", "published", "retracted");
static const char *const qualifier_labels[] = {N_("exactly"),   N_("at least"),
                                               N_("more than"), N_("about"),
                                               N_("up to"),     N_("between")};
LABELLED(qualifier_names, "qualifier", qualifier_labels, "exact", "at_least",
         "more_than", "about", "up_to", "range");
static const char *const claim_status_labels[] = {
    N_("reported"), N_("verified"), N_("disputed"), N_("retracted")};
LABELLED(claim_status_names, "status", claim_status_labels, "reported",
         "verified", "disputed", "retracted");
static const char *const revision_reason_labels[] = {
    N_("written"),
    N_("edited"),
    N_("retracted"),
    N_("pinned"),
    N_("unpinned"),
    N_("marked as a key event"),
    N_("no longer a key event"),
    N_("published")};
LABELLED(revision_reason_names, "reason", revision_reason_labels, "create",
         "edit", "retract", "pin", "unpin", "key", "unkey", "publish");
NAMES(change_kind_names, "kind", "tracker", "update", "figures");
NAMES(victim_status_names, "status", "recorded", "purged");
NAMES(event_status_names, "status", "published", "retracted");
static const char *const proposal_state_labels[] = {
    N_("pending"), N_("approved"), N_("rejected")};
LABELLED(proposal_state_names, "state", proposal_state_labels, "pending",
         "approved", "rejected");
NAMES(proposal_kind_names, "kind", "add", "retract", "correct");
static const char *const role_labels[] = {N_("contributor"), N_("editor"),
                                          N_("verifier"), N_("custodian"),
                                          N_("admin")};
LABELLED(role_names, "role", role_labels, "contributor", "editor", "verifier",
         "custodian", "admin");
NAMES(invite_purpose_names, "purpose", "account", "second-factor");

int enum_parse(const struct enum_names *e, const char *name)
{
    if (name == NULL)
        return -1;
    for (int i = 0; i < e->count; i++)
        if (strcmp(e->names[i], name) == 0)
            return i;
    return -1;
}

const char *enum_name(const struct enum_names *e, int v)
{
    return v >= 0 && v < e->count ? e->names[v] : "?";
}

const char *enum_label(const struct enum_names *e, int v)
{
    if (v < 0 || v >= e->count)
        return "?";
    return e->labels ? e->labels[v] : e->names[v];
}

const char *enum_label_of(const struct enum_names *e, const char *name)
{
    int v = enum_parse(e, name);
    return v >= 0 ? enum_label(e, v) : name;
}

void enum_list(const struct enum_names *e, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < e->count && used < size; i++) {
        int n = snprintf(out + used, size - used, "%s%s", i ? ", " : "",
                         e->names[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

int roles_parse(const char *list)
{
    unsigned roles = 0;
    const char *p = list;
    while (p && *p) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        char name[32];
        if (n == 0 || n >= sizeof name)
            return -1;
        memcpy(name, p, n);
        name[n] = '\0';
        int bit = enum_parse(&role_names, name);
        if (bit < 0)
            return -1;
        roles |= 1u << bit;
        p = comma ? comma + 1 : NULL;
    }
    return roles ? (int)roles : -1;
}

void roles_format(unsigned roles, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < role_names.count && used < size; i++) {
        if (!(roles & (1u << i)))
            continue;
        int n = snprintf(out + used, size - used, "%s%s", used ? "," : "",
                         role_names.names[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}
