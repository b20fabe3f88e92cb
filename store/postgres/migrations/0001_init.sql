-- 0001_init: documents, merged events partitioned by month, mentions with
-- a full-text index, actors, monthly rollups.
--
-- Row ids (rid) are the batch number (batches_id_seq) times 2^24 plus the
-- row's place in the batch: rid order is storage order.
-- Codes, ids, hashes and URLs use the "C" collation: byte order, as in
-- SQLite, so that prefix ranges ("CHN" <= code < "CHO") and comparisons
-- are the same whatever the database's locale.
CREATE SEQUENCE batches_id_seq;

-- One row per PutBatch that stored something; Stats sums them.
CREATE TABLE batches (
	id         bigint PRIMARY KEY,
	n_docs     integer NOT NULL, -- new documents
	n_events   integer NOT NULL, -- new merged events
	n_mentions integer NOT NULL, -- new mentions
	added      timestamptz NOT NULL
);

CREATE TABLE docs (
	rid         bigint PRIMARY KEY,
	batch       bigint NOT NULL,
	date        timestamptz,          -- publication time; NULL when unknown
	added       timestamptz NOT NULL,
	bytes       integer NOT NULL,
	mentions    integer NOT NULL,     -- mentions stored with this document
	id          text COLLATE "C" NOT NULL UNIQUE,
	url         text COLLATE "C" NOT NULL DEFAULT '',
	hash        text COLLATE "C" NOT NULL DEFAULT '',
	title       text NOT NULL DEFAULT '',
	source      text NOT NULL DEFAULT '',
	date_source text NOT NULL DEFAULT '',
	text        text NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX docs_hash ON docs (hash) WHERE hash <> '';
CREATE UNIQUE INDEX docs_url ON docs (url) WHERE url <> '';
CREATE INDEX docs_date ON docs (date DESC NULLS LAST, rid DESC);

-- Merged events: one row per (date, source, target, cameo), id =
-- store.EventKey. Partitioned by month of day (the first day the event
-- date covers); PutBatch creates the partitions it needs. The primary key
-- holds the partition key, as PostgreSQL requires: an id has one date, so
-- (id, day) is as unique as id.
CREATE TABLE events (
	rid            bigint NOT NULL,
	id             bigint NOT NULL,
	day            date NOT NULL,
	quad           integer NOT NULL,
	goldstein      double precision NOT NULL,
	num_mentions   integer NOT NULL,
	num_sources    integer NOT NULL,
	num_articles   integer NOT NULL,
	first_mention  bigint NOT NULL,  -- mentions.rid
	added          timestamptz NOT NULL,
	negated        boolean NOT NULL, -- the first mention's negation flag
	date           text NOT NULL,
	precision      text NOT NULL,
	source         text COLLATE "C" NOT NULL,
	source_country text COLLATE "C" NOT NULL,
	source_sector  text NOT NULL,
	source_name    text NOT NULL,
	target         text COLLATE "C" NOT NULL,
	target_country text COLLATE "C" NOT NULL,
	target_sector  text NOT NULL,
	target_name    text NOT NULL,
	cameo          text COLLATE "C" NOT NULL,
	root           text COLLATE "C" NOT NULL,
	place_name     text NOT NULL,
	place_country  text NOT NULL,
	first_contexts text NOT NULL,    -- JSON of the first mention's PLOVER contexts
	PRIMARY KEY (id, day)
) PARTITION BY RANGE (day);
-- Dyad series by day and week, and the evidence of monthly series, read
-- this index only.
CREATE INDEX events_dyad ON events (source, target, day) INCLUDE (quad, negated, goldstein, num_mentions, id);
CREATE INDEX events_t ON events (target, day);
-- Newest first, ties by storage order.
CREATE INDEX events_day ON events (day, rid);

CREATE TABLE mentions (
	rid           bigint PRIMARY KEY,
	event_id      bigint NOT NULL,
	event_day     date NOT NULL,   -- the event's partition key
	doc_rid       bigint NOT NULL,
	sentence      integer NOT NULL,
	id            text COLLATE "C" NOT NULL UNIQUE, -- dyad.Event.ID
	event_json    text NOT NULL,   -- the dyad.Event without sentence_text
	sentence_text text NOT NULL
);
CREATE INDEX mentions_event ON mentions (event_id, doc_rid);
CREATE INDEX mentions_doc ON mentions (doc_rid);
-- Full-text search: the "simple" configuration (lower case, no stemming,
-- no stop words), as SQLite's FTS5 unicode61 tokenizer.
CREATE INDEX mentions_fts ON mentions USING gin (to_tsvector('simple', sentence_text));

CREATE TABLE actors (
	code    text COLLATE "C" PRIMARY KEY,
	name    text NOT NULL DEFAULT '',
	country text NOT NULL DEFAULT ''
);

-- Rollups kept by PutBatch in the same transaction as the events. month is
-- the first day of the month. They count the analysable events (quad class
-- 1-4, first mention not negated) in e1..e4 (events), m1..m4 (mentions),
-- goldstein and actor_month; the other events go to e0 and m0. last_day is
-- the last day of an analysable event of the row (NULL when none).
CREATE TABLE dyad_month (
	source    text COLLATE "C" NOT NULL,
	target    text COLLATE "C" NOT NULL,
	month     date NOT NULL,
	e0 bigint NOT NULL, e1 bigint NOT NULL, e2 bigint NOT NULL, e3 bigint NOT NULL, e4 bigint NOT NULL,
	m0 bigint NOT NULL, m1 bigint NOT NULL, m2 bigint NOT NULL, m3 bigint NOT NULL, m4 bigint NOT NULL,
	goldstein double precision NOT NULL,
	last_day  date,
	PRIMARY KEY (source, target, month)
);

CREATE TABLE actor_month (
	actor     text COLLATE "C" NOT NULL,
	month     date NOT NULL,
	as_source bigint NOT NULL,
	as_target bigint NOT NULL,
	PRIMARY KEY (actor, month)
);
