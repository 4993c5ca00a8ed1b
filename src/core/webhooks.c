/* webhooks.c: webhooks' kinds, management, payloads and signatures
 * (webhooks.h). */
#include "core/webhooks.h"

#include <assert.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/trackers.h"
#include "model/enums.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/i18n.h"

/* The summaries are the desk's labels too (translated there). */
const struct webhook_kind_row webhook_kinds[HOOK_KIND_COUNT] = {
    [HOOK_UPDATE_PUBLISHED] = {HOOK_UPDATE_PUBLISHED, "update.published",
                               N_("an update became public")},
    [HOOK_UPDATE_EDITED] = {HOOK_UPDATE_EDITED, "update.edited",
                            N_("a public update's title or text changed")},
    [HOOK_UPDATE_CORRECTED] = {HOOK_UPDATE_CORRECTED, "update.corrected",
                               N_("a correction of an update was published")},
    [HOOK_UPDATE_RETRACTED] = {HOOK_UPDATE_RETRACTED, "update.retracted",
                               N_("a public update was retracted")},
    [HOOK_FIGURE_PUBLISHED] = {HOOK_FIGURE_PUBLISHED, "figure.published",
                               N_("a figure joined the highlights")},
    [HOOK_FIGURE_CORRECTED] = {HOOK_FIGURE_CORRECTED, "figure.corrected",
                               N_("a figure was replaced by its correction")},
    [HOOK_FIGURE_RETRACTED] = {HOOK_FIGURE_RETRACTED, "figure.retracted",
                               N_("a figure was withdrawn")},
};

/* ==== Checking what is asked ==== */

/* The kind named by the n bytes at name, or -1. */
static int kind_named(const char *name, size_t n)
{
    for (int i = 0; i < HOOK_KIND_COUNT; i++)
        if (strlen(webhook_kinds[i].name) == n &&
            memcmp(webhook_kinds[i].name, name, n) == 0)
            return i;
    return -1;
}

/* Parses a comma-separated list of kinds (NULL: all) into the canonical
 * list, in the table's order without repeats, in op's arena. */
static int parse_kinds(struct op *op, const char *list, const char **out,
                       struct vg_err *err)
{
    bool want[HOOK_KIND_COUNT] = {0};
    for (const char *p = list; p && *p;) {
        size_t n = strcspn(p, ",");
        int k = kind_named(p, n);
        if (k < 0)
            return vg_err_set(err, VG_EINVAL, "kinds",
                              "unknown kind \"%.*s\" (vigil webhook kinds "
                              "lists them)",
                              (int)(n > 40 ? 40 : n), p);
        want[k] = true;
        p += n + (p[n] == ',');
    }
    struct buf b = BUF_INIT(512);
    for (int i = 0; i < HOOK_KIND_COUNT; i++)
        if (want[i] || list == NULL || *list == '\0')
            buf_printf(&b, "%s%s", b.len ? "," : "", webhook_kinds[i].name);
    *out = arena_strdup(op->arena, buf_cstr(&b));
    buf_release(&b);
    return 0;
}

/* Whether url is http(s) with a host, and nothing a log or a receiver
 * should not see: no credentials, spaces or control characters. */
static int check_url(const char *url, struct vg_err *err)
{
    size_t scheme = strncmp(url, "https://", 8) == 0  ? 8
                    : strncmp(url, "http://", 7) == 0 ? 7
                                                      : 0;
    if (scheme == 0)
        return vg_err_set(err, VG_EINVAL, "url",
                          "must start with http:// or https://");
    if (strlen(url) > WEBHOOK_URL_MAX)
        return vg_err_set(err, VG_EINVAL, "url", "is longer than %d bytes",
                          WEBHOOK_URL_MAX);
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        if (*p <= ' ' || *p == 0x7f)
            return vg_err_set(err, VG_EINVAL, "url",
                              "has a space or a control character");
    size_t host = strcspn(url + scheme, "/?#");
    if (host == 0 || url[scheme] == ':')
        return vg_err_set(err, VG_EINVAL, "url", "names no host");
    if (memchr(url + scheme, '@', host))
        return vg_err_set(err, VG_EINVAL, "url",
                          "carries credentials: put them in no URL");
    return 0;
}

/* ==== Managing ==== */

struct add_ctx {
    const char *slug, *url, *kinds;
    char *secret;
    int64_t id;
};

