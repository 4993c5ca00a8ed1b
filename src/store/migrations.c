/*
 * migrations.c: Vigil's schema, one migration per entry.
 *
 * Conventions: STRICT tables; times as TEXT "YYYY-MM-DDTHH:MM:SSZ" (UTC),
 * dates as TEXT "YYYY-MM-DD"; enumerations as their names (model/enums.c),
 * checked here too so that no path can store an unknown one. Tables named
 * *_rev, audit_log, the records of corrections (claim_retractions,
 * update_corrections) and update_embeds are append-only: triggers refuse
 * UPDATE and DELETE, and their last two columns are prev_hash and hash
 * (util/chain.h), which cover every column before them in table order
 * (and, for an event_rev row with an empty body, its event's recorded
 * columns: migration 7).
 */
#include "store/migrations.h"

#include "store/rows.h"
#include "store/sqlite_int.h"

#define APPEND_ONLY(t)                                           \
    "CREATE TRIGGER " t "_no_update BEFORE UPDATE ON " t         \
    " BEGIN SELECT RAISE(ABORT, '" t " is append-only'); END;\n" \
    "CREATE TRIGGER " t "_no_delete BEFORE DELETE ON " t         \
    " BEGIN SELECT RAISE(ABORT, '" t " is append-only'); END;\n"

static const char migration_1[] =
    "CREATE TABLE trackers (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  slug TEXT NOT NULL UNIQUE,\n"
    "  title TEXT NOT NULL,\n"
    "  summary TEXT NOT NULL,\n"
    "  started_on TEXT NOT NULL,\n"
    "  ended_on TEXT,\n"
    "  timezone TEXT NOT NULL,\n"
    "  status TEXT NOT NULL CHECK (status IN ('live','paused','ended')),\n"
    "  country TEXT,\n"
    "  languages TEXT NOT NULL,\n"
    "  created_at TEXT NOT NULL\n"
    ") STRICT;\n"
    "CREATE TABLE sources (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  slug TEXT NOT NULL UNIQUE,\n"
    "  name TEXT NOT NULL,\n"
    "  kind TEXT NOT NULL CHECK (kind IN ('ngo','intergovernmental',\n"
    "    'government','opposition','media','monitor','witness','other')),\n"
    "  url TEXT,\n"
    "  note TEXT,\n"
    "  grade TEXT CHECK (grade IN ('A','B','C','D','E','F')),\n"
    "  created_at TEXT NOT NULL\n"
    ") STRICT;\n"
    "CREATE TABLE metrics (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  tracker_id INTEGER NOT NULL REFERENCES trackers(id),\n"
    "  key TEXT NOT NULL,\n"
    "  label TEXT NOT NULL,\n"
    "  position INTEGER NOT NULL,\n"
    "  UNIQUE (tracker_id, key)\n"
    ") STRICT;\n"
    /* updates: the current revision of each update (a head table, rewritten
     * in the same transaction as each new revision). */
    "CREATE TABLE updates (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  tracker_id INTEGER NOT NULL REFERENCES trackers(id),\n"
    "  number INTEGER NOT NULL,\n"
    "  rev_no INTEGER NOT NULL,\n"
    "  kind TEXT NOT NULL CHECK (kind IN ('update','statement',\n"
    "    'news-brief','correction')),\n"
    "  status TEXT NOT NULL CHECK (status IN ('draft','scheduled',\n"
    "    'published','retracted')),\n"
    "  pinned INTEGER NOT NULL CHECK (pinned IN (0,1)),\n"
    "  key_event INTEGER NOT NULL CHECK (key_event IN (0,1)),\n"
    "  lang TEXT,\n"
    "  title TEXT NOT NULL,\n"
    "  body_md TEXT NOT NULL,\n"
    "  body_html TEXT NOT NULL,\n"
    "  author TEXT NOT NULL,\n"
    "  reason TEXT NOT NULL,\n"
    "  created_at TEXT NOT NULL,\n"
    "  revised_at TEXT NOT NULL,\n"
    "  published_at TEXT,\n"
    "  UNIQUE (tracker_id, number)\n"
    ") STRICT;\n"
    "CREATE INDEX updates_by_time ON updates (tracker_id, published_at);\n"
    "CREATE TABLE update_rev (\n"
    "  seq INTEGER PRIMARY KEY,\n"
    "  update_id INTEGER NOT NULL REFERENCES updates(id),\n"
    "  rev_no INTEGER NOT NULL,\n"
    "  kind TEXT NOT NULL,\n"
    "  status TEXT NOT NULL,\n"
    "  pinned INTEGER NOT NULL,\n"
    "  key_event INTEGER NOT NULL,\n"
    "  lang TEXT,\n"
    "  title TEXT NOT NULL,\n"
    "  body_md TEXT NOT NULL,\n"
    "  body_html TEXT NOT NULL,\n"
    "  author TEXT NOT NULL,\n"
    "  reason TEXT NOT NULL,\n"
    "  created_at TEXT NOT NULL,\n"
    "  revised_at TEXT NOT NULL,\n"
    "  published_at TEXT,\n"
    "  prev_hash BLOB NOT NULL,\n"
    "  hash BLOB NOT NULL,\n"
    "  UNIQUE (update_id, rev_no)\n"
    ") STRICT;\n" APPEND_ONLY(
        "update_rev") "CREATE TABLE claims (\n"
                      "  id INTEGER PRIMARY KEY,\n"
                      "  tracker_id INTEGER NOT NULL REFERENCES trackers(id),\n"
                      "  number INTEGER NOT NULL,\n"
                      "  metric_id INTEGER NOT NULL REFERENCES metrics(id),\n"
                      "  source_id INTEGER NOT NULL REFERENCES sources(id),\n"
                      "  qualifier TEXT NOT NULL CHECK (qualifier IN "
                      "('exact','at_least',\n"
                      "    'more_than','about','up_to','range')),\n"
                      "  low INTEGER NOT NULL CHECK (low >= 0),\n"
                      "  high INTEGER CHECK (high IS NULL OR high >= low),\n"
                      "  words TEXT,\n"
                      "  as_of TEXT NOT NULL,\n"
                      "  url TEXT,\n"
                      "  quote TEXT,\n"
                      "  note TEXT,\n"
                      "  scope TEXT,\n"
                      "  status TEXT NOT NULL CHECK (status IN "
                      "('reported','verified',\n"
                      "    'disputed','retracted')),\n"
                      "  recorded_by TEXT NOT NULL,\n"
                      "  recorded_at TEXT NOT NULL,\n"
                      "  UNIQUE (tracker_id, number)\n"
                      ") STRICT;\n"
                      "CREATE INDEX claims_by_metric ON claims (metric_id, "
                      "as_of);\n"
                      /* claim_rev: a claim's figure never changes (a new figure
                       * is a new claim); its revisions record status changes.
                       */
                      "CREATE TABLE claim_rev (\n"
                      "  seq INTEGER PRIMARY KEY,\n"
                      "  claim_id INTEGER NOT NULL REFERENCES claims(id),\n"
                      "  rev_no INTEGER NOT NULL,\n"
                      "  metric_id INTEGER NOT NULL,\n"
                      "  source_id INTEGER NOT NULL,\n"
                      "  qualifier TEXT NOT NULL,\n"
                      "  low INTEGER NOT NULL,\n"
                      "  high INTEGER,\n"
                      "  words TEXT,\n"
                      "  as_of TEXT NOT NULL,\n"
                      "  url TEXT,\n"
                      "  quote TEXT,\n"
                      "  note TEXT,\n"
                      "  scope TEXT,\n"
                      "  status TEXT NOT NULL,\n"
                      "  author TEXT NOT NULL,\n"
                      "  revised_at TEXT NOT NULL,\n"
                      "  prev_hash BLOB NOT NULL,\n"
                      "  hash BLOB NOT NULL,\n"
                      "  UNIQUE (claim_id, rev_no)\n"
                      ") STRICT;\n" APPEND_ONLY(
                          "claim_rev") "CREATE TABLE users (\n"
                                       "  id INTEGER PRIMARY KEY,\n"
                                       "  login TEXT NOT NULL UNIQUE,\n"
                                       "  pwhash TEXT NOT NULL,\n"
                                       "  roles TEXT NOT NULL,\n"
                                       "  disabled INTEGER NOT NULL CHECK "
                                       "(disabled IN (0,1)),\n"
                                       "  created_at TEXT NOT NULL\n"
                                       ") STRICT;\n"
                                       "CREATE TABLE audit_log (\n"
                                       "  seq INTEGER PRIMARY KEY,\n"
                                       "  at TEXT NOT NULL,\n"
                                       "  actor TEXT NOT NULL,\n"
                                       "  action TEXT NOT NULL,\n"
                                       "  entity TEXT NOT NULL,\n"
                                       "  before TEXT,\n"
                                       "  after TEXT,\n"
                                       "  prev_hash BLOB NOT NULL,\n"
                                       "  hash BLOB NOT NULL\n"
                                       ") STRICT;\n" APPEND_ONLY("audit_log");

