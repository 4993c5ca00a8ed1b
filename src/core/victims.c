/* victims.c: the registry's records, sealed and opened. */
#define _POSIX_C_SOURCE 200809L
#include "core/victims.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/audit.h"
#include "core/sources.h"
#include "core/trackers.h"
#include "core/validate.h"

const char *const victim_field_names[VF_COUNT] = {
    "name",         "name_native",    "age",     "gender", "date", "place",
    "circumstance", "family_contact", "witness", "notes"};
const enum visibility victim_field_default[VF_COUNT] = {
    VIS_PUBLIC, VIS_PUBLIC, VIS_PUBLIC,     VIS_PUBLIC,     VIS_PUBLIC,
    VIS_PUBLIC, VIS_PUBLIC, VIS_CUSTODIANS, VIS_CUSTODIANS, VIS_EDITORS};
const char *const victim_visibility_names[3] = {"public", "editors",
                                                "custodians"};
const char *const victim_circumstances[] = {
    "killed", "detained", "disappeared", "injured", "executed", NULL};

enum {
    NONCE = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
    TAG = crypto_aead_xchacha20poly1305_ietf_ABYTES,
    KEY = crypto_aead_xchacha20poly1305_ietf_KEYBYTES
};

/* ==== The vault ==== */

int vault_open(const char *path, bool create, struct vault *out,
               struct vg_err *err)
{
    if (sodium_init() < 0)
        return vg_err_set(err, VG_EIO, "master_key", "libsodium failed");
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT && create) {
        /* Made once per install, readable by its owner only. */
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) {
            randombytes_buf(out->key, sizeof out->key);
            bool ok = write(fd, out->key, sizeof out->key) ==
                          (ssize_t)sizeof out->key &&
                      fsync(fd) == 0;
            close(fd);
            return ok ? 0
                      : vg_err_set(err, VG_EIO, "master_key", "cannot write %s",
                                   path);
        }
    }
    if (fd < 0)
        return vg_err_set(err, errno == ENOENT ? VG_ENOTFOUND : VG_EIO,
                          "master_key", "cannot open %s: %s", path,
                          strerror(errno));
    ssize_t n = read(fd, out->key, sizeof out->key);
    close(fd);
    if (n != (ssize_t)sizeof out->key)
        return vg_err_set(err, VG_ECORRUPT, "master_key",
                          "%s is not a master key (32 bytes)", path);
    return 0;
}

/* ==== Sealing ==== */

/* nonce || ciphertext of msg under key, bound to ad; in the arena. */
static uint8_t *seal(struct arena *a, const uint8_t *msg, size_t len,
                     const char *ad, const uint8_t key[KEY], size_t *out_len)
{
    uint8_t *out = arena_alloc(a, NONCE + len + TAG);
    unsigned long long clen;
    randombytes_buf(out, NONCE);
    crypto_aead_xchacha20poly1305_ietf_encrypt(out + NONCE, &clen, msg, len,
                                               (const uint8_t *)ad, strlen(ad),
                                               NULL, out, key);
    *out_len = NONCE + (size_t)clen;
    return out;
}

/* Opens what seal made; NULL when it does not authenticate. */
static uint8_t *unseal(struct arena *a, const uint8_t *in, size_t len,
                       const char *ad, const uint8_t key[KEY], size_t *out_len)
{
    if (in == NULL || len < NONCE + TAG)
        return NULL;
    uint8_t *out = arena_alloc(a, len - NONCE - TAG + 1);
    unsigned long long mlen;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            out, &mlen, NULL, in + NONCE, len - NONCE, (const uint8_t *)ad,
            strlen(ad), in, key) != 0)
        return NULL;
    out[mlen] = '\0';
    *out_len = (size_t)mlen;
    return out;
}

static void key_ad(char *ad, size_t size, int64_t tracker_id, int64_t number)
{
    snprintf(ad, size, "vigil-victim-key:%lld:%lld", (long long)tracker_id,
             (long long)number);
}

static void fields_ad(char *ad, size_t size, const struct victim *v)
{
    snprintf(ad, size, "vigil-victim:%lld:%lld:%lld", (long long)v->tracker_id,
             (long long)v->number, (long long)v->rev_no);
}

/* ==== Input ==== */

/* The visibility named `name` ("editors"), or -1. */
static int enum_level(const char *name)
{
    for (int i = 0; name && i < 3; i++)
        if (strcmp(name, victim_visibility_names[i]) == 0)
            return i;
    return -1;
}

