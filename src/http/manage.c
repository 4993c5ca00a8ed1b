/*
 * manage.c: the admins' pages of the desk (render/manage.h): people
 * (invitations, roles on every tracker and on each, display names, a
 * second factor reset, disabling) and trackers (archiving, unlisting).
 * The dispatcher has checked the session, the admin role and the CSRF
 * token; each action is one core write with its audit row.
 */
#include <stdio.h>
#include <string.h>

#include "model/enums.h"
#include "core/invites.h"
#include "core/trackers.h"
#include "core/users.h"
#include "http/form.h"
#include "http/handlers.h"
#include "render/manage.h"
#include "store/store.h"

static const char HTML_TYPE[] = "text/html; charset=utf-8";

/* "field: message" of a refusal, for the page shown again. */
static const char *refusal(struct req *r, const struct vg_err *err)
{
    char m[sizeof r->error + 48];
    snprintf(m, sizeof m, "%s%s%s", err->field ? err->field : "",
             err->field ? ": " : "", err->msg);
    return arena_strdup(&r->arena, m);
}

/* An empty form field means "not given". */
static const char *given(struct req *r, const char *name)
{
    const char *v = form_field(r, name);
    return v && *v ? v : NULL;
}

/* The roles ticked in the form's boxes prefix.ROLE, as a list ("" for
 * none) in the request's arena. */
static const char *roles_ticked(struct req *r, const char *prefix)
{
    char name[160], list[128];
    unsigned roles = 0;
    for (int i = 0; i < role_names.count; i++) {
        snprintf(name, sizeof name, "%s.%s", prefix, role_names.names[i]);
        if (form_flag(r, name))
            roles |= 1u << i;
    }
    roles_format(roles, list, sizeof list);
    return arena_strdup(&r->arena, list);
}

/* The address of a link just made (token: its text). */
static const char *link_address(struct req *r, const char *token)
{
    char url[sizeof r->app->base_url + 80];
    snprintf(url, sizeof url, "%s/invite?token=%s", r->app->base_url, token);
    return arena_strdup(&r->arena, url);
}

/* ==== People ==== */

/* Loads every user (or only `login`), every role on single trackers and
 * every tracker. Returns 0, or the status recorded (404, 500). */
static int load_people(struct req *r, const char *login, struct people *p)
{
    struct vg_err err = VG_ERR_INIT;
    struct store *st = req_store(r);
    struct user *u;
    struct grant *g;
    struct tracker *t;
    int rc;
    if (login) {
        u = arena_alloc(&r->arena, sizeof *u);
        rc = store_user_get(st, &r->arena, login, u, &err);
        p->nusers = 1;
    } else {
        rc = store_user_list(st, &r->arena, &u, &p->nusers, &err);
    }
    if (rc == VG_ENOTFOUND)
        return req_error(r, 404, "No user \"%.64s\".", login);
    if (rc == 0)
        rc = store_grant_list(st, &r->arena, login ? u->id : 0, &g, &p->ngrants,
                              &err);
    if (rc == 0)
        rc = store_tracker_list(st, &r->arena, &t, &p->ntrackers, &err);
    if (rc != 0)
        return req_read_failed(r);
    p->users = u;
    p->grants = g;
    p->trackers = t;
    return 0;
}

/* The people page (one user's with login), `link` and notice on top. */
static int people_page(struct req *r, const char *login, const char *link,
                       const char *notice, int status)
{
    struct people p = {.link = link};
    int rc = load_people(r, login, &p);
    if (rc != 0)
        return rc;
    struct desk d = desk_of(r);
    d.notice = notice;
    buf_reset(&r->body);
    if (login)
        render_desk_user(&r->body, &d, &p);
    else
        render_desk_users(&r->body, &d, &p);
    r->content_type = HTML_TYPE;
    return status;
}

/* GET /admin/users */
int desk_users(struct req *r)
{
    return people_page(r, NULL, NULL, NULL, 200);
}

/* POST /admin/users: invites someone; the page shows their link once */
int desk_invite(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    char token[TOKEN_TEXT_LEN + 1];
    struct tracker_roles there = {given(r, "tracker"),
                                  roles_ticked(r, "there")};
    struct invite_input in = {given(r, "login"), given(r, "display_name"),
                              roles_ticked(r, "all"), &there,
                              there.tracker ? 1 : 0};
    struct op op;
    req_write_begin(r, &op);
    int rc = invite_user(&op, &in, token, &err);
    req_write_end(r);
    if (rc != 0)
        return people_page(r, NULL, NULL, refusal(r, &err), req_fail(r, &err));
    return people_page(r, NULL, link_address(r, token), NULL, 200);
}

/* GET /admin/users/:login */
int desk_user(struct req *r)
{
    return people_page(r, req_param(r, 0), NULL, NULL, 200);
}

static int back_to_user(struct req *r)
{
    char to[200];
    snprintf(to, sizeof to, "/admin/users/%s", req_param(r, 0));
    return req_redirect(r, to);
}

/* POST /admin/users/:login/roles: every role, on every tracker and on
 * each (the boxes of render/manage.h) */
