/*
 * pg_schema.c: Vigil's schema in PostgreSQL, one migration per entry, each
 * the twin of SQLite's migration of the same number (migrations.c): the
 * same tables, columns, checks and indexes, so a database at version N
 * means the same on either backend.
 *
 * Types: BIGINT for SQLite's INTEGER, BYTEA for BLOB, TEXT for times and
 * dates as SQLite keeps them (their text is hashed, util/chain.h). Ids
 * have no sequence: the store assigns the largest plus one, as SQLite
 * does (pg_int.h). The append-only tables refuse UPDATE, DELETE and
 * TRUNCATE by trigger, and the role that created them revokes those
 * rights from itself and from everyone.
 */
#include "store/pg_schema.h"

#include "store/rows.h"

/* A trigger function that refuses with its argument as the message. */
#define REFUSE_FUNCTION                                                   \
    "CREATE FUNCTION vigil_refuse() RETURNS trigger LANGUAGE plpgsql AS " \
    "$$ BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = "           \
    "'restrict_violation'; END $$;\n"

#define APPEND_ONLY(t)                                                       \
    "CREATE TRIGGER " t "_no_update BEFORE UPDATE ON " t                     \
    " FOR EACH ROW EXECUTE FUNCTION vigil_refuse('" t " is append-only');\n" \
    "CREATE TRIGGER " t "_no_delete BEFORE DELETE ON " t                     \
    " FOR EACH ROW EXECUTE FUNCTION vigil_refuse('" t " is append-only');\n" \
    "CREATE TRIGGER " t "_no_truncate BEFORE TRUNCATE ON " t                 \
    " FOR EACH STATEMENT EXECUTE FUNCTION vigil_refuse('" t                  \
    " is append-only');\n"                                                   \
    "REVOKE UPDATE, DELETE, TRUNCATE ON " t " FROM PUBLIC, CURRENT_USER;\n"