/* Sets vis[f] for each "FIELD=LEVEL" of the comma-separated list s,
 * marking given[f]. */
static int parse_levels(const char *s, enum visibility vis[VF_COUNT],
                        bool given[VF_COUNT], struct vg_err *err)
{
    for (const char *p = s; p && *p;) {
        size_t len = strcspn(p, ","), eq = strcspn(p, "=");
        int f = -1, v = -1;
        if (eq < len) {
            for (int i = 0; i < VF_COUNT; i++)
                if (strlen(victim_field_names[i]) == eq &&
                    strncmp(p, victim_field_names[i], eq) == 0)
                    f = i;
            for (int i = 0; i < 3; i++)
                if (strlen(victim_visibility_names[i]) == len - eq - 1 &&
                    strncmp(p + eq + 1, victim_visibility_names[i],
                            len - eq - 1) == 0)
                    v = i;
        }
        if (f < 0 || v < 0)
            return vg_err_set(err, VG_EINVAL, "visibility",
                              "must be FIELD=public|editors|custodians, "
                              "separated by commas (at \"%.*s\")",
                              (int)len, p);
        vis[f] = (enum visibility)v;
        given[f] = true;
        p += len + (p[len] == ',');
    }
    return 0;
}

static int parse_visibility(const char *s, enum visibility vis[VF_COUNT],
                            struct vg_err *err)
{
    bool given[VF_COUNT] = {false};
    for (int i = 0; i < VF_COUNT; i++)
        vis[i] = victim_field_default[i];
    return parse_levels(s, vis, given, err);
}

static int check_fields(const struct victim_input *in, struct vg_err *err)
{
    int rc = 0;
    for (int i = 0; rc == 0 && i < VF_COUNT; i++)
        if (in->value[i] && i != VF_NOTES)
            rc = check_line(victim_field_names[i], in->value[i], 1,
                            NAME_MAX_CHARS, err);
    if (rc == 0 && in->value[VF_NOTES])
        rc = check_text("notes", in->value[VF_NOTES], NOTE_MAX, err);
    int64_t age;
    if (rc == 0 && in->value[VF_AGE] &&
        (parse_count("age", in->value[VF_AGE], &age, err) != 0 || age > 130))
        rc = vg_err_set(err, VG_EINVAL, "age", "must be a number of years");
    struct vg_date d;
    if (rc == 0 && in->value[VF_DATE])
        rc = parse_date("date", in->value[VF_DATE], &d, err);
    const char *c = in->value[VF_CIRCUMSTANCE];
    bool known = false;
    for (int i = 0; c && victim_circumstances[i]; i++)
        known = known || strcmp(c, victim_circumstances[i]) == 0;
    if (rc == 0 && !known)
        rc = vg_err_set(err, VG_EINVAL, "circumstance",
                        "must be killed, detained, disappeared, injured or "
                        "executed");
    if (rc == 0 && in->value[VF_NAME] == NULL &&
        in->value[VF_NAME_NATIVE] == NULL)
        rc = vg_err_set(err, VG_EINVAL, "name",
                        "is required (in Latin or native script): the "
                        "registry is of people identified by name");
    return rc;
}

/* The cited sources as a JSON array of slugs, each checked and linked
 * into tracker_id's list. */
static int sources_json(struct op *op, int64_t tracker_id, const char *list,
                        json_t **out, struct vg_err *err)
{
    *out = json_array();
    for (const char *p = list; p && *p;) {
        size_t len = strcspn(p, ",");
        char slug[SLUG_MAX + 1];
        struct source s;
        snprintf(slug, sizeof slug, "%.*s", (int)len, p);
        int rc = source_find(op, "sources", slug, &s, err);
        if (rc == 0)
            rc = source_use(op, tracker_id, s.id, err);
        if (rc != 0) {
            json_decref(*out);
            return rc;
        }
        json_array_append_new(*out, json_string(s.slug));
        p += len + (p[len] == ',');
    }
    return 0;
}

/* ==== Recording ==== */

/* A record's fields as one revision holds them: each value (NULL:
 * none) with its visibility, the cited sources and whether it is made
 * up. */
struct record {
    const char *value[VF_COUNT];
    enum visibility vis[VF_COUNT];
    json_t *sources; /* an array of slugs, owned */
    bool invented;
};

/* Revision v's public JSON (into the arena) and sealed fields, sealed
 * with the record's key; v->number and v->rev_no must be set. Returns
 * the public fields (the caller's), for the audit row. */
