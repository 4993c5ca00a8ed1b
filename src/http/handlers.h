/*
 * handlers.h: the route handlers, one per route of routes.c. Each head
 * comment in the .c files is its route.
 */
#ifndef VIGIL_HTTP_HANDLERS_H
#define VIGIL_HTTP_HANDLERS_H

#include "http/request.h"

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
int metrics_text(struct req *r);

/* live.c: the Server-Sent Events stream; answers 0 once subscribed (the
 * dispatcher then streams r->stream), or an error status. */
int live_subscribe(struct req *r);

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

#endif