static const char migration_1[] = REFUSE_FUNCTION
    "CREATE TABLE trackers (\n"
    "  id BIGINT PRIMARY KEY,\n"
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
    ");\n"
    "CREATE TABLE sources (\n"
    "  id BIGINT PRIMARY KEY,\n"
    "  slug TEXT NOT NULL UNIQUE,\n"
    "  name TEXT NOT NULL,\n"
    "  kind TEXT NOT NULL CHECK (kind IN ('ngo','intergovernmental',\n"
    "    'government','opposition','media','monitor','witness','other')),\n"
    "  url TEXT,\n"
    "  note TEXT,\n"
    "  grade TEXT CHECK (grade IN ('A','B','C','D','E','F')),\n"
    "  created_at TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE metrics (\n"
    "  id BIGINT PRIMARY KEY,\n"
    "  tracker_id BIGINT NOT NULL REFERENCES trackers(id),\n"
    "  key TEXT NOT NULL,\n"
    "  label TEXT NOT NULL,\n"
    "  position BIGINT NOT NULL,\n"
    "  UNIQUE (tracker_id, key)\n"
    ");\n"
    "CREATE TABLE updates (\n"
    "  id BIGINT PRIMARY KEY,\n"
    "  tracker_id BIGINT NOT NULL REFERENCES trackers(id),\n"
    "  number BIGINT NOT NULL,\n"
    "  rev_no BIGINT NOT NULL,\n"
    "  kind TEXT NOT NULL CHECK (kind IN ('update','statement',\n"
    "    'news-brief','correction')),\n"
    "  status TEXT NOT NULL CHECK (status IN ('draft','scheduled',\n"
    "    'published','retracted')),\n"
    "  pinned BIGINT NOT NULL CHECK (pinned IN (0,1)),\n"
    "  key_event BIGINT NOT NULL CHECK (key_event IN (0,1)),\n"
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
    ");\n"
    "CREATE INDEX updates_by_time ON updates (tracker_id, published_at);\n"
    "CREATE TABLE update_rev (\n"
    "  seq BIGINT PRIMARY KEY,\n"
    "  update_id BIGINT NOT NULL REFERENCES updates(id),\n"
    "  rev_no BIGINT NOT NULL,\n"
    "  kind TEXT NOT NULL,\n"
    "  status TEXT NOT NULL,\n"
    "  pinned BIGINT NOT NULL,\n"
    "  key_event BIGINT NOT NULL,\n"
    "  lang TEXT,\n"
    "  title TEXT NOT NULL,\n"
    "  body_md TEXT NOT NULL,\n"
    "  body_html TEXT NOT NULL,\n"
    "  author TEXT NOT NULL,\n"
    "  reason TEXT NOT NULL,\n"
    "  created_at TEXT NOT NULL,\n"
    "  revised_at TEXT NOT NULL,\n"
    "  published_at TEXT,\n"
    "  prev_hash BYTEA NOT NULL,\n"
    "  hash BYTEA NOT NULL,\n"
    "  UNIQUE (update_id, rev_no)\n"
    ");\n" APPEND_ONLY(
        "update_rev") "CREATE TABLE claims (\n"
                      "  id BIGINT PRIMARY KEY,\n"
                      "  tracker_id BIGINT NOT NULL REFERENCES trackers(id),\n"
                      "  number BIGINT NOT NULL,\n"
                      "  metric_id BIGINT NOT NULL REFERENCES metrics(id),\n"
                      "  source_id BIGINT NOT NULL REFERENCES sources(id),\n"
                      "  qualifier TEXT NOT NULL CHECK (qualifier IN "
                      "('exact','at_least',\n"
                      "    'more_than','about','up_to','range')),\n"
                      "  low BIGINT NOT NULL CHECK (low >= 0),\n"
                      "  high BIGINT CHECK (high IS NULL OR high >= low),\n"
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
                      ");\n"
                      "CREATE INDEX claims_by_metric ON claims (metric_id, "
                      "as_of);\n"
                      "CREATE TABLE claim_rev (\n"
                      "  seq BIGINT PRIMARY KEY,\n"
                      "  claim_id BIGINT NOT NULL REFERENCES claims(id),\n"
                      "  rev_no BIGINT NOT NULL,\n"
                      "  metric_id BIGINT NOT NULL,\n"
                      "  source_id BIGINT NOT NULL,\n"
                      "  qualifier TEXT NOT NULL,\n"
                      "  low BIGINT NOT NULL,\n"
                      "  high BIGINT,\n"
                      "  words TEXT,\n"
                      "  as_of TEXT NOT NULL,\n"
                      "  url TEXT,\n"
                      "  quote TEXT,\n"
                      "  note TEXT,\n"
                      "  scope TEXT,\n"
                      "  status TEXT NOT NULL,\n"
                      "  author TEXT NOT NULL,\n"
                      "  revised_at TEXT NOT NULL,\n"
                      "  prev_hash BYTEA NOT NULL,\n"
                      "  hash BYTEA NOT NULL,\n"
                      "  UNIQUE (claim_id, rev_no)\n"
                      ");\n" APPEND_ONLY(
                          "claim_rev") "CREATE TABLE users (\n"
                                       "  id BIGINT PRIMARY KEY,\n"
                                       "  login TEXT NOT NULL UNIQUE,\n"
                                       "  pwhash TEXT NOT NULL,\n"
                                       "  roles TEXT NOT NULL,\n"
                                       "  disabled BIGINT NOT NULL CHECK "
                                       "(disabled IN (0,1)),\n"
                                       "  created_at TEXT NOT NULL\n"
                                       ");\n"
                                       "CREATE TABLE audit_log (\n"
                                       "  seq BIGINT PRIMARY KEY,\n"
                                       "  at TEXT NOT NULL,\n"
                                       "  actor TEXT NOT NULL,\n"
                                       "  action TEXT NOT NULL,\n"
                                       "  entity TEXT NOT NULL,\n"
                                       "  before TEXT,\n"
                                       "  after TEXT,\n"
                                       "  prev_hash BYTEA NOT NULL,\n"
                                       "  hash BYTEA NOT NULL\n"
                                       ");\n" APPEND_ONLY("audit_log");

static const char migration_2[] =
    "CREATE TABLE changes (\n"
    "  seq BIGINT PRIMARY KEY,\n"
    "  tracker_id BIGINT NOT NULL REFERENCES trackers(id),\n"
    "  kind TEXT NOT NULL CHECK (kind IN ('tracker','update','figures')),\n"
    "  number BIGINT NOT NULL,\n"
    "  at TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX changes_by_tracker ON changes (tracker_id, seq);\n";

static const char migration_3[] =
    "CREATE INDEX updates_public ON updates "
    "(tracker_id, published_at, number);\n"
    "CREATE INDEX updates_pinned ON updates (tracker_id, number) "
    "WHERE pinned = 1;\n";

