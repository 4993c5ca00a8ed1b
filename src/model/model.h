/*
 * model.h: the records Vigil keeps (DESIGN §2), as plain data.
 *
 * These structs travel between store (which loads and saves them) and core
 * (which validates them and derives figures): both include model/, which
 * includes neither, so the layers have no cycle (tests/cli/layers.sh). Strings
 * are lent: records loaded from the store keep them in the caller's arena;
 * records built from input point into the input. Times are UTC seconds since
 * the epoch; dates that are only dates stay struct vg_date (year 0: none).
 */
#ifndef VIGIL_MODEL_MODEL_H
#define VIGIL_MODEL_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "util/date.h"

/* ==== Enumerations (names as stored and exported: enums.c) ==== */

enum tracker_status { TRACKER_LIVE, TRACKER_PAUSED, TRACKER_ENDED };

enum source_kind {
    SOURCE_NGO,
    SOURCE_INTERGOVERNMENTAL,
    SOURCE_GOVERNMENT,
    SOURCE_OPPOSITION,
    SOURCE_MEDIA,
    SOURCE_MONITOR,
    SOURCE_WITNESS,
    SOURCE_OTHER,
};

enum update_kind {
    UPDATE_UPDATE,
    UPDATE_STATEMENT,
    UPDATE_NEWS_BRIEF,
    UPDATE_CORRECTION,
};

enum update_status {
    UPDATE_DRAFT,
    UPDATE_SCHEDULED,
    UPDATE_PUBLISHED,
    UPDATE_RETRACTED,
};

enum qualifier {
    QUAL_EXACT,
    QUAL_AT_LEAST,
    QUAL_MORE_THAN,
    QUAL_ABOUT,
    QUAL_UP_TO,
    QUAL_RANGE,
};

enum claim_status {
    CLAIM_REPORTED,
    CLAIM_VERIFIED,
    CLAIM_DISPUTED,
    CLAIM_RETRACTED,
};

/* Roles are bits: a user may hold several. */
enum role {
    ROLE_CONTRIBUTOR = 1 << 0,
    ROLE_EDITOR = 1 << 1,
    ROLE_VERIFIER = 1 << 2,
    ROLE_CUSTODIAN = 1 << 3,
    ROLE_ADMIN = 1 << 4,
    ROLE_ALL = (1 << 5) - 1, /* the host's CLI */
};

/* ==== Records ==== */

struct tracker {
    int64_t id;
    const char *slug; /* [a-z0-9-], unique, in every URL */
    const char *title;
    const char *summary;       /* plain text, may be "" */
    struct vg_date started_on; /* day 1 */
    struct vg_date ended_on;   /* year 0 while live */
    const char *timezone;      /* IANA name: Day N and day sections */
    enum tracker_status status;
    const char *country;   /* ISO 3166-1 alpha-2, or NULL */
    const char *languages; /* comma-separated BCP 47 tags, first = main */
    int64_t created_at;
    int64_t archived_at;       /* 0 unless archived: read-only, still public */
    bool unlisted;             /* off the index and the list of trackers */
    bool bylines;              /* updates show their author's display name */
    bool gregorian_beside;     /* dates in another calendar show the Gregorian
                                  one beside them */
    const char *frame_origins; /* origins that may frame /t/SLUG/embed,
                                  space-separated; "" for none */
};

struct source {
    int64_t id;
    const char *slug; /* [a-z0-9-], unique across trackers; a tracker
                         lists the sources linked to it */
    const char *name;
    enum source_kind kind;
    const char *url;   /* or NULL */
    const char *note;  /* affiliation note, or NULL */
    const char *grade; /* "A".."F" reliability, or NULL */
    int64_t created_at;
};

/* Another name a source goes by ("Georgia's Public Defender" for the
 * Public Defender of Georgia), matched as its name is. */
struct source_alias {
    int64_t id;
    int64_t source_id;
    const char *alias;
    int64_t created_at;
    const char *source_slug; /* joined when loaded */
};

struct metric {
    int64_t id;
    int64_t tracker_id;
    const char *key;   /* [a-z0-9_], unique in its tracker */
    const char *label; /* "Killed" */
    int64_t position;  /* display order, ascending */
};

/* One revision of an update; the current state is its latest revision. */
struct media_record;

