/*
 * handlers.h: the route handlers, one per route of routes.c. Each head
 * comment in the .c files is its route.
 */
#ifndef VIGIL_HTTP_HANDLERS_H
#define VIGIL_HTTP_HANDLERS_H

#include "http/request.h"
#include "render/admin.h"

/* pages.c: HTML for readers */
int page_index(struct req *r);
int page_sources(struct req *r);
int page_live(struct req *r);
int page_update(struct req *r);
int page_day(struct req *r);
int page_days(struct req *r);
int page_tallies(struct req *r);
int page_tally(struct req *r);
int page_lite(struct req *r);
int static_file(struct req *r);
int favicon(struct req *r);
int page_embed(struct req *r);
int embed_script(struct req *r);
int oembed(struct req *r);
int metrics_text(struct req *r);
int healthz(struct req *r);
int readyz(struct req *r);

/* seo.c: for search engines */
int robots_txt(struct req *r);
int sitemap_index(struct req *r);
int sitemap_tracker(struct req *r);

/* live.c: the Server-Sent Events stream; answers 0 once subscribed (the
 * dispatcher then streams r->stream), or an error status. */
int live_subscribe(struct req *r);
/* What live_subscribe does, for any transport: subscribes the reader of
 * the tracker named by r's parameter 0, from client address sa, resuming
 * after the Last-Event-ID last_id or else the ?after= value (either
 * NULL), on connection conn parked and woken by t (hub.h; NULL: the
 * hub's). Returns 0 with r->stream set, or an error status. */
struct hub_transport;
struct sockaddr;
int live_join(struct req *r, const struct sockaddr *sa, const char *last_id,
              const char *after, const struct hub_transport *t, void *conn);

/* feeds.c: Atom and JSON Feed */
int feed_atom(struct req *r);
int feed_json(struct req *r);

/* api.c: the read API */
int api_trackers(struct req *r);
int api_tracker(struct req *r);
int api_updates(struct req *r);
int api_update(struct req *r);
int api_claims(struct req *r);
int api_sources(struct req *r);
int api_description(struct req *r);

/* search.c: the search pages */
int page_search_all(struct req *r);
int page_search(struct req *r);
int desk_search(struct req *r);

/* events.c: events, their page and exports */
int page_events(struct req *r);
int page_place(struct req *r);
int export_csv(struct req *r);
int export_geojson(struct req *r);
int api_events(struct req *r);
int api_add_event(struct req *r);
int api_edit_event(struct req *r);
int api_retract_event(struct req *r);

/* signin.c: signing in and out */
int page_login(struct req *r);
/* For a desk form sent without a session (its text kept: R_KEEPS): the
 * sign-in form carrying the text, which signing in keeps for the user
 * and puts back in the form (401); or, for a form without text or not
 * sent from this site, 303 to /login. */
int signin_keeping(struct req *r);
int signin_form(struct req *r);
int signout_form(struct req *r);
int page_password(struct req *r);
int password_form(struct req *r);
int desk_own_name(struct req *r);
int desk_own_lang(struct req *r);
int page_invite(struct req *r);
int invite_form(struct req *r);
int api_login(struct req *r);
int api_logout(struct req *r);
int api_me(struct req *r);

/* write.c: the write API */
int api_post_update(struct req *r);
int api_edit_update(struct req *r);
int api_update_act(struct req *r);
int api_drafts(struct req *r);
int api_proposals(struct req *r);
int api_propose(struct req *r);
int api_approve(struct req *r);
int api_reject(struct req *r);
int api_retract_claim(struct req *r);
int api_correct_claim(struct req *r);
int api_add_source(struct req *r);
int api_add_metric(struct req *r);
int api_create_tracker(struct req *r);
int api_set_tracker(struct req *r);
int api_audit(struct req *r);

/* victims.c: the victims registry (the memorial, the API and the desk) */
int page_victims(struct req *r);
int api_add_victim(struct req *r);
int api_victim(struct req *r);
int desk_victims(struct req *r);
int desk_victim(struct req *r);
int desk_add_victim(struct req *r);
int api_edit_victim(struct req *r);
int desk_edit_victim(struct req *r);

/* extract.c: proposals from an article, as JSON */
int api_extract(struct req *r);

/* desk.c: the editors' pages, and who each is for (the principal's
 * login, roles and CSRF token, for render/admin.h) */
struct desk desk_of(struct req *r);
/* desk.c: the editors' pages */
int desk_index(struct req *r);
int desk_tracker(struct req *r);
int desk_post(struct req *r);
int desk_update(struct req *r);
int desk_edit(struct req *r);
int desk_autosave(struct req *r);
int desk_update_act(struct req *r);
int desk_claims(struct req *r);
int desk_propose(struct req *r);
int desk_approve(struct req *r);
int desk_reject(struct req *r);
int desk_retract_claim(struct req *r);
int desk_correct(struct req *r);
int desk_correct_claim(struct req *r);
int desk_settings(struct req *r);
int desk_save_settings(struct req *r);
int desk_add_metric(struct req *r);
int desk_create_tracker(struct req *r);
int desk_events(struct req *r);
int desk_add_event(struct req *r);
int desk_event(struct req *r);
int desk_edit_event(struct req *r);
int desk_retract_event(struct req *r);
int desk_extract(struct req *r);
int desk_extract_run(struct req *r);
int desk_sources(struct req *r);
int desk_add_source(struct req *r);
int desk_tracker_sources(struct req *r);
int desk_link_source(struct req *r);
int desk_add_alias(struct req *r);
int desk_audit(struct req *r);

/* manage.c: the admins' pages: people and trackers */
int desk_users(struct req *r);
int desk_invite(struct req *r);
int desk_user(struct req *r);
int desk_user_roles(struct req *r);
int desk_user_name(struct req *r);
int desk_user_invite(struct req *r);
int desk_user_totp(struct req *r);
int desk_user_disable(struct req *r);
int desk_user_enable(struct req *r);
int desk_trackers(struct req *r);
int desk_archive(struct req *r);
int desk_unarchive(struct req *r);
int desk_unlist(struct req *r);
int desk_list(struct req *r);
/* webhooks.c: a tracker's webhooks, for admins */
int desk_webhooks(struct req *r);
int desk_add_webhook(struct req *r);
int desk_remove_webhook(struct req *r);

/* media.c: images uploaded, served and shown on the desk. */
int media_file(struct req *r);
int api_add_media(struct req *r);
int api_redact_media(struct req *r);
int api_keep_media(struct req *r);
int api_discard_media(struct req *r);
int desk_media(struct req *r);
int desk_add_media(struct req *r);
int desk_media_item(struct req *r);
int desk_pending_media(struct req *r);
int desk_pending_file(struct req *r);
int desk_keep_media(struct req *r);
int desk_redact_media(struct req *r);
int desk_discard_media(struct req *r);

#endif