static const char migration_4[] =
    "ALTER TABLE users ADD COLUMN totp_secret BYTEA;\n"
    "ALTER TABLE users ADD COLUMN totp_step BIGINT NOT NULL DEFAULT 0;\n"
    "CREATE TABLE sessions (\n"
    "  token_hash BYTEA PRIMARY KEY,\n"
    "  user_id BIGINT REFERENCES users(id),\n"
    "  csrf TEXT NOT NULL,\n"
    "  created_at TEXT NOT NULL,\n"
    "  seen_at TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX sessions_by_user ON sessions (user_id);\n"
    "CREATE TABLE api_tokens (\n"
    "  id BIGINT PRIMARY KEY,\n"
    "  token_hash BYTEA NOT NULL UNIQUE,\n"
    "  user_id BIGINT NOT NULL REFERENCES users(id),\n"
    "  label TEXT NOT NULL,\n"
    "  created_at TEXT NOT NULL,\n"
    "  revoked_at TEXT\n"
    ");\n"
    "CREATE TABLE secrets (\n"
    "  name TEXT PRIMARY KEY,\n"
    "  value BYTEA NOT NULL\n"
    ");\n"
    /* 32 bytes from PostgreSQL's strong random source (gen_random_uuid,
     * built in since 13): two version-4 UUIDs, 244 random bits. */
    "INSERT INTO secrets VALUES ('device_key', decode(replace("
    "gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));\n"
    "CREATE TABLE claim_proposals (\n"
    "  id BIGINT PRIMARY KEY,\n"
    "  tracker_id BIGINT NOT NULL REFERENCES trackers(id),\n"
    "  metric_id BIGINT NOT NULL REFERENCES metrics(id),\n"
    "  source_id BIGINT NOT NULL REFERENCES sources(id),\n"
    "  qualifier TEXT NOT NULL CHECK (qualifier IN ('exact','at_least',\n"
    "    'more_than','about','up_to','range')),\n"
    "  low BIGINT NOT NULL CHECK (low >= 0),\n"
    "  high BIGINT CHECK (high IS NULL OR high >= low),\n"
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
    "  claim_number BIGINT\n"
    ");\n"
    "CREATE INDEX claim_proposals_by_tracker ON claim_proposals "
    "(tracker_id, state, id);\n"
    "CREATE INDEX updates_scheduled ON updates (published_at) "
    "WHERE status = 'scheduled';\n";

static const char migration_5[] =
    "CREATE TABLE events (\n"
    "  id BIGINT PRIMARY KEY,\n"
    "  tracker_id BIGINT NOT NULL REFERENCES trackers(id),\n"
    "  number BIGINT NOT NULL,\n"
    "  rev_no BIGINT NOT NULL,\n"
    "  event_date TEXT NOT NULL,\n"
    "  end_date TEXT,\n"
    "  time_precision BIGINT NOT NULL CHECK (time_precision BETWEEN 1 AND "
    "3),\n"
    "  event_type TEXT NOT NULL,\n"
    "  sub_event_type TEXT NOT NULL,\n"
    "  location TEXT NOT NULL,\n"
    "  country TEXT NOT NULL,\n"
    "  admin1 TEXT,\n"
    "  lat_e5 BIGINT,\n"
    "  lon_e5 BIGINT,\n"
    "  geo_precision BIGINT NOT NULL CHECK (geo_precision BETWEEN 1 AND 3),\n"
    "  actor1 TEXT,\n"
    "  actor2 TEXT,\n"
    "  size_qualifier TEXT,\n"
    "  size_low BIGINT,\n"
    "  size_high BIGINT,\n"
    "  size_words TEXT,\n"
    "  fatalities BIGINT CHECK (fatalities IS NULL OR fatalities >= 0),\n"
    "  source_id BIGINT REFERENCES sources(id),\n"
    "  url TEXT,\n"
    "  notes TEXT,\n"
    "  status TEXT NOT NULL CHECK (status IN ('published','retracted')),\n"
    "  recorded_by TEXT NOT NULL,\n"
    "  recorded_at TEXT NOT NULL,\n"
    "  UNIQUE (tracker_id, number)\n"
    ");\n"
    "CREATE INDEX events_by_date ON events (tracker_id, event_date);\n"
    "CREATE TABLE event_rev (\n"
    "  seq BIGINT PRIMARY KEY,\n"
    "  event_id BIGINT NOT NULL REFERENCES events(id),\n"
    "  rev_no BIGINT NOT NULL,\n"
    "  body TEXT NOT NULL,\n"
    "  author TEXT NOT NULL,\n"
    "  revised_at TEXT NOT NULL,\n"
    "  prev_hash BYTEA NOT NULL,\n"
    "  hash BYTEA NOT NULL,\n"
    "  UNIQUE (event_id, rev_no)\n"
    ");\n" APPEND_ONLY("event_rev");

static const char migration_6[] =
    "CREATE TABLE victims (\n"
    "  id BIGINT PRIMARY KEY,\n"
    "  tracker_id BIGINT NOT NULL REFERENCES trackers(id),\n"
    "  number BIGINT NOT NULL,\n"
    "  rev_no BIGINT NOT NULL,\n"
    "  public TEXT NOT NULL,\n"
    "  sealed BYTEA,\n"
    "  wrapped_key BYTEA,\n"
    "  status TEXT NOT NULL CHECK (status IN ('recorded','purged')),\n"
    "  recorded_by TEXT NOT NULL,\n"
    "  recorded_at TEXT NOT NULL,\n"
    "  UNIQUE (tracker_id, number)\n"
    ");\n"
    "CREATE TABLE victim_rev (\n"
    "  seq BIGINT PRIMARY KEY,\n"
    "  victim_id BIGINT NOT NULL REFERENCES victims(id),\n"
    "  rev_no BIGINT NOT NULL,\n"
    "  public TEXT NOT NULL,\n"
    "  sealed BYTEA,\n"
    "  author TEXT NOT NULL,\n"
    "  revised_at TEXT NOT NULL,\n"
    "  prev_hash BYTEA NOT NULL,\n"
    "  hash BYTEA NOT NULL,\n"
    "  UNIQUE (victim_id, rev_no)\n"
    ");\n" APPEND_ONLY("victim_rev");