/* The change log the live hub reads (model/model.h, struct change). */
static const char migration_2[] =
    "CREATE TABLE changes (\n"
    "  seq INTEGER PRIMARY KEY,\n"
    "  tracker_id INTEGER NOT NULL REFERENCES trackers(id),\n"
    "  kind TEXT NOT NULL CHECK (kind IN ('tracker','update','figures')),\n"
    "  number INTEGER NOT NULL,\n"
    "  at TEXT NOT NULL\n"
    ") STRICT;\n"
    "CREATE INDEX changes_by_tracker ON changes (tracker_id, seq);\n";

/* The live page's list of updates, newest first, and its pinned update,
 * read from indexes: its cost does not grow with the history. */
static const char migration_3[] =
    "CREATE INDEX updates_public ON updates "
    "(tracker_id, published_at, number);\n"
    "CREATE INDEX updates_pinned ON updates (tracker_id, number) "
    "WHERE pinned = 1;\n";

/* Editors at work (issue 5): the second factor, sessions, API tokens,
 * per-install secrets, and claims waiting for a verifier. */
static const char migration_4[] =
    /* TOTP (RFC 6238): the secret, NULL until enrolled, and the last time
     * step a code was accepted for (codes are single-use). */
    "ALTER TABLE users ADD COLUMN totp_secret BLOB;\n"
    "ALTER TABLE users ADD COLUMN totp_step INTEGER NOT NULL DEFAULT 0;\n"
    /* Only the SHA-256 of a session token is kept; user_id is NULL for the
     * session a sign-in form is served with (replaced at sign-in). */
    "CREATE TABLE sessions (\n"
    "  token_hash BLOB PRIMARY KEY,\n"
    "  user_id INTEGER REFERENCES users(id),\n"
    "  csrf TEXT NOT NULL,\n"
    "  created_at TEXT NOT NULL,\n"
    "  seen_at TEXT NOT NULL\n"
    ") STRICT, WITHOUT ROWID;\n"
    "CREATE INDEX sessions_by_user ON sessions (user_id);\n"
    "CREATE TABLE api_tokens (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  token_hash BLOB NOT NULL UNIQUE,\n"
    "  user_id INTEGER NOT NULL REFERENCES users(id),\n"
    "  label TEXT NOT NULL,\n"
    "  created_at TEXT NOT NULL,\n"
    "  revoked_at TEXT\n"
    ") STRICT;\n"
    /* Made at the first start of each install, never shipped. */
    "CREATE TABLE secrets (\n"
    "  name TEXT PRIMARY KEY,\n"
    "  value BLOB NOT NULL\n"
    ") STRICT;\n"
    "INSERT INTO secrets VALUES ('device_key', randomblob(32));\n"
    /* A figure proposed for the highlights waits here until a verifier
     * other than its proposer approves it (the two-person rule); approval
     * inserts the claim. */
    "CREATE TABLE claim_proposals (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  tracker_id INTEGER NOT NULL REFERENCES trackers(id),\n"
    "  metric_id INTEGER NOT NULL REFERENCES metrics(id),\n"
    "  source_id INTEGER NOT NULL REFERENCES sources(id),\n"
    "  qualifier TEXT NOT NULL CHECK (qualifier IN ('exact','at_least',\n"
    "    'more_than','about','up_to','range')),\n"
    "  low INTEGER NOT NULL CHECK (low >= 0),\n"
    "  high INTEGER CHECK (high IS NULL OR high >= low),\n"
    "  words TEXT,\n"
    "  as_of TEXT NOT NULL,\n"
    "  url TEXT,\n"
    "  quote TEXT,\n"
    "  note TEXT,\n"
    "  scope TEXT,\n"
    "  proposed_by TEXT NOT NULL,\n"
    "  proposed_at TEXT NOT NULL,\n"
    "  state TEXT NOT NULL CHECK (state IN ('pending','approved',\n"
    "    'rejected')),\n"
    "  decided_by TEXT,\n"
    "  decided_at TEXT,\n"
    "  claim_number INTEGER\n"
    ") STRICT;\n"
    "CREATE INDEX claim_proposals_by_tracker ON claim_proposals "
    "(tracker_id, state, id);\n"
    /* Scheduled updates carry their publication time in published_at. */
    "CREATE INDEX updates_scheduled ON updates (published_at) "
    "WHERE status = 'scheduled';\n";

