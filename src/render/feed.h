/*
 * feed.h: a tracker's updates as Atom (RFC 4287) and JSON Feed 1.1
 * (https://www.jsonfeed.org/version/1.1/).
 *
 * Both feeds carry the head of the updates' hash chain (the hex hash of
 * the last update_rev row, DESIGN §2, reference/security.md C2), so that
 * anyone who keeps copies can tell when published history was rewritten:
 * in Atom as <vigil:chain-head> in the FEED_NS namespace, in JSON Feed as
 * "_vigil": {"chain_head"}. Entries are the published and retracted
 * updates given, at most FEED_UPDATES; a retracted one keeps its text and
 * is titled "Retracted: ...", a corrected one links to its correction.
 * The claims withdrawn (retracted, or corrected by a newer claim), at most
 * FEED_UPDATES, are entries too, with the reason, merged with the updates
 * by time; their id is the claim's row on its metric's page. Links and
 * ids are absolute URLs under the site's base_url. Output is
 * deterministic: the same records give the same bytes.
 */
#ifndef VIGIL_RENDER_FEED_H
#define VIGIL_RENDER_FEED_H

#include <stddef.h>

#include "model/model.h"
#include "render/layout.h"
#include "util/buf.h"

/* The XML namespace of Vigil's Atom extensions. It is a name, not a page:
 * it stays the same whatever address a site is served from, and changes
 * only if the meaning of the elements does ("/1"). */
#define FEED_NS "https://vigil.example/ns/1"

enum { FEED_UPDATES = 50 }; /* entries in a feed, newest first */

/*
 * Appends the Atom feed of tracker t with updates u[0..n) (newest first;
 * drafts and scheduled ones are skipped, entries after FEED_UPDATES are
 * left out) and the withdrawn ones of its claims c[0..nc) (any order).
 * chain_head is 64 hex digits, or "" for an empty chain. Text goes
 * through xml_text, so characters XML forbids are dropped. Content type:
 * "application/atom+xml; charset=utf-8".
 */
void render_atom(struct buf *b, const struct site *s, const struct tracker *t,
                 const struct update *u, size_t n, const struct claim *c,
                 size_t nc, const char *chain_head);

/*
 * Appends the same feed as JSON Feed 1.1 ("_vigil" holds the chain head,
 * null for an empty chain; each item's "_vigil" its "update" or "claim"
 * number and its status).
 * Returns 0, or VG_EINVAL (appending nothing) when a record could not be
 * encoded as JSON (text that is not UTF-8). Content type:
 * "application/feed+json; charset=utf-8".
 */
int render_json_feed(struct buf *b, const struct site *s,
                     const struct tracker *t, const struct update *u, size_t n,
                     const struct claim *c, size_t nc, const char *chain_head);

#endif