/* An event's recorded columns are fixed once inserted (a first revision
 * may stand for them), and events are never deleted. */
#define EVENTS_RECORDED_FIXED                                             \
    "CREATE TRIGGER events_recorded_fixed BEFORE UPDATE "                 \
    "OF " EVENT_RECORDED_COLS " ON events FOR EACH ROW EXECUTE FUNCTION " \
    "vigil_refuse('an event''s recorded fields never change: record a "   \
    "revision');\n"
static const char migration_7[] = EVENTS_RECORDED_FIXED
    "CREATE TRIGGER events_no_delete BEFORE DELETE ON events FOR EACH ROW "
    "EXECUTE FUNCTION vigil_refuse('events are retracted, never deleted');\n"
    "CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH "
    "STATEMENT EXECUTE FUNCTION vigil_refuse('events are retracted, never "
    "deleted');\n"
    "REVOKE DELETE, TRUNCATE ON events FROM PUBLIC, CURRENT_USER;\n";

/* Text that is indexed or ordered compares by its bytes, as SQLite's
 * BINARY collation does, not by the database's locale: the same order on
 * both backends, and an index insert that is a memcmp, not a strcoll
 * (bench P6: a million events' date index took 2 s less). A column named
 * in a trigger cannot change type, so that trigger is made again. */
static const char migration_8[] =
    "DROP TRIGGER events_recorded_fixed ON events;\n"
    "ALTER TABLE events ALTER COLUMN event_date TYPE TEXT COLLATE \"C\",\n"
    "  ALTER COLUMN end_date TYPE TEXT COLLATE \"C\";\n" EVENTS_RECORDED_FIXED
    "ALTER TABLE updates ALTER COLUMN published_at TYPE TEXT COLLATE \"C\";\n"
    "ALTER TABLE claims ALTER COLUMN as_of TYPE TEXT COLLATE \"C\";\n"
    "ALTER TABLE trackers ALTER COLUMN slug TYPE TEXT COLLATE \"C\";\n"
    "ALTER TABLE sources ALTER COLUMN slug TYPE TEXT COLLATE \"C\";\n"
    "ALTER TABLE metrics ALTER COLUMN key TYPE TEXT COLLATE \"C\";\n"
    "ALTER TABLE users ALTER COLUMN login TYPE TEXT COLLATE \"C\";\n"
    "ALTER TABLE secrets ALTER COLUMN name TYPE TEXT COLLATE \"C\";\n";

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
    "  user_id BIGINT NOT NULL REFERENCES users(id),\n"
    "  tracker_id BIGINT NOT NULL REFERENCES trackers(id),\n"
    "  number BIGINT NOT NULL CHECK (number >= 0),\n"
    "  base_rev BIGINT NOT NULL CHECK (base_rev >= 0),\n"
    "  title TEXT NOT NULL,\n"
    "  body TEXT NOT NULL,\n"
    "  kind TEXT,\n"
    "  saved_at TEXT NOT NULL,\n"
    "  PRIMARY KEY (user_id, tracker_id, number)\n"
    ");\n"
    "CREATE TABLE presence (\n"
    "  tracker_id BIGINT NOT NULL REFERENCES trackers(id),\n"
    "  number BIGINT NOT NULL CHECK (number >= 0),\n"
    "  user_id BIGINT NOT NULL REFERENCES users(id),\n"
    "  seen_at TEXT NOT NULL,\n"
    "  PRIMARY KEY (tracker_id, number, user_id)\n"
    ");\n";

/* Roles on one tracker, one-time links, and a tracker's archive, listing
 * and bylines (SQLite's migration 11 says why). */