/* Events (DESIGN §2, issue 6): what happened where, fields after ACLED's
 * codebook (reference/acled-hxl.md). Coordinates are kept as integers of
 * 1e-5 degrees (about a metre), exact in the hash chain. */
static const char migration_5[] =
    "CREATE TABLE events (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  tracker_id INTEGER NOT NULL REFERENCES trackers(id),\n"
    "  number INTEGER NOT NULL,\n"
    "  rev_no INTEGER NOT NULL,\n"
    "  event_date TEXT NOT NULL,\n"
    "  end_date TEXT,\n"
    "  time_precision INTEGER NOT NULL CHECK (time_precision BETWEEN 1 AND "
    "3),\n"
    "  event_type TEXT NOT NULL,\n"
    "  sub_event_type TEXT NOT NULL,\n"
    "  location TEXT NOT NULL,\n"
    "  country TEXT NOT NULL,\n"
    "  admin1 TEXT,\n"
    "  lat_e5 INTEGER,\n"
    "  lon_e5 INTEGER,\n"
    "  geo_precision INTEGER NOT NULL CHECK (geo_precision BETWEEN 1 AND 3),\n"
    "  actor1 TEXT,\n"
    "  actor2 TEXT,\n"
    "  size_qualifier TEXT,\n"
    "  size_low INTEGER,\n"
    "  size_high INTEGER,\n"
    "  size_words TEXT,\n"
    "  fatalities INTEGER CHECK (fatalities IS NULL OR fatalities >= 0),\n"
    "  source_id INTEGER REFERENCES sources(id),\n"
    "  url TEXT,\n"
    "  notes TEXT,\n"
    "  status TEXT NOT NULL CHECK (status IN ('published','retracted')),\n"
    "  recorded_by TEXT NOT NULL,\n"
    "  recorded_at TEXT NOT NULL,\n"
    "  UNIQUE (tracker_id, number)\n"
    ") STRICT;\n"
    "CREATE INDEX events_by_date ON events (tracker_id, event_date);\n"
    "CREATE TABLE event_rev (\n"
    "  seq INTEGER PRIMARY KEY,\n"
    "  event_id INTEGER NOT NULL REFERENCES events(id),\n"
    "  rev_no INTEGER NOT NULL,\n"
    "  body TEXT NOT NULL,\n"
    "  author TEXT NOT NULL,\n"
    "  revised_at TEXT NOT NULL,\n"
    "  prev_hash BLOB NOT NULL,\n"
    "  hash BLOB NOT NULL,\n"
    "  UNIQUE (event_id, rev_no)\n"
    ") STRICT;\n" APPEND_ONLY("event_rev");