struct update {
    int64_t id;
    int64_t tracker_id;
    int64_t number; /* per tracker, from 1: /t/SLUG/u/NUMBER */
    int64_t rev_no; /* this revision, from 1 */
    enum update_kind kind;
    enum update_status status;
    bool pinned;
    bool key_event;
    const char *lang;  /* BCP 47 tag, or NULL for the tracker's */
    const char *title; /* may be "" */
    const char *body_md;
    const char *body_html; /* rendered once, when the revision was saved */
    const char *author;    /* who made this revision */
    const char *reason;    /* create, edit, retract, pin, unpin, key, unkey */
    int64_t created_at;    /* when the update was first saved */
    int64_t revised_at;    /* when this revision was saved */
    int64_t published_at;  /* 0 while never published */
    /* When its title or body last changed after readers saw it (0:
     * never): what public pages call "edited". Kept on the head only. */
    int64_t edited_at;
    /* The display name of who wrote the update (its first revision's
     * author), filled only for a tracker that shows bylines (core/
     * bylines.h); NULL otherwise or when the author has none. */
    const char *byline;
    /* The first image of the media store its body shows, filled for the
     * feeds (core/images.h images_fill); NULL otherwise or when none. */
    const struct media_record *image;
    /* Its embedded post or video (core/embeds.h), filled only where it is
     * shown; NULL otherwise or when it has none. */
    const struct embed *embed;
    /* Joined when loaded; ignored when saving (store_update_corrects
     * records the link). */
    int64_t corrects;     /* the number of the update this one corrects, or
                             0 (kind correction only) */
    int64_t corrected_by; /* the newest published update correcting this
                             one, or 0 */
};

/* A post from elsewhere, or a video, that an update shows (core/embeds.h):
 * one row of the append-only update_embeds, the update's latest of which
 * stands. Nothing in it was fetched: the editor typed or confirmed it, so
 * the quote stays whatever happens to the post. A row whose platform is
 * "none" takes the update's embed away. */
struct media_record;
struct embed {
    int64_t seq;
    int64_t update_id;
    int64_t number;           /* the update's, joined when loaded */
    int64_t rev_no;           /* the update's revision saved with it */
    const char *platform;     /* core/platforms.h key: "x", ..., "video" */
    const char *url;          /* canonical https URL */
    const char *handle;       /* "@user", a channel, or NULL */
    const char *post_id;      /* the platform's id of the post, or NULL */
    const char *author;       /* as the editor typed or confirmed it */
    struct vg_date posted_on; /* when it was posted (year 0: unknown) */
    const char *quote;        /* its text, may be "" (a video) */
    int64_t captured_at;      /* when the editor copied it */
    const char *still;        /* the key (SHA-256, 64 hex) of a still in
                                 the tracker's media, or NULL */
    const struct media_record *still_image; /* it, loaded by embeds_fill
                                               (NULL when not loaded) */
    int64_t duration_s; /* a video's length in seconds, 0: unknown */
    const char *source; /* a video's source (who filmed it), or NULL */
    const char *recorded_by;
    int64_t recorded_at;
};

/* A published claim withdrawn (DESIGN §2): retracted, or corrected by a
 * newer claim that supersedes it. Both go through the two-person rule:
 * one person proposes, another approves. */
struct retraction {
    const char *reason;   /* why, one line; NULL: the claim stands */
    int64_t at;           /* when it was approved */
    int64_t corrected_by; /* the number of the claim correcting it, or 0 */
    const char *proposed_by, *approved_by;
};

struct claim {
    int64_t id;
    int64_t tracker_id;
    int64_t number; /* per tracker, from 1 */
    int64_t metric_id;
    int64_t source_id;
    enum qualifier qualifier;
    int64_t low;       /* the figure, or the range's low end */
    int64_t high;      /* the range's high end; -1 when not a range */
    const char *words; /* a vague amount's words ("hundreds"), or NULL */
    struct vg_date as_of;
    const char *url;   /* citation, or NULL */
    const char *quote; /* the sentence it came from, or NULL */
    const char *note;  /* or NULL */
    const char *scope; /* a place or region it is limited to, or NULL */
    enum claim_status status;
    const char *recorded_by;
    int64_t recorded_at;
    /* Joined for display when loaded; ignored when saving. */
    const char *metric_key;
    const char *source_slug;
    const char *source_name;
    struct retraction retraction; /* reason NULL unless withdrawn */
    int64_t corrects; /* the number of the claim this one corrects, or 0 */
};

enum { TOTP_SECRET_LEN = 20, TOKEN_HASH_LEN = 32 };

struct user {
    int64_t id;
    const char *login;
    const char *pwhash; /* "$argon2id$...", "" until an invitee sets one */
    unsigned roles;     /* enum role bits, held on every tracker */
    bool disabled;
    int64_t created_at;
    bool has_totp;                        /* enrolled in the second factor */
    uint8_t totp_secret[TOTP_SECRET_LEN]; /* valid when has_totp */
    int64_t totp_step;        /* the last 30-second step a code was used for */
    const char *display_name; /* the byline (a pseudonym will do), or NULL */
    const char *lang; /* the desk's language (i18n.h), or NULL: English */
};