static const char migration_11[] =
    "ALTER TABLE users ADD COLUMN display_name TEXT;\n"
    "ALTER TABLE trackers ADD COLUMN archived_at TEXT;\n"
    "ALTER TABLE trackers ADD COLUMN unlisted BIGINT NOT NULL DEFAULT 0 "
    "CHECK (unlisted IN (0,1));\n"
    "ALTER TABLE trackers ADD COLUMN bylines BIGINT NOT NULL DEFAULT 0 "
    "CHECK (bylines IN (0,1));\n"
    "CREATE TABLE user_roles (\n"
    "  user_id BIGINT NOT NULL REFERENCES users(id),\n"
    "  tracker_id BIGINT NOT NULL REFERENCES trackers(id),\n"
    "  roles TEXT NOT NULL,\n"
    "  PRIMARY KEY (user_id, tracker_id)\n"
    ");\n"
    "CREATE TABLE invites (\n"
    "  id BIGINT PRIMARY KEY,\n"
    "  token_hash BYTEA NOT NULL UNIQUE,\n"
    "  user_id BIGINT NOT NULL REFERENCES users(id),\n"
    "  purpose TEXT NOT NULL CHECK (purpose IN ('account','second-factor')),\n"
    "  created_by TEXT NOT NULL,\n"
    "  created_at TEXT NOT NULL,\n"
    "  expires_at TEXT NOT NULL,\n"
    "  closed_at TEXT\n"
    ");\n"
    "CREATE INDEX invites_by_user ON invites (user_id);\n";

/* Corrections are records too (migrations.c has the reasons). An edited
 * event's dates compare by their bytes, as its row's (migration 8). */
static const char migration_12[] =
    "CREATE TABLE claim_retractions (\n"
    "  seq BIGINT PRIMARY KEY,\n"
    "  claim_id BIGINT NOT NULL UNIQUE REFERENCES claims(id),\n"
    "  rev_no BIGINT NOT NULL,\n"
    "  corrected_by BIGINT REFERENCES claims(id),\n"
    "  reason TEXT NOT NULL,\n"
    "  proposed_by TEXT NOT NULL,\n"
    "  approved_by TEXT NOT NULL,\n"
    "  at TEXT NOT NULL,\n"
    "  prev_hash BYTEA NOT NULL,\n"
    "  hash BYTEA NOT NULL\n"
    ");\n"
    "CREATE INDEX claim_retractions_by_correction ON claim_retractions "
    "(corrected_by);\n"
    "ALTER TABLE claim_proposals ADD COLUMN kind TEXT NOT NULL DEFAULT "
    "'add' CHECK (kind IN ('add','retract','correct'));\n"
    "ALTER TABLE claim_proposals ADD COLUMN target BIGINT;\n"
    "ALTER TABLE claim_proposals ADD COLUMN reason TEXT;\n"
    "CREATE TABLE update_corrections (\n"
    "  seq BIGINT PRIMARY KEY,\n"
    "  update_id BIGINT NOT NULL UNIQUE REFERENCES updates(id),\n"
    "  corrects_id BIGINT NOT NULL REFERENCES updates(id),\n"
    "  author TEXT NOT NULL,\n"
    "  at TEXT NOT NULL,\n"
    "  prev_hash BYTEA NOT NULL,\n"
    "  hash BYTEA NOT NULL\n"
    ");\n"
    "CREATE INDEX update_corrections_by_target ON update_corrections "
    "(corrects_id);\n"
    "CREATE TABLE event_edits (\n"
    "  event_id BIGINT PRIMARY KEY REFERENCES events(id),\n"
    "  event_date TEXT COLLATE \"C\" NOT NULL,\n"
    "  end_date TEXT COLLATE \"C\",\n"
    "  time_precision BIGINT NOT NULL CHECK (time_precision BETWEEN 1 "
    "AND 3),\n"
    "  event_type TEXT NOT NULL,\n"
    "  sub_event_type TEXT NOT NULL,\n"
    "  location TEXT NOT NULL,\n"
    "  country TEXT NOT NULL,\n"
    "  admin1 TEXT,\n"
    "  lat_e5 BIGINT,\n"
    "  lon_e5 BIGINT,\n"
    "  geo_precision BIGINT NOT NULL CHECK (geo_precision BETWEEN 1 "
    "AND 3),\n"
    "  actor1 TEXT,\n"
    "  actor2 TEXT,\n"
    "  size_qualifier TEXT,\n"
    "  size_low BIGINT,\n"
    "  size_high BIGINT,\n"
    "  size_words TEXT,\n"
    "  fatalities BIGINT CHECK (fatalities IS NULL OR fatalities >= 0),\n"
    "  source_id BIGINT REFERENCES sources(id),\n"
    "  url TEXT,\n"
    "  notes TEXT\n"
    ");\n"
    "CREATE TRIGGER claims_no_delete BEFORE DELETE ON claims FOR EACH "
    "ROW EXECUTE FUNCTION vigil_refuse('claims are retracted, never "
    "deleted');\n"
    "CREATE TRIGGER claims_no_truncate BEFORE TRUNCATE ON claims FOR "
    "EACH STATEMENT EXECUTE FUNCTION vigil_refuse('claims are "
    "retracted, never deleted');\n"
    "REVOKE DELETE, TRUNCATE ON claims FROM PUBLIC, CURRENT_USER;\n"
    "CREATE TRIGGER claims_recorded_fixed BEFORE UPDATE OF " CLAIM_RECORDED_COLS
    " ON claims FOR EACH ROW EXECUTE FUNCTION "
    "vigil_refuse('a claim''s figure never changes: correct it with "
    "a new claim');\n" APPEND_ONLY("claim_retractions")
        APPEND_ONLY("update_corrections");