/* The victims registry (DESIGN §2 Victim, issue 6). A field whose
 * visibility is not public is sealed: `sealed` holds the record's
 * private fields as JSON encrypted (XChaCha20-Poly1305) with the
 * record's own key, and `wrapped_key` that key encrypted with the
 * install's master key, which lives in a file outside the database.
 * Purging a record for a person's safety drops its wrapped key: the
 * sealed fields of every revision become unreadable, and the chain of
 * victim_rev still verifies. */
static const char migration_6[] =
    "CREATE TABLE victims (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  tracker_id INTEGER NOT NULL REFERENCES trackers(id),\n"
    "  number INTEGER NOT NULL,\n"
    "  rev_no INTEGER NOT NULL,\n"
    "  public TEXT NOT NULL,\n"
    "  sealed BLOB,\n"
    "  wrapped_key BLOB,\n"
    "  status TEXT NOT NULL CHECK (status IN ('recorded','purged')),\n"
    "  recorded_by TEXT NOT NULL,\n"
    "  recorded_at TEXT NOT NULL,\n"
    "  UNIQUE (tracker_id, number)\n"
    ") STRICT;\n"
    "CREATE TABLE victim_rev (\n"
    "  seq INTEGER PRIMARY KEY,\n"
    "  victim_id INTEGER NOT NULL REFERENCES victims(id),\n"
    "  rev_no INTEGER NOT NULL,\n"
    "  public TEXT NOT NULL,\n"
    "  sealed BLOB,\n"
    "  author TEXT NOT NULL,\n"
    "  revised_at TEXT NOT NULL,\n"
    "  prev_hash BLOB NOT NULL,\n"
    "  hash BLOB NOT NULL,\n"
    "  UNIQUE (victim_id, rev_no)\n"
    ") STRICT;\n" APPEND_ONLY("victim_rev");

/* An event's first revision may carry an empty body: the event row's recorded
 * columns stand for it and its hash covers them (store/sqlite_events.c),
 * so a million imported events are not stored twice. Those columns are
 * therefore fixed once inserted, and events are never deleted. */
static const char migration_7[] =
    "CREATE TRIGGER events_recorded_fixed BEFORE UPDATE OF " EVENT_RECORDED_COLS
    " ON events BEGIN SELECT RAISE(ABORT, "
    "'an event''s recorded fields never change: record a revision'); END;\n"
    "CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN "
    "SELECT RAISE(ABORT, 'events are retracted, never deleted'); END;\n";

/* PostgreSQL's twin makes indexed text compare by its bytes; SQLite's
 * BINARY collation always has. */
static const char migration_8[] = "-- nothing to change\n";

/* What public pages call an edit (updates.edited_at): a change of title or
 * body after readers saw the update, not a pin, a key mark, a publication
 * or a schedule, which are revisions too. Kept on the head; filled here
 * from the revisions for updates saved before. */
static const char migration_9[] =
    "ALTER TABLE updates ADD COLUMN edited_at TEXT;\n"
    "UPDATE updates SET edited_at = (SELECT max(r.revised_at)"
    " FROM update_rev r JOIN update_rev p ON p.update_id = r.update_id"
    " AND p.rev_no = r.rev_no - 1 WHERE r.update_id = updates.id"
    " AND p.status IN ('published', 'retracted')"
    " AND (r.title <> p.title OR r.body_md <> p.body_md));\n";

/* Desk forms being written (core/editing.h), not part of the record: the
 * text an editor is typing, kept per user and update (number 0: a new
 * update) until saved or discarded, and who has an update open. Rows are
 * replaced in place. */
static const char migration_10[] =
    "CREATE TABLE autosaves (\n"
    "  user_id INTEGER NOT NULL REFERENCES users(id),\n"
    "  tracker_id INTEGER NOT NULL REFERENCES trackers(id),\n"
    "  number INTEGER NOT NULL CHECK (number >= 0),\n"
    "  base_rev INTEGER NOT NULL CHECK (base_rev >= 0),\n"
    "  title TEXT NOT NULL,\n"
    "  body TEXT NOT NULL,\n"
    "  kind TEXT,\n"
    "  saved_at TEXT NOT NULL,\n"
    "  PRIMARY KEY (user_id, tracker_id, number)\n"
    ") STRICT, WITHOUT ROWID;\n"
    "CREATE TABLE presence (\n"
    "  tracker_id INTEGER NOT NULL REFERENCES trackers(id),\n"
    "  number INTEGER NOT NULL CHECK (number >= 0),\n"
    "  user_id INTEGER NOT NULL REFERENCES users(id),\n"
    "  seen_at TEXT NOT NULL,\n"
    "  PRIMARY KEY (tracker_id, number, user_id)\n"
    ") STRICT, WITHOUT ROWID;\n";