static json_t *seal_record(struct op *op, const struct record *r,
                           const uint8_t key[KEY], struct victim *v)
{
    json_t *pub = json_pack("{s:I, s:O, s:b}", "number", (json_int_t)v->number,
                            "sources", r->sources, "invented", r->invented);
    json_t *priv = json_object(), *sealed = json_array(), *vis = json_object();
    for (int i = 0; i < VF_COUNT; i++) {
        const char *value = r->value[i];
        if (value == NULL)
            continue;
        if (r->vis[i] == VIS_PUBLIC) {
            json_object_set_new(pub, victim_field_names[i], json_string(value));
            continue;
        }
        json_object_set_new(priv, victim_field_names[i], json_string(value));
        json_object_set_new(vis, victim_field_names[i],
                            json_string(victim_visibility_names[r->vis[i]]));
        json_array_append_new(sealed, json_string(victim_field_names[i]));
    }
    json_object_set_new(pub, "sealed", sealed);
    json_object_set_new(priv, "visibility", vis);
    char *pub_text = json_dumps(pub, JSON_COMPACT | JSON_SORT_KEYS);
    char *priv_text = json_dumps(priv, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(priv);
    v->public_json = arena_strdup(op->arena, pub_text);
    v->sealed = NULL;
    v->sealed_len = 0;
    if (json_array_size(sealed)) {
        char ad[96];
        fields_ad(ad, sizeof ad, v);
        v->sealed = seal(op->arena, (const uint8_t *)priv_text,
                         strlen(priv_text), ad, key, &v->sealed_len);
    }
    sodium_memzero(priv_text, strlen(priv_text));
    free(priv_text);
    free(pub_text);
    return pub;
}

/* Whether any field of r is sealed. */
static bool seals(const struct record *r)
{
    for (int i = 0; i < VF_COUNT; i++)
        if (r->value[i] && r->vis[i] != VIS_PUBLIC)
            return true;
    return false;
}

/* A new key for record v, wrapped under the master key into v. */
static void new_key(struct op *op, const struct vault *vault, struct victim *v,
                    uint8_t key[KEY])
{
    char ad[96];
    crypto_aead_xchacha20poly1305_ietf_keygen(key);
    key_ad(ad, sizeof ad, v->tracker_id, v->number);
    v->wrapped_key = seal(op->arena, key, KEY, ad, vault->key, &v->wrapped_len);
}

struct add_ctx {
    const struct vault *vault;
    const char *slug;
    const struct victim_input *in;
    enum visibility vis[VF_COUNT];
    int64_t number;
};

static int add_body(struct op *op, void *p, struct vg_err *err)
{
    struct add_ctx *x = p;
    struct tracker t;
    struct victim v = {.rev_no = 1,
                       .status = VICTIM_RECORDED,
                       .recorded_by = op->actor,
                       .recorded_at = op->now};
    struct record r = {.invented = x->in->invented};
    int rc = tracker_find(op, "tracker", x->slug, &t, err);
    if (rc == 0)
        rc = sources_json(op, t.id, x->in->sources, &r.sources, err);
    if (rc == 0)
        rc = store_victim_next_number(op->st, t.id, &v.number, err);
    if (rc != 0)
        return rc;
    v.tracker_id = t.id;
    memcpy(r.value, x->in->value, sizeof r.value);
    memcpy(r.vis, x->vis, sizeof r.vis);
    uint8_t key[KEY] = {0};
    if (seals(&r))
        new_key(op, x->vault, &v, key);
    json_t *pub = seal_record(op, &r, key, &v);
    sodium_memzero(key, sizeof key);
    json_decref(r.sources);
    rc = store_victim_insert(op->st, &v, err);
    if (rc == 0)
        rc = audit_change(op, t.id, CHANGE_FIGURES, 0, err);
    if (rc != 0) {
        json_decref(pub);
        return rc;
    }
    x->number = v.number;
    /* The audit row holds the public fields and the names of the sealed
     * ones, never a sealed value. */
    return audit_record(
        op, "victim.add",
        audit_entity(op, "tracker/%s/victim/%lld", t.slug, (long long)v.number),
        NULL, pub, err);
}

int victim_add(struct op *op, const struct vault *vault,
               const char *tracker_slug, const struct victim_input *in,
               int64_t *number, struct vg_err *err)
{
    struct add_ctx x = {vault, tracker_slug, in, {0}, 0};
    int rc =
        op_require(op, ROLE_EDITOR | ROLE_CUSTODIAN, "record a victim", err);
    if (rc == 0)
        rc = parse_visibility(in->visibility, x.vis, err);
    if (rc == 0)
        rc = check_fields(in, err);
    for (int i = 0; rc == 0 && i < VF_COUNT; i++)
        if (in->value[i] && x.vis[i] != VIS_PUBLIC)
            rc = op_require(op, ROLE_CUSTODIAN, "record a sealed field", err);
    if (rc == 0)
        rc = audit_transaction(op, add_body, &x, err);
    if (rc == 0 && number)
        *number = x.number;
    return rc;
}

/* ==== Opening ==== */

/* Loads tracker slug and its victim `number`, naming what is missing.
 * An archived tracker's records may still be opened and, for a person's
 * safety, purged. */
static int find_victim(struct op *op, const char *slug, int64_t number,
                       struct tracker *t, struct victim *v, struct vg_err *err)
{
    int rc = tracker_lookup(op->st, op->arena, "tracker", slug, t, err);
    if (rc == 0 && (rc = store_victim_get(op->st, op->arena, t->id, number, v,
                                          err)) == VG_ENOTFOUND)
        vg_err_set(err, rc, "number", "tracker %s has no victim %lld", t->slug,
                   (long long)number);
    return rc;
}

json_t *victim_public(const struct victim *v)
{
    return json_loads(v->public_json, 0, NULL);
}

struct open_ctx {
    const struct vault *vault;
    const char *slug;
    int64_t number;
    json_t *out;
};

/* Unwraps record v's key into key with the master key; false when it does
 * not open. */
static bool record_key(struct op *op, const struct vault *vault,
                       const struct victim *v, uint8_t key[KEY])
{
    char ad[96];
    size_t klen = 0;
    key_ad(ad, sizeof ad, v->tracker_id, v->number);
    uint8_t *k = v->wrapped_key ? unseal(op->arena, v->wrapped_key,
                                         v->wrapped_len, ad, vault->key, &klen)
                                : NULL;
    bool ok = k && klen == KEY;
    if (ok)
        memcpy(key, k, KEY);
    if (k)
        sodium_memzero(k, klen);
    return ok;
}

/* Revision v's sealed fields opened with key: {"FIELD": value, ...,
 * "visibility": {"FIELD": level}} (the caller's); NULL when they do not
 * open. */
static json_t *open_sealed(struct op *op, const struct victim *v,
                           const uint8_t key[KEY])
{
    char ad[96];
    size_t mlen;
    fields_ad(ad, sizeof ad, v);
    uint8_t *msg = unseal(op->arena, v->sealed, v->sealed_len, ad, key, &mlen);
    json_t *priv = msg ? json_loads((const char *)msg, 0, NULL) : NULL;
    if (msg)
        sodium_memzero(msg, mlen);
    return priv;
}

static int cannot_open(const struct victim *v, struct vg_err *err)
{
    return vg_err_set(err, VG_ECORRUPT, "master_key",
                      "the sealed fields of victim %lld do not open "
                      "(another master key?)",
                      (long long)v->number);
}

/* Copies into out the sealed fields of priv the actor's role opens,
 * naming each in `opened`. */
static void reveal(struct op *op, json_t *priv, json_t *out, json_t *opened)
{
    json_t *vis = json_object_get(priv, "visibility");
    const char *field;
    json_t *value;
    json_object_foreach(priv, field, value)
    {
        const char *level = json_string_value(json_object_get(vis, field));
        bool may = op_holds(op, ROLE_CUSTODIAN) ||
                   (level && strcmp(level, "editors") == 0 &&
                    op_holds(op, ROLE_EDITOR));
        if (value != vis && may) {
            json_object_set(out, field, value);
            json_array_append_new(opened, json_string(field));
        }
    }
}

static int open_body(struct op *op, void *p, struct vg_err *err)
{
    struct open_ctx *x = p;
    struct tracker t;
    struct victim v;
    int rc = find_victim(op, x->slug, x->number, &t, &v, err);
    if (rc != 0)
        return rc;
    x->out = victim_public(&v);
    if (v.status == VICTIM_PURGED) /* for those who may open it only */
        json_object_set_new(x->out, "purged", json_true());
    json_t *opened = json_array();
    if (v.sealed && v.wrapped_key) {
        uint8_t key[KEY];
        json_t *priv =
            record_key(op, x->vault, &v, key) ? open_sealed(op, &v, key) : NULL;
        sodium_memzero(key, sizeof key);
        if (priv == NULL) {
            json_decref(opened);
            return cannot_open(&v, err);
        }
        reveal(op, priv, x->out, opened);
        json_decref(priv);
    }
    if (json_array_size(opened) == 0) {
        json_decref(opened);
        return 0; /* nothing sealed was read: no audit row */
    }
    /* The audit row names who opened which fields, not their values. */
    return audit_record(
        op, "victim.read",
        audit_entity(op, "tracker/%s/victim/%lld", t.slug, (long long)v.number),
        NULL, json_pack("{s:o}", "fields", opened), err);
}

int victim_open(struct op *op, const struct vault *vault,
                const char *tracker_slug, int64_t number, json_t **out,
                struct vg_err *err)
{
    struct open_ctx x = {vault, tracker_slug, number, NULL};
    *out = NULL;
    int rc = op_require(op, ROLE_CUSTODIAN | ROLE_EDITOR,
                        "read the registry's sealed fields", err);
    if (rc == 0)
        rc = audit_transaction(op, open_body, &x, err);
    if (rc != 0) {
        json_decref(x.out);
        return rc;
    }
    *out = x.out;
    return 0;
}

/* ==== Editing ==== */

/* Record v's fields as they stand (its sealed ones from priv, opened);
 * fields it lacks get their default visibility. */
static int current_record(struct op *op, const struct victim *v, json_t *priv,
                          struct record *r, struct vg_err *err)
{
    json_t *pub = victim_public(v);
    if (pub == NULL)
        return cannot_open(v, err);
    json_t *levels = json_object_get(priv, "visibility");
    for (int i = 0; i < VF_COUNT; i++) {
        const char *name = victim_field_names[i];
        const char *pv = json_string_value(json_object_get(pub, name));
        const char *sv = json_string_value(json_object_get(priv, name));
        int level =
            enum_level(json_string_value(json_object_get(levels, name)));
        r->value[i] = pv   ? arena_strdup(op->arena, pv)
                      : sv ? arena_strdup(op->arena, sv)
                           : NULL;
        r->vis[i] = pv                 ? VIS_PUBLIC
                    : sv && level >= 0 ? (enum visibility)level
                                       : victim_field_default[i];
    }
    json_t *sources = json_object_get(pub, "sources");
    r->sources = json_is_array(sources) ? json_incref(sources) : json_array();
    r->invented = json_is_true(json_object_get(pub, "invented"));
    json_decref(pub);
    return 0;
}

/* Applies the edit in to r (old: as it was). Stores in `changed` the
 * names of the fields changed; a field sealed before or after needs a
 * custodian. */
static int apply_edit(struct op *op, int64_t tracker_id,
                      const struct victim_input *in, const struct record *old,
                      struct record *r, json_t *changed, struct vg_err *err)
{
    bool given[VF_COUNT] = {false};
    int rc = parse_levels(in->visibility, r->vis, given, err);
    for (int i = 0; i < VF_COUNT; i++)
        if (in->value[i])
            r->value[i] = *in->value[i] ? in->value[i] : NULL;
    for (int i = 0; rc == 0 && i < VF_COUNT; i++) {
        bool now = r->value[i] != NULL, before = old->value[i] != NULL;
        if ((now || before) &&
            (now != before || r->vis[i] != old->vis[i] ||
             (now && strcmp(r->value[i], old->value[i]) != 0))) {
            json_array_append_new(changed, json_string(victim_field_names[i]));
            if (old->vis[i] != VIS_PUBLIC || r->vis[i] != VIS_PUBLIC)
                rc = op_require(op, ROLE_CUSTODIAN, "change a sealed field",
                                err);
        }
    }
    if (rc == 0 && in->sources) {
        json_t *sources;
        rc = sources_json(op, tracker_id, in->sources, &sources, err);
        if (rc == 0 && !json_equal(sources, r->sources))
            json_array_append_new(changed, json_string("sources"));
        if (rc == 0) {
            json_decref(r->sources);
            r->sources = sources;
        }
    }
    struct victim_input check = {.invented = r->invented};
    memcpy(check.value, r->value, sizeof check.value);
    if (rc == 0)
        rc = check_fields(&check, err);
    if (rc == 0 && json_array_size(changed) == 0)
        rc = vg_err_set(err, VG_EINVAL, "victim", "nothing to change");
    return rc;
}

struct edit_ctx {
    const struct vault *vault;
    const char *slug;
    int64_t number;
    const struct victim_input *in;
};

/* Saves record r as the next revision of v, sealed with v's key (made
 * when it is the first sealed field); returns the public fields. */
static int save_edit(struct op *op, const struct vault *vault, struct victim *v,
                     const struct record *r, uint8_t key[KEY], json_t **pub,
                     struct vg_err *err)
{
    v->rev_no++;
    v->recorded_by = op->actor;
    v->recorded_at = op->now;
    if (seals(r) && v->wrapped_key == NULL)
        new_key(op, vault, v, key);
    *pub = seal_record(op, r, key, v);
    int rc = store_victim_save(op->st, v, err);
    return rc ? rc : audit_change(op, v->tracker_id, CHANGE_FIGURES, 0, err);
}

static int edit_body(struct op *op, void *p, struct vg_err *err)
{
    struct edit_ctx *x = p;
    struct tracker t;
    struct victim v;
    struct record old = {0}, r;
    uint8_t key[KEY] = {0};
    json_t *priv = NULL, *changed = json_array(), *pub = NULL;
    int rc = find_victim(op, x->slug, x->number, &t, &v, err);
    if (rc == 0 && v.status == VICTIM_PURGED)
        rc = vg_err_set(err, VG_ECONFLICT, "number",
                        "victim %lld is purged: its record takes no edits",
                        (long long)v.number);
    bool keyed = rc == 0 && v.wrapped_key && record_key(op, x->vault, &v, key);
    if (rc == 0 && v.sealed && (!keyed || !(priv = open_sealed(op, &v, key))))
        rc = cannot_open(&v, err);
    if (rc == 0)
        rc = current_record(op, &v, priv, &old, err);
    r = old;
    r.sources = rc == 0 ? json_copy(old.sources) : NULL;
    if (rc == 0)
        rc = apply_edit(op, t.id, x->in, &old, &r, changed, err);
    json_t *before = rc ? NULL : victim_public(&v);
    if (rc == 0)
        rc = save_edit(op, x->vault, &v, &r, key, &pub, err);
    sodium_memzero(key, sizeof key);
    json_decref(priv);
    json_decref(old.sources);
    json_decref(r.sources);
    if (rc != 0) {
        json_decref(changed);
        json_decref(before);
        json_decref(pub);
        return rc;
    }
    /* Public fields and the names of those changed: no sealed value. */
    json_object_set_new(pub, "changed", changed);
    return audit_record(
        op, "victim.edit",
        audit_entity(op, "tracker/%s/victim/%lld", t.slug, (long long)v.number),
        before, pub, err);
}

int victim_edit(struct op *op, const struct vault *vault,
                const char *tracker_slug, int64_t number,
                const struct victim_input *in, struct vg_err *err)
{
    struct edit_ctx x = {vault, tracker_slug, number, in};
    int rc = op_require(op, ROLE_EDITOR | ROLE_CUSTODIAN, "edit a victim", err);
    return rc ? rc : audit_transaction(op, edit_body, &x, err);
}

/* ==== Purging ==== */

struct purge_ctx {
    const char *slug;
    int64_t number;
};

static int purge_body(struct op *op, void *p, struct vg_err *err)
{
    struct purge_ctx *x = p;
    struct tracker t;
    struct victim v;
    int rc = find_victim(op, x->slug, x->number, &t, &v, err);
    if (rc != 0)
        return rc;
    if (v.status == VICTIM_PURGED)
        return vg_err_set(err, VG_ECONFLICT, "number",
                          "victim %lld is already purged", (long long)v.number);
    v.status = VICTIM_PURGED;
    v.wrapped_key = NULL;
    v.wrapped_len = 0;
    v.rev_no++;
    v.recorded_by = op->actor;
    v.recorded_at = op->now;
    rc = store_victim_save(op->st, &v, err);
    if (rc == 0)
        rc = audit_change(op, t.id, CHANGE_FIGURES, 0, err);
    if (rc != 0)
        return rc;
    return audit_record(
        op, "victim.purge",
        audit_entity(op, "tracker/%s/victim/%lld", t.slug, (long long)v.number),
        NULL, json_pack("{s:s}", "key", "destroyed"), err);
}

int victim_purge(struct op *op, const char *tracker_slug, int64_t number,
                 struct vg_err *err)
{
    struct purge_ctx x = {tracker_slug, number};
    int rc = op_require(op, ROLE_CUSTODIAN, "purge a victim's record", err);
    return rc ? rc : audit_transaction(op, purge_body, &x, err);
}