/* Roles a user holds on one tracker only, besides their global ones
 * (admin is never one of them). */
struct grant {
    int64_t user_id;
    int64_t tracker_id;
    unsigned roles; /* enum role bits */
    /* Joined when loaded. */
    const char *login;
    const char *tracker_slug;
};

/* A one-time link a person follows to set their first password and
 * second factor, or a new second factor after an admin reset it. Only
 * the SHA-256 of its token is kept. */
enum invite_purpose { INVITE_ACCOUNT, INVITE_SECOND_FACTOR };

struct invite {
    int64_t id;
    uint8_t token_hash[TOKEN_HASH_LEN];
    int64_t user_id;
    enum invite_purpose purpose;
    const char *created_by;
    int64_t created_at;
    int64_t expires_at;
    int64_t closed_at; /* 0 while open; set when used or replaced */
};

/* A signed-in browser (or the sign-in form before it). Only the SHA-256
 * of the cookie's token is stored. */
struct session {
    uint8_t token_hash[TOKEN_HASH_LEN];
    int64_t user_id;  /* 0: the session of a sign-in form */
    const char *csrf; /* the token every state-changing request carries */
    int64_t created_at;
    int64_t seen_at;
    /* Joined from the user when loaded. */
    const char *login;
    unsigned roles;
    bool disabled;
    const char *lang; /* the desk's language, or NULL */
};

/* A token a script authenticates with (Authorization: Bearer). */
struct api_token {
    int64_t id;
    uint8_t token_hash[TOKEN_HASH_LEN];
    int64_t user_id;
    const char *label;
    int64_t created_at;
    int64_t revoked_at; /* 0 while valid */
    /* Joined from the user when loaded. */
    const char *login;
    unsigned roles;
    bool disabled;
};

/* The text of a desk form as its writer left it, kept while they write
 * (core/editing.h). Not a record: it has no revision or audit row, and
 * goes once the form is saved or the text discarded. */
struct autosave {
    int64_t user_id;
    int64_t tracker_id;
    int64_t number;    /* the update being edited; 0: a new update */
    int64_t base_rev;  /* the revision an edit started from; 0: none */
    const char *title; /* may be "" */
    const char *body;  /* may be "" */
    const char *kind;  /* an update kind's name, or NULL */
    int64_t saved_at;
};

/* Someone who has an update (or the new-update form) open on the desk. */
struct presence {
    const char *login;
    int64_t seen_at; /* the last time their page said so */
};

/* A figure waiting for a second person (the two-person rule, DESIGN §2):
 * claim holds the figure as proposed (number 0, recorded_by the proposer)
 * until a verifier approves it into a claim. */
enum proposal_state { PROPOSAL_PENDING, PROPOSAL_APPROVED, PROPOSAL_REJECTED };

/* What approval does: publish a new claim, retract claim `target`, or
 * publish the new claim as the correction of claim `target`. */
enum proposal_kind { PROPOSAL_ADD, PROPOSAL_RETRACT, PROPOSAL_CORRECT };

struct proposal {
    int64_t id;
    struct claim claim; /* for a retraction, the claim withdrawn */
    enum proposal_kind kind;
    int64_t target;     /* the claim number retracted or corrected, or 0 */
    const char *reason; /* why (retract, correct), or NULL */
    enum proposal_state state;
    const char *decided_by; /* or NULL while pending */
    int64_t decided_at;
    int64_t claim_number; /* the claim it became, once approved */
};

/* Something that happened, where (DESIGN §2), with ACLED's fields. */
enum event_status { EVENT_PUBLISHED, EVENT_RETRACTED };

struct event {
    int64_t id;
    int64_t tracker_id;
    int64_t number; /* per tracker, from 1 */
    int64_t rev_no;
    struct vg_date date;     /* the day, or a range's first day */
    struct vg_date end_date; /* a range's last day, or year 0 */
    int time_precision;      /* ACLED: 1 day, 2 week, 3 month */
    const char *type;        /* "Protests" */
    const char *sub_type;    /* "Peaceful protest" */
    const char *location;    /* the place as named: "Mīāndoāb" */
    const char *country;     /* ISO 3166-1 alpha-2 */
    const char *admin1;      /* the region's name, or NULL */
    bool has_coords;
    int64_t lat_e5, lon_e5; /* degrees x 100,000 */
    int geo_precision;      /* ACLED: 1 town, 2 near or part of, 3 region */
    const char *actor1, *actor2; /* or NULL */
    bool has_size;               /* a crowd size was reported */
    enum qualifier size_qualifier;
    int64_t size_low, size_high; /* high -1 unless a range */
    const char *size_words;      /* "hundreds", or NULL */
    int64_t fatalities;          /* -1: not reported */
    int64_t source_id;           /* 0: none */
    const char *url, *notes;
    enum event_status status;
    const char *recorded_by;
    int64_t recorded_at;
    /* Joined when loaded. */
    const char *source_slug, *source_name;
    int source_kind; /* enum source_kind, or -1 */
};

