/*
 * manage.h: the admins' pages of the desk (people and trackers), and the
 * page a one-time link opens.
 *
 * Roles on every tracker are checkboxes named "all.ROLE"; roles on one
 * tracker "on.SLUG.ROLE" (http/manage.c reads them back).
 */
#ifndef VIGIL_RENDER_MANAGE_H
#define VIGIL_RENDER_MANAGE_H

#include "render/admin.h"

/* Everyone the desk knows, and every tracker, for the people pages. */
struct people {
    const struct user *users;
    size_t nusers;
    const struct grant *grants; /* every user's roles on single trackers */
    size_t ngrants;
    const struct tracker *trackers;
    size_t ntrackers;
    const char *link; /* a one-time link just made, shown once; or NULL */
};

/* /admin/users: each user with their roles and state, and the form that
 * invites someone. */
void render_desk_users(struct buf *b, const struct desk *d,
                       const struct people *p);
/* /admin/users/LOGIN: one user (p->users[0]): display name, roles on
 * every tracker and on each, a new link, second factor, disable. */
void render_desk_user(struct buf *b, const struct desk *d,
                      const struct people *p);
/* /admin/trackers: every tracker, archived or unlisted or not, with the
 * buttons that change it, and the form that makes one. */
void render_desk_trackers(struct buf *b, const struct desk *d,
                          const struct tracker *t, size_t n);
/* The form that makes a tracker (admins): on /admin/trackers and on the
 * desk's first page. */
void render_new_tracker_form(struct buf *b, const struct desk *d);

/* What the page of a one-time link shows. */
struct invite_page {
    const char *token;        /* the link's token, sent back with the form */
    const char *login;        /* whose link it is */
    bool account;             /* an invitation (else a new second factor) */
    const char *display_name; /* the name the admin gave, or NULL */
    const char *secret;       /* the TOTP secret offered, base32 */
    const char *otpauth;      /* and as an otpauth:// URI */
    const char *message;      /* a refusal to show, or NULL */
};

/* /invite?token=...: set a password (an invitation) or prove it (a new
 * second factor), and enrol the offered second factor with its code. */
void render_invite_page(struct buf *b, const struct site *s,
                        const struct invite_page *p);
/* The page of a link that is not open (used, replaced, expired). */
void render_invite_closed(struct buf *b, const struct site *s);

#endif