/* People and trackers managed from the desk. Roles in users.roles hold on
 * every tracker (so the roles of every account made before this
 * migration keep their meaning, on trackers made later too); user_roles
 * adds roles on one tracker (admin is never one of them). invites are
 * one-time links, kept by the SHA-256 of their token: an invited
 * person's first password and second factor ('account'), or a new
 * second factor after an admin reset the old one ('second-factor').
 * closed_at is set when a link is used or replaced. A tracker may be
 * archived (read-only, still public), unlisted (reachable by its address
 * only) and show its authors' display names (bylines). */
static const char migration_11[] =
    "ALTER TABLE users ADD COLUMN display_name TEXT;\n"
    "ALTER TABLE trackers ADD COLUMN archived_at TEXT;\n"
    "ALTER TABLE trackers ADD COLUMN unlisted INTEGER NOT NULL DEFAULT 0 "
    "CHECK (unlisted IN (0,1));\n"
    "ALTER TABLE trackers ADD COLUMN bylines INTEGER NOT NULL DEFAULT 0 "
    "CHECK (bylines IN (0,1));\n"
    "CREATE TABLE user_roles (\n"
    "  user_id INTEGER NOT NULL REFERENCES users(id),\n"
    "  tracker_id INTEGER NOT NULL REFERENCES trackers(id),\n"
    "  roles TEXT NOT NULL,\n"
    "  PRIMARY KEY (user_id, tracker_id)\n"
    ") STRICT, WITHOUT ROWID;\n"
    "CREATE TABLE invites (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  token_hash BLOB NOT NULL UNIQUE,\n"
    "  user_id INTEGER NOT NULL REFERENCES users(id),\n"
    "  purpose TEXT NOT NULL CHECK (purpose IN ('account','second-factor')),\n"
    "  created_by TEXT NOT NULL,\n"
    "  created_at TEXT NOT NULL,\n"
    "  expires_at TEXT NOT NULL,\n"
    "  closed_at TEXT\n"
    ") STRICT;\n"
    "CREATE INDEX invites_by_user ON invites (user_id);\n";

/* Corrections are records too: nothing published is changed in place.
 * - claim_retractions: a published claim withdrawn, with why, who
 *   proposed it and who approved it (the two-person rule), and, for a
 *   correction, the newer claim that supersedes it; its claim_rev row
 *   (rev_no) records the status change. A claim's recorded columns are
 *   fixed once inserted, and claims are never deleted.
 * - claim_proposals: a proposal may also retract or correct claim
 *   number `target`, for `reason`.
 * - update_corrections: an update of kind correction names the update
 *   it corrects.
 * - event_edits: an edited event's current fields (a head table,
 *   rewritten with each edit revision, whose body holds the same): the
 *   event row keeps the fields as first recorded, which its first
 *   revision may stand for (migration 7). */
static const char migration_12[] =
    "CREATE TABLE claim_retractions (\n"
    "  seq INTEGER PRIMARY KEY,\n"
    "  claim_id INTEGER NOT NULL UNIQUE REFERENCES claims(id),\n"
    "  rev_no INTEGER NOT NULL,\n"
    "  corrected_by INTEGER REFERENCES claims(id),\n"
    "  reason TEXT NOT NULL,\n"
    "  proposed_by TEXT NOT NULL,\n"
    "  approved_by TEXT NOT NULL,\n"
    "  at TEXT NOT NULL,\n"
    "  prev_hash BLOB NOT NULL,\n"
    "  hash BLOB NOT NULL\n"
    ") STRICT;\n"
    "CREATE INDEX claim_retractions_by_correction ON claim_retractions "
    "(corrected_by);\n"
    "ALTER TABLE claim_proposals ADD COLUMN kind TEXT NOT NULL DEFAULT "
    "'add' CHECK (kind IN ('add','retract','correct'));\n"
    "ALTER TABLE claim_proposals ADD COLUMN target INTEGER;\n"
    "ALTER TABLE claim_proposals ADD COLUMN reason TEXT;\n"
    "CREATE TABLE update_corrections (\n"
    "  seq INTEGER PRIMARY KEY,\n"
    "  update_id INTEGER NOT NULL UNIQUE REFERENCES updates(id),\n"
    "  corrects_id INTEGER NOT NULL REFERENCES updates(id),\n"
    "  author TEXT NOT NULL,\n"
    "  at TEXT NOT NULL,\n"
    "  prev_hash BLOB NOT NULL,\n"
    "  hash BLOB NOT NULL\n"
    ") STRICT;\n"
    "CREATE INDEX update_corrections_by_target ON update_corrections "
    "(corrects_id);\n"
    "CREATE TABLE event_edits (\n"
    "  event_id INTEGER PRIMARY KEY REFERENCES events(id),\n"
    "  event_date TEXT NOT NULL,\n"
    "  end_date TEXT,\n"
    "  time_precision INTEGER NOT NULL CHECK (time_precision BETWEEN 1 "
    "AND 3),\n"
    "  event_type TEXT NOT NULL,\n"
    "  sub_event_type TEXT NOT NULL,\n"
    "  location TEXT NOT NULL,\n"
    "  country TEXT NOT NULL,\n"
    "  admin1 TEXT,\n"
    "  lat_e5 INTEGER,\n"
    "  lon_e5 INTEGER,\n"
    "  geo_precision INTEGER NOT NULL CHECK (geo_precision BETWEEN 1 "
    "AND 3),\n"
    "  actor1 TEXT,\n"
    "  actor2 TEXT,\n"
    "  size_qualifier TEXT,\n"
    "  size_low INTEGER,\n"
    "  size_high INTEGER,\n"
    "  size_words TEXT,\n"
    "  fatalities INTEGER CHECK (fatalities IS NULL OR fatalities >= 0),\n"
    "  source_id INTEGER REFERENCES sources(id),\n"
    "  url TEXT,\n"
    "  notes TEXT\n"
    ") STRICT;\n"
    "CREATE TRIGGER claims_no_delete BEFORE DELETE ON claims BEGIN "
    "SELECT RAISE(ABORT, 'claims are retracted, never deleted'); "
    "END;\n"
    "CREATE TRIGGER claims_recorded_fixed BEFORE UPDATE OF " CLAIM_RECORDED_COLS
    " ON claims BEGIN SELECT RAISE(ABORT, 'a "
    "claim''s figure never changes: correct it with a new claim'); "
    "END;\n" APPEND_ONLY("claim_retractions") APPEND_ONLY("update_corrections");