/* Sources per tracker, and aliases (SQLite's migration 13). */
static const char migration_13[] =
    "CREATE TABLE tracker_sources (\n"
    "  tracker_id BIGINT NOT NULL REFERENCES trackers(id),\n"
    "  source_id BIGINT NOT NULL REFERENCES sources(id),\n"
    "  linked_at TEXT NOT NULL,\n"
    "  PRIMARY KEY (tracker_id, source_id)\n"
    ");\n"
    "CREATE TABLE source_aliases (\n"
    "  id BIGINT PRIMARY KEY,\n"
    "  source_id BIGINT NOT NULL REFERENCES sources(id),\n"
    "  alias TEXT NOT NULL,\n"
    "  created_at TEXT NOT NULL,\n"
    "  UNIQUE (source_id, alias)\n"
    ");\n"
    "INSERT INTO tracker_sources (tracker_id, source_id, linked_at)\n"
    "  SELECT u.tracker_id, s.id, s.created_at FROM (\n"
    "    SELECT tracker_id, source_id FROM claims UNION\n"
    "    SELECT tracker_id, source_id FROM claim_proposals UNION\n"
    "    SELECT tracker_id, source_id FROM events\n"
    "      WHERE source_id IS NOT NULL UNION\n"
    "    SELECT e.tracker_id, x.source_id FROM event_edits x\n"
    "      JOIN events e ON e.id = x.event_id\n"
    "      WHERE x.source_id IS NOT NULL UNION\n"
    "    SELECT v.tracker_id, c.id FROM victims v\n"
    "      CROSS JOIN LATERAL jsonb_array_elements_text(\n"
    "        v.public::jsonb -> 'sources') j(slug)\n"
    "      JOIN sources c ON c.slug = j.slug) u\n"
    "  JOIN sources s ON s.id = u.source_id;\n";

/* The search index (SQLite's migration 14, there an FTS5 table): the
 * same folded text, and its tsvector (the 'simple' configuration: the
 * words as they are, the title's weighted A, the body's B) computed by
 * PostgreSQL from it, under a GIN index. */
static const char migration_14[] =
    "CREATE TABLE search_index (\n"
    "  id BIGINT PRIMARY KEY,\n"
    "  tracker_id BIGINT NOT NULL REFERENCES trackers(id),\n"
    "  kind TEXT NOT NULL,\n"
    "  ref BIGINT NOT NULL,\n"
    "  public BOOLEAN NOT NULL,\n"
    "  title TEXT NOT NULL,\n"
    "  body TEXT NOT NULL,\n"
    "  doc tsvector GENERATED ALWAYS AS (\n"
    "    setweight(to_tsvector('simple'::regconfig, title), 'A') ||\n"
    "    setweight(to_tsvector('simple'::regconfig, body), 'B')) STORED\n"
    ");\n"
    "CREATE INDEX search_index_doc ON search_index USING gin (doc);\n";

/* Events imported in bulk whose search rows are not yet written
 * (SQLite's migration 15). */
static const char migration_15[] =
    "CREATE TABLE search_backlog (\n"
    "  id BIGSERIAL PRIMARY KEY,\n"
    "  tracker_id BIGINT NOT NULL REFERENCES trackers(id),\n"
    "  first_id BIGINT NOT NULL,\n"
    "  last_id BIGINT NOT NULL CHECK (last_id >= first_id)\n"
    ");\n";

/* Posts from elsewhere and videos that updates show (SQLite's migration
 * 17). */
static const char migration_16[] =
    "CREATE TABLE update_embeds (\n"
    "  seq BIGINT PRIMARY KEY,\n"
    "  update_id BIGINT NOT NULL REFERENCES updates(id),\n"
    "  rev_no BIGINT NOT NULL,\n"
    "  platform TEXT NOT NULL CHECK (platform IN "
    "('x','telegram','instagram','youtube','facebook',\n"
    "    'tiktok','mastodon','bluesky','video','none')),\n"
    "  url TEXT NOT NULL,\n"
    "  handle TEXT,\n"
    "  post_id TEXT,\n"
    "  author TEXT NOT NULL,\n"
    "  posted_on TEXT COLLATE \"C\",\n"
    "  quote TEXT NOT NULL,\n"
    "  captured_at TEXT COLLATE \"C\" NOT NULL,\n"
    "  still TEXT CHECK (still IS NULL OR still ~ '^[0-9a-f]{64}$'),\n"
    "  duration_s BIGINT CHECK (duration_s IS NULL OR duration_s > 0),\n"
    "  source TEXT,\n"
    "  recorded_by TEXT NOT NULL,\n"
    "  recorded_at TEXT COLLATE \"C\" NOT NULL,\n"
    "  prev_hash BYTEA NOT NULL,\n"
    "  hash BYTEA NOT NULL\n"
    ");\n"
    "CREATE INDEX update_embeds_by_update ON update_embeds "
    "(update_id, seq);\n" APPEND_ONLY("update_embeds");