static int add_body(struct op *op, void *p, struct vg_err *err)
{
    struct add_ctx *x = p;
    struct tracker t;
    struct webhook w = {.url = x->url,
                        .secret = x->secret,
                        .created_by = op->actor,
                        .created_at = op->now};
    int rc = op_require(op, ROLE_ADMIN, "manage webhooks", err);
    if (rc == 0)
        rc = check_url(x->url, err);
    if (rc == 0)
        rc = parse_kinds(op, x->kinds, &w.kinds, err);
    if (rc == 0)
        rc = tracker_lookup(op->st, op->arena, "tracker", x->slug, &t, err);
    w.tracker_id = t.id;
    if (rc == 0)
        rc = store_webhook_insert(op->st, &w, err);
    if (rc == VG_ECONFLICT) {
        /* The store's message names its constraint: say it for people. */
        *err = (struct vg_err)VG_ERR_INIT;
        return vg_err_set(err, rc, "url", "tracker %s already sends to %s",
                          t.slug, x->url);
    }
    if (rc != 0)
        return rc;
    x->id = w.id;
    json_t *after =
        json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)w.id, "tracker",
                  t.slug, "url", w.url, "kinds", w.kinds);
    return audit_record(op, "webhook.add",
                        audit_entity(op, "webhook/%lld", (long long)w.id), NULL,
                        after, err);
}

int webhook_add(struct op *op, const char *slug, const char *url,
                const char *kinds, char secret[WEBHOOK_SECRET_LEN + 1],
                int64_t *id, struct vg_err *err)
{
    unsigned char raw[WEBHOOK_SECRET_LEN / 2];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(secret, WEBHOOK_SECRET_LEN + 1, raw, sizeof raw);
    struct add_ctx x = {slug, url ? url : "", kinds, secret, 0};
    int rc = audit_transaction(op, add_body, &x, err);
    if (rc == 0 && id)
        *id = x.id;
    return rc;
}

struct remove_ctx {
    const char *slug; /* or NULL: any tracker's */
    int64_t id;
};

/* Whether webhook id is one of tracker slug's (VG_ENOTFOUND if not). */
static int check_owner(struct op *op, const char *slug, int64_t id,
                       struct vg_err *err)
{
    struct tracker t;
    struct webhook *w;
    size_t n;
    int rc = tracker_lookup(op->st, op->arena, "tracker", slug, &t, err);
    if (rc == 0)
        rc = store_webhook_list(op->st, op->arena, t.id, &w, &n, err);
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (w[i].id == id)
            return 0;
    return rc ? rc
              : vg_err_set(err, VG_ENOTFOUND, "webhook",
                           "tracker %s has no webhook %lld", t.slug,
                           (long long)id);
}

static int remove_body(struct op *op, void *p, struct vg_err *err)
{
    struct remove_ctx *x = p;
    int rc = op_require(op, ROLE_ADMIN, "manage webhooks", err);
    if (rc == 0 && x->slug)
        rc = check_owner(op, x->slug, x->id, err);
    if (rc == 0)
        rc = store_webhook_delete(op->st, x->id, err);
    if (rc != 0)
        return rc;
    return audit_record(op, "webhook.remove",
                        audit_entity(op, "webhook/%lld", (long long)x->id),
                        NULL, NULL, err);
}

int webhook_remove(struct op *op, const char *slug, int64_t id,
                   struct vg_err *err)
{
    struct remove_ctx x = {slug, id};
    return audit_transaction(op, remove_body, &x, err);
}

const char *webhook_kind_field(struct arena *a, enum webhook_kind k)
{
    struct buf b = BUF_INIT(128);
    buf_printf(&b, "kind-%s", webhook_kinds[k].name);
    const char *s = arena_strdup(a, buf_cstr(&b));
    buf_release(&b);
    return s;
}

/* ==== Payloads ==== */