/* A person in the victims registry, as stored: public fields as JSON,
 * the others sealed (core/victims.h opens them). */
enum victim_status { VICTIM_RECORDED, VICTIM_PURGED };

struct victim {
    int64_t id;
    int64_t tracker_id;
    int64_t number;
    int64_t rev_no;
    const char *public_json; /* the fields anyone may read */
    const uint8_t *sealed;   /* nonce and ciphertext, or NULL */
    size_t sealed_len;
    const uint8_t *wrapped_key; /* NULL once purged */
    size_t wrapped_len;
    enum victim_status status;
    const char *recorded_by;
    int64_t recorded_at;
};

/* One row of the audit log: who did what, with the state before and after
 * as JSON objects (NULL when the entity did not exist before). */
struct audit_entry {
    int64_t seq;
    int64_t at;
    const char *actor;
    const char *action; /* "update.edit" */
    const char *entity; /* "tracker:iran-nov-2019/update:3" */
    const char *before;
    const char *after;
};

/* One entry of the change log: something readers see changed, written in
 * the same transaction as the change. The live hub turns each into an
 * event; seq is the event id readers resume from. */
enum change_kind {
    CHANGE_TRACKER, /* the tracker's own details, or a whole import */
    CHANGE_UPDATE,  /* update `number` has a new revision */
    CHANGE_FIGURES, /* claims or metrics: the highlights changed */
};

struct change {
    int64_t seq;
    int64_t tracker_id;
    enum change_kind kind;
    int64_t number; /* the update's number (CHANGE_UPDATE), else 0 */
    int64_t at;
};

/* ==== Media (core/images.h; media/media.h makes the files) ====
 *
 * An image is kept as renditions only, each a file named by the SHA-256
 * of its bytes (content-addressed, shared by whatever shows it). A media
 * record gives one set of renditions its words: alt text, caption and
 * credit. Its key is the hash of its largest WebP rendition, and an edit
 * of its words is a new revision (rev_no) under the same key. */
struct media_file {
    const char *sha256; /* lower-case hex of bytes */
    const char *format; /* "webp" or "jpg": the extension it is served as */
    int64_t width, height;
    const uint8_t *bytes; /* NULL when loaded without them */
    size_t len;
};

struct media_record {
    int64_t id;
    int64_t tracker_id;
    const char *key; /* the set's name: its largest WebP's sha256 */
    int64_t rev_no;
    const char *alt;              /* required */
    const char *caption, *credit; /* NULL when not given */
    bool credit_withheld;         /* "withheld for safety" */
    int64_t width, height;        /* the largest rendition, pixels */
    const char *created_by;
    int64_t created_at;
    struct media_file *files; /* by width, WebP before JPEG */
    size_t nfiles;
};

/* Which events a list holds: every field NULL or zero means all. */
struct event_filter {
    const char *type;        /* ACLED event type */
    const char *location;    /* the place's name as recorded */
    struct vg_date from, to; /* event dates within [from, to] */
    bool with_retracted;
};

/* ==== Webhooks (core/webhooks.h; http/courier.h delivers) ==== */

/* Where a tracker's changes are sent. secret is 64 hex digits, shown to
 * whoever adds the webhook and used as the text of its HMAC key. */
struct webhook {
    int64_t id;
    int64_t tracker_id;
    const char *url; /* http:// or https:// */
    const char *secret;
    const char *kinds; /* comma-separated kind names (core/webhooks.h) */
    const char *created_by;
    int64_t created_at;
    /* Joined when listed. */
    const char *tracker_slug;
    int64_t pending;   /* outbox rows not yet delivered */
    int64_t delivered; /* outbox rows delivered */
};

/* One attempt the delivery thread is to make: an outbox row taken, with
 * its webhook's address and secret. */
struct delivery {
    int64_t id; /* the outbox row */
    int64_t webhook_id;
    const char *url, *secret;
    const char *kind;    /* "update.published" */
    const char *payload; /* JSON, sent as it was built */
    const char *key;     /* the Idempotency-Key */
    int64_t attempts;    /* made before this one */
};

#endif