/* Migration 17: the origins that may frame a tracker's embed page
 * (SQLite's migration 17 says how they are kept). */
static const char migration_17[] =
    "ALTER TABLE trackers ADD COLUMN frame_origins TEXT NOT NULL "
    "DEFAULT '';\n";

/* An append-only table other rows reference: a foreign key's check
 * locks the row it finds (FOR KEY SHARE), which needs the UPDATE right,
 * so only the trigger refuses updates. */
#define APPEND_ONLY_KEYED(t)                                                 \
    "CREATE TRIGGER " t "_no_update BEFORE UPDATE ON " t                     \
    " FOR EACH ROW EXECUTE FUNCTION vigil_refuse('" t " is append-only');\n" \
    "CREATE TRIGGER " t "_no_delete BEFORE DELETE ON " t                     \
    " FOR EACH ROW EXECUTE FUNCTION vigil_refuse('" t " is append-only');\n" \
    "CREATE TRIGGER " t "_no_truncate BEFORE TRUNCATE ON " t                 \
    " FOR EACH STATEMENT EXECUTE FUNCTION vigil_refuse('" t                  \
    " is append-only');\n"                                                   \
    "REVOKE DELETE, TRUNCATE ON " t " FROM PUBLIC, CURRENT_USER;\n"

/* A table whose rows others name: a row may change, never go nor take
 * another id. */
#define KEPT_FOR_GOOD(t)                                                     \
    "CREATE TRIGGER " t "_no_delete BEFORE DELETE ON " t                     \
    " FOR EACH ROW EXECUTE FUNCTION vigil_refuse('" t " are never "          \
    "deleted');\n"                                                           \
    "CREATE TRIGGER " t "_id_fixed BEFORE UPDATE OF id ON " t                \
    " FOR EACH ROW EXECUTE FUNCTION vigil_refuse('" t " keep their ids');\n" \
    "CREATE TRIGGER " t "_no_truncate BEFORE TRUNCATE ON " t                 \
    " FOR EACH STATEMENT EXECUTE FUNCTION vigil_refuse('" t " are never "    \
    "deleted');\n"

/* Media (SQLite's migration 18): the files' bytes as BYTEA. */
static const char migration_18[] =
    "CREATE TABLE media_files (\n"
    "  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),\n"
    "  format TEXT NOT NULL CHECK (format IN ('webp','jpg')),\n"
    "  width BIGINT NOT NULL CHECK (width > 0),\n"
    "  height BIGINT NOT NULL CHECK (height > 0),\n"
    "  bytes BYTEA NOT NULL,\n"
    "  created_at TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE media_renditions (\n"
    "  key TEXT NOT NULL,\n"
    "  sha256 TEXT NOT NULL REFERENCES media_files(sha256),\n"
    "  PRIMARY KEY (key, sha256)\n"
    ");\n"
    "CREATE TABLE media (\n"
    "  id BIGINT PRIMARY KEY,\n"
    "  tracker_id BIGINT NOT NULL REFERENCES trackers(id),\n"
    "  key TEXT NOT NULL,\n"
    "  rev_no BIGINT NOT NULL CHECK (rev_no >= 1),\n"
    "  alt TEXT NOT NULL CHECK (alt <> ''),\n"
    "  caption TEXT,\n"
    "  credit TEXT,\n"
    "  credit_withheld BIGINT NOT NULL CHECK (credit_withheld IN (0,1)),\n"
    "  width BIGINT NOT NULL,\n"
    "  height BIGINT NOT NULL,\n"
    "  created_by TEXT NOT NULL,\n"
    "  created_at TEXT NOT NULL,\n"
    "  UNIQUE (tracker_id, key, rev_no)\n"
    ");\n"
    "CREATE INDEX media_by_key ON media (key, id);\n"
    "CREATE TABLE media_pending (\n"
    "  token TEXT NOT NULL,\n"
    "  user_id BIGINT NOT NULL REFERENCES users(id),\n"
    "  tracker_id BIGINT NOT NULL REFERENCES trackers(id),\n"
    "  sha256 TEXT NOT NULL,\n"
    "  format TEXT NOT NULL CHECK (format IN ('webp','jpg')),\n"
    "  width BIGINT NOT NULL,\n"
    "  height BIGINT NOT NULL,\n"
    "  bytes BYTEA NOT NULL,\n"
    "  created_at TEXT NOT NULL,\n"
    "  PRIMARY KEY (token, sha256)\n"
    ");\n" APPEND_ONLY_KEYED("media_files") APPEND_ONLY("media_renditions")
        APPEND_ONLY("media");