static json_t *time_or_null(int64_t t)
{
    char buf[TIMESTAMP_LEN + 1];
    if (t == 0)
        return json_null();
    timestamp_format(t, buf);
    return json_string(buf);
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* The envelope every payload shares: its kind, tracker and time. */
static json_t *envelope(struct op *op, const struct tracker *t,
                        enum webhook_kind kind)
{
    json_t *j = json_object();
    json_object_set_new(j, "kind", json_string(webhook_kinds[kind].name));
    json_object_set_new(j, "at", time_or_null(op->now));
    json_object_set_new(j, "tracker",
                        json_pack("{s:s, s:s, s:s+}", "slug", t->slug, "title",
                                  t->title, "path", "/t/", t->slug));
    return j;
}

static json_t *update_payload(const struct tracker *t, const struct update *u)
{
    json_t *j = json_object();
    json_object_set_new(j, "number", json_integer(u->number));
    json_object_set_new(
        j, "path", json_sprintf("/t/%s/u/%lld", t->slug, (long long)u->number));
    json_object_set_new(
        j, "kind", json_string(enum_name(&update_kind_names, (int)u->kind)));
    json_object_set_new(
        j, "status",
        json_string(enum_name(&update_status_names, (int)u->status)));
    json_object_set_new(j, "title", json_string(u->title));
    json_object_set_new(j, "lang", str_or_null(u->lang));
    json_object_set_new(j, "body_md", json_string(u->body_md));
    json_object_set_new(j, "body_html", json_string(u->body_html));
    json_object_set_new(j, "published_at", time_or_null(u->published_at));
    json_object_set_new(j, "revised_at", time_or_null(u->revised_at));
    json_object_set_new(j, "corrects",
                        u->corrects ? json_integer(u->corrects) : json_null());
    return j;
}

static json_t *figure_payload(const struct claim *c)
{
    char as_of[DATE_LEN + 1];
    date_format(c->as_of, as_of);
    json_t *j = json_object();
    json_object_set_new(j, "number", json_integer(c->number));
    json_object_set_new(j, "metric", str_or_null(c->metric_key));
    json_object_set_new(j, "source", str_or_null(c->source_slug));
    json_object_set_new(j, "source_name", str_or_null(c->source_name));
    json_object_set_new(
        j, "qualifier",
        json_string(enum_name(&qualifier_names, (int)c->qualifier)));
    json_object_set_new(j, "low", json_integer(c->low));
    json_object_set_new(j, "high",
                        c->high >= 0 ? json_integer(c->high) : json_null());
    json_object_set_new(j, "words", str_or_null(c->words));
    json_object_set_new(j, "as_of", json_string(as_of));
    json_object_set_new(j, "url", str_or_null(c->url));
    json_object_set_new(j, "quote", str_or_null(c->quote));
    json_object_set_new(j, "scope", str_or_null(c->scope));
    return j;
}

/* Queues payload (taken) for tracker t's webhooks of that kind: one
 * Idempotency-Key prefix per change, the webhook's id after it. */
static int queue(struct op *op, const struct tracker *t, enum webhook_kind kind,
                 json_t *payload, struct vg_err *err)
{
    unsigned char raw[16];
    char prefix[2 * sizeof raw + 1];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(prefix, sizeof prefix, raw, sizeof raw);
    char *body = json_dumps(payload, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(payload);
    size_t queued = 0;
    int rc = store_outbox_enqueue(op->st, t->id, webhook_kinds[kind].name, body,
                                  prefix, op->now, 0, &queued, err);
    free(body);
    return rc;
}

/* Which kind the change from before to u is, or -1 for none readers
 * would be told of. */
static int update_kind_of(const struct update *before, const struct update *u)
{
    bool was_public = before && before->status == UPDATE_PUBLISHED;
    if (u->status == UPDATE_RETRACTED)
        return was_public ? HOOK_UPDATE_RETRACTED : -1;
    if (u->status != UPDATE_PUBLISHED)
        return -1;
    if (!was_public)
        return u->corrects ? HOOK_UPDATE_CORRECTED : HOOK_UPDATE_PUBLISHED;
    bool edited = strcmp(before->title, u->title) != 0 ||
                  strcmp(before->body_md, u->body_md) != 0;
    return edited ? HOOK_UPDATE_EDITED : -1;
}

int webhook_on_update(struct op *op, const struct tracker *t,
                      const struct update *before, const struct update *u,
                      struct vg_err *err)
{
    int kind = update_kind_of(before, u);
    if (kind < 0)
        return 0;
    json_t *j = envelope(op, t, (enum webhook_kind)kind);
    json_object_set_new(j, "update", update_payload(t, u));
    return queue(op, t, (enum webhook_kind)kind, j, err);
}

int webhook_on_figure(struct op *op, const struct tracker *t,
                      const struct claim *old, const struct claim *c,
                      const char *reason, struct vg_err *err)
{
    enum webhook_kind kind = old == NULL ? HOOK_FIGURE_PUBLISHED
                             : c         ? HOOK_FIGURE_CORRECTED
                                         : HOOK_FIGURE_RETRACTED;
    json_t *j = envelope(op, t, kind);
    json_object_set_new(j, "figure", figure_payload(c ? c : old));
    if (old) {
        json_object_set_new(j, "withdrawn", json_integer(old->number));
        json_object_set_new(j, "reason", str_or_null(reason));
    }
    return queue(op, t, kind, j, err);
}

/* ==== Signing ==== */

void webhook_hmac_hex(const void *key, size_t keylen, const void *msg,
                      size_t len, char out[65])
{
    crypto_auth_hmacsha256_state state;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_init(&state, key, keylen);
    crypto_auth_hmacsha256_update(&state, msg, len);
    crypto_auth_hmacsha256_final(&state, mac);
    sodium_bin2hex(out, 65, mac, sizeof mac);
}

void webhook_sign(const char *secret, int64_t timestamp, const char *body,
                  size_t len, char out[65])
{
    struct buf msg = BUF_INIT(len + 32);
    buf_printf(&msg, "%lld.", (long long)timestamp);
    buf_append(&msg, body, len);
    assert(!msg.failed);
    webhook_hmac_hex(secret, strlen(secret), msg.p, msg.len, out);
    buf_release(&msg);
}