int desk_user_roles(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker *t;
    size_t n;
    if (store_tracker_list(req_store(r), &r->arena, &t, &n, &err) != 0)
        return req_read_failed(r);
    struct tracker_roles *per = arena_alloc(&r->arena, (n + 1) * sizeof *per);
    for (size_t i = 0; i < n; i++) {
        char prefix[96];
        snprintf(prefix, sizeof prefix, "on.%s", t[i].slug);
        per[i] = (struct tracker_roles){t[i].slug, roles_ticked(r, prefix)};
    }
    struct op op;
    req_write_begin(r, &op);
    int rc = user_set_roles(&op, req_param(r, 0), roles_ticked(r, "all"), per,
                            n, &err);
    req_write_end(r);
    if (rc != 0)
        return people_page(r, rc == VG_ENOTFOUND ? NULL : req_param(r, 0), NULL,
                           refusal(r, &err), req_fail(r, &err));
    return back_to_user(r);
}

/* POST /admin/users/:login/name */
int desk_user_name(struct req *r)
{
    struct vg_err err = VG_ERR_INIT;
    struct op op;
    req_write_begin(r, &op);
    int rc = user_set_name(&op, req_param(r, 0), form_field(r, "display_name"),
                           &err);
    req_write_end(r);
    if (rc != 0)
        return people_page(r, rc == VG_ENOTFOUND ? NULL : req_param(r, 0), NULL,
                           refusal(r, &err), req_fail(r, &err));
    return back_to_user(r);
}

/* A new link for login: an invitation again, or a new second factor. */
static int new_link(struct req *r, bool second_factor)
{
    struct vg_err err = VG_ERR_INIT;
    char token[TOKEN_TEXT_LEN + 1];
    const char *login = req_param(r, 0);
    struct op op;
    req_write_begin(r, &op);
    int rc = second_factor ? invite_reset_totp(&op, login, token, &err)
                           : invite_renew(&op, login, token, &err);
    req_write_end(r);
    if (rc != 0)
        return people_page(r, rc == VG_ENOTFOUND ? NULL : login, NULL,
                           refusal(r, &err), req_fail(r, &err));
    return people_page(r, login, link_address(r, token), NULL, 200);
}

/* POST /admin/users/:login/invite */
int desk_user_invite(struct req *r)
{
    return new_link(r, false);
}

/* POST /admin/users/:login/totp */
int desk_user_totp(struct req *r)
{
    return new_link(r, true);
}

static int set_disabled(struct req *r, bool on)
{
    struct vg_err err = VG_ERR_INIT;
    struct op op;
    req_write_begin(r, &op);
    int rc = user_disable(&op, req_param(r, 0), on, &err);
    req_write_end(r);
    if (rc != 0)
        return people_page(r, rc == VG_ENOTFOUND ? NULL : req_param(r, 0), NULL,
                           refusal(r, &err), req_fail(r, &err));
    return back_to_user(r);
}

/* POST /admin/users/:login/disable */
int desk_user_disable(struct req *r)
{
    return set_disabled(r, true);
}

/* POST /admin/users/:login/enable */
int desk_user_enable(struct req *r)
{
    return set_disabled(r, false);
}

/* ==== Trackers ==== */

static int trackers_page(struct req *r, const char *notice, int status)
{
    struct vg_err err = VG_ERR_INIT;
    struct tracker *t;
    size_t n;
    if (store_tracker_list(req_store(r), &r->arena, &t, &n, &err) != 0)
        return req_read_failed(r);
    struct desk d = desk_of(r);
    d.notice = notice;
    buf_reset(&r->body);
    render_desk_trackers(&r->body, &d, t, n);
    r->content_type = HTML_TYPE;
    return status;
}

/* GET /admin/trackers */
int desk_trackers(struct req *r)
{
    return trackers_page(r, NULL, 200);
}

enum tracker_switch { SW_ARCHIVE, SW_UNLIST };

static int switch_tracker(struct req *r, enum tracker_switch which, bool on)
{
    struct vg_err err = VG_ERR_INIT;
    struct op op;
    req_write_begin(r, &op);
    int rc = which == SW_ARCHIVE
                 ? tracker_archive(&op, req_param(r, 0), on, &err)
                 : tracker_unlist(&op, req_param(r, 0), on, &err);
    req_write_end(r);
    if (rc != 0)
        return trackers_page(r, refusal(r, &err), req_fail(r, &err));
    return req_redirect(r, "/admin/trackers");
}

/* POST /admin/t/:slug/archive */
int desk_archive(struct req *r)
{
    return switch_tracker(r, SW_ARCHIVE, true);
}

/* POST /admin/t/:slug/unarchive */
int desk_unarchive(struct req *r)
{
    return switch_tracker(r, SW_ARCHIVE, false);
}

/* POST /admin/t/:slug/unlist */
int desk_unlist(struct req *r)
{
    return switch_tracker(r, SW_UNLIST, true);
}

/* POST /admin/t/:slug/list */
int desk_list(struct req *r)
{
    return switch_tracker(r, SW_UNLIST, false);
}