/* Sources per tracker: each tracker lists the sources it draws on (a
 * source may be linked into several), and a source may go by other names
 * (aliases), which extraction matches as it matches names. Every source a
 * tracker's claims (corrections among them), proposals, events (as
 * recorded or as edited) or victims' records cite is linked to it, as
 * from here on every write that cites one links it. */
static const char migration_13[] =
    "CREATE TABLE tracker_sources (\n"
    "  tracker_id INTEGER NOT NULL REFERENCES trackers(id),\n"
    "  source_id INTEGER NOT NULL REFERENCES sources(id),\n"
    "  linked_at TEXT NOT NULL,\n"
    "  PRIMARY KEY (tracker_id, source_id)\n"
    ") STRICT, WITHOUT ROWID;\n"
    "CREATE TABLE source_aliases (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  source_id INTEGER NOT NULL REFERENCES sources(id),\n"
    "  alias TEXT NOT NULL,\n"
    "  created_at TEXT NOT NULL,\n"
    "  UNIQUE (source_id, alias)\n"
    ") STRICT;\n"
    "INSERT INTO tracker_sources (tracker_id, source_id, linked_at)\n"
    "  SELECT u.tracker_id, s.id, s.created_at FROM (\n"
    "    SELECT tracker_id, source_id FROM claims UNION\n"
    "    SELECT tracker_id, source_id FROM claim_proposals UNION\n"
    "    SELECT tracker_id, source_id FROM events\n"
    "      WHERE source_id IS NOT NULL UNION\n"
    "    SELECT e.tracker_id, x.source_id FROM event_edits x\n"
    "      JOIN events e ON e.id = x.event_id\n"
    "      WHERE x.source_id IS NOT NULL UNION\n"
    "    SELECT v.tracker_id, c.id FROM victims v,\n"
    "      json_each(v.public, '$.sources') j JOIN sources c\n"
    "      ON c.slug = j.value) u\n"
    "  JOIN sources s ON s.id = u.source_id;\n";

/* The search index (store.h, "Search"): FTS5 over text folded in C
 * (util/fold.h), so SQLite's tokenizer only splits at spaces. scope holds
 * the words "t<tracker id>" and, for a row readers may find, "p": a
 * search filters by them in the same MATCH. The rowid is the record's key
 * (store/search.h). A search matches single words in columns and ranks
 * itself (sqlite_search.c): no positions (detail) nor column sizes are
 * kept. Built from the records by the store at the first read-write open
 * after this migration. */
static const char migration_14[] =
    "CREATE VIRTUAL TABLE search_index USING fts5(\n"
    "  scope, title, body,\n"
    "  tracker_id UNINDEXED, kind UNINDEXED, ref UNINDEXED,\n"
    "  tokenize = 'unicode61 remove_diacritics 0',\n"
    "  detail = 'column', columnsize = 0\n"
    ");\n";

/* Events a bulk import stored whose search rows are not yet written: a
 * range of ids per import. Writing a million rows into the search index
 * in the import's transaction took longer than storing the events
 * (bench P6); the index catches up after the commit, a range at a time
 * (store/search.c), and a search says how many events it does not see
 * yet. No record: `vigil copy` builds the index whole and leaves it
 * empty. */
static const char migration_15[] =
    "CREATE TABLE search_backlog (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  tracker_id INTEGER NOT NULL REFERENCES trackers(id),\n"
    "  first_id INTEGER NOT NULL,\n"
    "  last_id INTEGER NOT NULL CHECK (last_id >= first_id)\n"
    ");\n";

/* Posts from elsewhere and videos that updates show (core/embeds.h):
 * append-only and hash-chained like the other records, so that a quote
 * outlives its post and a change is a new row; an update's latest row
 * stands (platform 'none': taken away). rev_no is the update's revision
 * saved with it. still is the SHA-256 of a still in the media store, as
 * 64 lowercase hex digits. */