/* The language a person's desk speaks (util/i18n.h's tag: "fa", "ar"),
 * NULL for English; core/users.c keeps it to the languages Vigil is
 * translated into. */
static const char migration_19[] = "ALTER TABLE users ADD COLUMN lang TEXT;\n";

/* A Persian (Solar Hijri) tracker may show the Gregorian date beside
 * each of its dates, for readers abroad and for sources that date in
 * Gregorian. */
static const char migration_20[] = "ALTER TABLE trackers ADD COLUMN "
                                   "gregorian_beside BIGINT NOT NULL DEFAULT 0 "
                                   "CHECK (gregorian_beside IN (0,1));\n";

/* The index's text folded anew (SQLite's migration 21): its rows go,
 * and the first read-write open rebuilds them. */
static const char migration_21[] = "DELETE FROM search_index;\n";

/* Migration 22: an event's tracker and source checked once per
 * statement, not once per row. A foreign key checks each row as it goes
 * in, two lookups an event: for a million-event import (one COPY) that
 * was 5 to 6 s of the 13 to 15 it took (bench P6). One query over the
 * statement's new rows (its transition table) does the same in a
 * fraction. What the foreign keys also did, keep a referenced row from
 * going, the trackers and sources now do themselves: neither is ever
 * deleted nor renumbered (SQLite's migration 22 says the same; its
 * foreign keys stay). An event's tracker and source never change once
 * it is in (events_recorded_fixed), so an insert is the only check. */
static const char migration_22[] =
    "ALTER TABLE events DROP CONSTRAINT events_tracker_id_fkey,\n"
    "  DROP CONSTRAINT events_source_id_fkey;\n"
    "CREATE FUNCTION vigil_events_refs() RETURNS trigger LANGUAGE plpgsql "
    "AS $$ BEGIN\n"
    "  IF EXISTS (SELECT 1 FROM vigil_new n WHERE NOT EXISTS (SELECT 1 FROM "
    "trackers t WHERE t.id = n.tracker_id) OR (n.source_id IS NOT NULL AND "
    "NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = n.source_id))) THEN\n"
    "    RAISE EXCEPTION 'an event names a tracker or a source the record "
    "does not hold' USING ERRCODE = 'foreign_key_violation';\n"
    "  END IF;\n"
    "  RETURN NULL;\n"
    "END $$;\n"
    "CREATE TRIGGER events_refs AFTER INSERT ON events REFERENCING NEW TABLE "
    "AS vigil_new FOR EACH STATEMENT EXECUTE FUNCTION "
    "vigil_events_refs();\n" KEPT_FOR_GOOD("trackers") KEPT_FOR_GOOD("sources");

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
    "  id BIGINT PRIMARY KEY,\n"
    "  tracker_id BIGINT NOT NULL REFERENCES trackers(id),\n"
    "  url TEXT NOT NULL CHECK (url LIKE 'http://%' OR url LIKE "
    "'https://%'),\n"
    "  secret TEXT NOT NULL CHECK (length(secret) = 64),\n"
    "  kinds TEXT NOT NULL CHECK (kinds <> ''),\n"
    "  created_by TEXT NOT NULL,\n"
    "  created_at TEXT NOT NULL,\n"
    "  UNIQUE (tracker_id, url)\n"
    ");\n"
    "CREATE TABLE outbox (\n"
    "  id BIGINT PRIMARY KEY,\n"
    "  webhook_id BIGINT NOT NULL REFERENCES webhooks(id),\n"
    "  kind TEXT NOT NULL CHECK (kind IN ('update.published',\n"
    "    'update.edited','update.corrected','update.retracted',\n"
    "    'figure.published','figure.corrected','figure.retracted')),\n"
    "  payload TEXT NOT NULL,\n"
    "  idem_key TEXT NOT NULL UNIQUE,\n"
    "  created_at TEXT NOT NULL,\n"
    "  attempts BIGINT NOT NULL DEFAULT 0,\n"
    "  due_ms BIGINT NOT NULL,\n"
    "  lease_ms BIGINT NOT NULL DEFAULT 0,\n"
    "  delivered_at TEXT,\n"
    "  last_error TEXT\n"
    ");\n"
    "CREATE INDEX outbox_queue ON outbox (webhook_id, id) WHERE delivered_at "
    "IS NULL;\n";

const char *const pg_migrations[] = {
    migration_1,  migration_2,  migration_3,  migration_4,  migration_5,
    migration_6,  migration_7,  migration_8,  migration_9,  migration_10,
    migration_11, migration_12, migration_13, migration_14, migration_15,
    migration_16, migration_17, migration_18, migration_19, migration_20,
    migration_21, migration_22, migration_23};
const size_t pg_migration_count =
    sizeof pg_migrations / sizeof pg_migrations[0];