static const char migration_16[] =
    "CREATE TABLE update_embeds (\n"
    "  seq INTEGER PRIMARY KEY,\n"
    "  update_id INTEGER NOT NULL REFERENCES updates(id),\n"
    "  rev_no INTEGER NOT NULL,\n"
    "  platform TEXT NOT NULL CHECK (platform IN "
    "('x','telegram','instagram','youtube','facebook',\n"
    "    'tiktok','mastodon','bluesky','video','none')),\n"
    "  url TEXT NOT NULL,\n"
    "  handle TEXT,\n"
    "  post_id TEXT,\n"
    "  author TEXT NOT NULL,\n"
    "  posted_on TEXT,\n"
    "  quote TEXT NOT NULL,\n"
    "  captured_at TEXT NOT NULL,\n"
    "  still TEXT CHECK (still IS NULL OR (length(still) = 64 AND\n"
    "    NOT still GLOB '*[^0-9a-f]*')),\n"
    "  duration_s INTEGER CHECK (duration_s IS NULL OR duration_s > 0),\n"
    "  source TEXT,\n"
    "  recorded_by TEXT NOT NULL,\n"
    "  recorded_at TEXT NOT NULL,\n"
    "  prev_hash BLOB NOT NULL,\n"
    "  hash BLOB NOT NULL\n"
    ") STRICT;\n"
    "CREATE INDEX update_embeds_by_update ON update_embeds "
    "(update_id, seq);\n" APPEND_ONLY("update_embeds");

/* Migration 17: the origins that may put a tracker's embed page
 * (/t/SLUG/embed) in a frame, as the page's CSP frame-ancestors: space-
 * separated "scheme://host[:port]", '' for none (core/trackers.c checks
 * them). Every other page stays unframeable. */
static const char migration_17[] =
    "ALTER TABLE trackers ADD COLUMN frame_origins TEXT NOT NULL "
    "DEFAULT '';\n";

/* Media (store.h, "Media"): files named by the SHA-256 of their bytes,
 * each stored once (a BLOB: every node serves every image from the
 * record); the renditions of a set, named by its key; and media records,
 * whose every revision is a new row. All three append-only. No original
 * upload is kept: only what media/media.c made from it. media_pending is
 * no part of the record: the renditions of a desk upload its editor has
 * not yet looked at and kept (store.h), deleted when kept, discarded or
 * an hour old. */
static const char migration_18[] =
    "CREATE TABLE media_files (\n"
    "  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),\n"
    "  format TEXT NOT NULL CHECK (format IN ('webp','jpg')),\n"
    "  width INTEGER NOT NULL CHECK (width > 0),\n"
    "  height INTEGER NOT NULL CHECK (height > 0),\n"
    "  bytes BLOB NOT NULL,\n"
    "  created_at TEXT NOT NULL\n"
    ") STRICT;\n"
    "CREATE TABLE media_renditions (\n"
    "  key TEXT NOT NULL,\n"
    "  sha256 TEXT NOT NULL REFERENCES media_files(sha256),\n"
    "  PRIMARY KEY (key, sha256)\n"
    ") STRICT, WITHOUT ROWID;\n"
    "CREATE TABLE media (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  tracker_id INTEGER NOT NULL REFERENCES trackers(id),\n"
    "  key TEXT NOT NULL,\n"
    "  rev_no INTEGER NOT NULL CHECK (rev_no >= 1),\n"
    "  alt TEXT NOT NULL CHECK (alt <> ''),\n"
    "  caption TEXT,\n"
    "  credit TEXT,\n"
    "  credit_withheld INTEGER NOT NULL CHECK (credit_withheld IN (0,1)),\n"
    "  width INTEGER NOT NULL,\n"
    "  height INTEGER NOT NULL,\n"
    "  created_by TEXT NOT NULL,\n"
    "  created_at TEXT NOT NULL,\n"
    "  UNIQUE (tracker_id, key, rev_no)\n"
    ") STRICT;\n"
    "CREATE INDEX media_by_key ON media (key, id);\n"
    "CREATE TABLE media_pending (\n"
    "  token TEXT NOT NULL,\n"
    "  user_id INTEGER NOT NULL REFERENCES users(id),\n"
    "  tracker_id INTEGER NOT NULL REFERENCES trackers(id),\n"
    "  sha256 TEXT NOT NULL,\n"
    "  format TEXT NOT NULL CHECK (format IN ('webp','jpg')),\n"
    "  width INTEGER NOT NULL,\n"
    "  height INTEGER NOT NULL,\n"
    "  bytes BLOB NOT NULL,\n"
    "  created_at TEXT NOT NULL,\n"
    "  PRIMARY KEY (token, sha256)\n"
    ") STRICT, WITHOUT ROWID;\n" APPEND_ONLY("media_files")
        APPEND_ONLY("media_renditions") APPEND_ONLY("media");

/* The language a person's desk speaks (util/i18n.h's tag: "fa", "ar"),
 * NULL for English; core/users.c keeps it to the languages Vigil is
 * translated into. */
static const char migration_19[] = "ALTER TABLE users ADD COLUMN lang TEXT;\n";

/* A Persian (Solar Hijri) tracker may show the Gregorian date beside
 * each of its dates, for readers abroad and for sources that date in
 * Gregorian. */
static const char migration_20[] =
    "ALTER TABLE trackers ADD COLUMN gregorian_beside INTEGER NOT NULL DEFAULT "
    "0 "
    "CHECK (gregorian_beside IN (0,1));\n";

/* Migration 21: the index's text folded anew (util/fold.h: teh marbuta,
 * alef wasla and the other heh and yeh forms of Persian and Arabic, every
 * script's digits). No table changes: the rows written with the old
 * folding go, and the first read-write open rebuilds them (store.h,
 * store_search_stale), as it built them after migration 14. */
static const char migration_21[] = "DELETE FROM search_index;\n";

/* Migration 22: trackers and sources are never deleted nor renumbered:
 * events and the rest name them. Here the foreign keys already keep a
 * named row; PostgreSQL's migration 22 checks an event's tracker and
 * source once per statement instead (an import's speed), so there these
 * triggers are what keeps them, and here they say the same. */
#define KEPT_FOR_GOOD(t)                                                  \
    "CREATE TRIGGER " t "_no_delete BEFORE DELETE ON " t " BEGIN SELECT " \
    "RAISE(ABORT, '" t " are never deleted'); END;\n"                     \
    "CREATE TRIGGER " t "_id_fixed BEFORE UPDATE OF id ON " t " BEGIN "   \
    "SELECT RAISE(ABORT, '" t " keep their ids'); END;\n"
static const char migration_22[] =
    KEPT_FOR_GOOD("trackers") KEPT_FOR_GOOD("sources");

/* Migration 23: webhooks and their outbox (core/webhooks.h). A webhook
 * sends a tracker's changes of the kinds it names (comma-separated, the
 * names of core/webhooks.c's table, checked there) to its URL, signed with
 * its secret (64 hex digits, used as the key's text). An outbox row is one
 * notification for one webhook, written in the transaction of the change
 * it announces, its payload built then; the delivery thread (http/
 * courier.h) sends each webhook's rows in id order. due_ms and lease_ms
 * are Unix milliseconds, a queue's clock rather than the record's: when
 * the next attempt may start, and until when a node holds the row for an
 * attempt it is making (0: none). idem_key is the Idempotency-Key a
 * receiver sees on every attempt. Neither table is append-only: removing
 * a webhook deletes it and its rows. */
static const char migration_23[] =
    "CREATE TABLE webhooks (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  tracker_id INTEGER NOT NULL REFERENCES trackers(id),\n"
    "  url TEXT NOT NULL CHECK (url LIKE 'http://%' OR url LIKE "
    "'https://%'),\n"
    "  secret TEXT NOT NULL CHECK (length(secret) = 64),\n"
    "  kinds TEXT NOT NULL CHECK (kinds <> ''),\n"
    "  created_by TEXT NOT NULL,\n"
    "  created_at TEXT NOT NULL,\n"
    "  UNIQUE (tracker_id, url)\n"
    ") STRICT;\n"
    "CREATE TABLE outbox (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  webhook_id INTEGER NOT NULL REFERENCES webhooks(id),\n"
    "  kind TEXT NOT NULL CHECK (kind IN ('update.published',\n"
    "    'update.edited','update.corrected','update.retracted',\n"
    "    'figure.published','figure.corrected','figure.retracted')),\n"
    "  payload TEXT NOT NULL,\n"
    "  idem_key TEXT NOT NULL UNIQUE,\n"
    "  created_at TEXT NOT NULL,\n"
    "  attempts INTEGER NOT NULL DEFAULT 0,\n"
    "  due_ms INTEGER NOT NULL,\n"
    "  lease_ms INTEGER NOT NULL DEFAULT 0,\n"
    "  delivered_at TEXT,\n"
    "  last_error TEXT\n"
    ") STRICT;\n"
    "CREATE INDEX outbox_queue ON outbox (webhook_id, id) WHERE delivered_at "
    "IS NULL;\n";

const char *const migrations[] = {
    migration_1,  migration_2,  migration_3,  migration_4,  migration_5,
    migration_6,  migration_7,  migration_8,  migration_9,  migration_10,
    migration_11, migration_12, migration_13, migration_14, migration_15,
    migration_16, migration_17, migration_18, migration_19, migration_20,
    migration_21, migration_22, migration_23};
const size_t migration_count = sizeof migrations / sizeof migrations[0];

const char *const record_tables[] = {"trackers",
                                     "sources",
                                     "metrics",
                                     "updates",
                                     "update_rev",
                                     "claims",
                                     "claim_rev",
                                     "users",
                                     "audit_log",
                                     "changes",
                                     "sessions",
                                     "api_tokens",
                                     "secrets",
                                     "claim_proposals",
                                     "events",
                                     "event_rev",
                                     "victims",
                                     "victim_rev",
                                     "autosaves",
                                     "presence",
                                     "user_roles",
                                     "invites",
                                     "claim_retractions",
                                     "update_corrections",
                                     "event_edits",
                                     "tracker_sources",
                                     "source_aliases",
                                     "update_embeds",
                                     "media_files",
                                     "media_renditions",
                                     "media",
                                     "webhooks",
                                     "outbox",
                                     NULL};

const char *const chained_tables[] = {
    "update_rev",         "claim_rev",     "event_rev",
    "victim_rev",         "audit_log",     "claim_retractions",
    "update_corrections", "update_embeds", NULL};

const char *const content_tables[] = {"media_files", "media_renditions",
                                      "media", NULL};
