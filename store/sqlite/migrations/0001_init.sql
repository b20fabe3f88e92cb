-- 0001_init: documents, merged events, mentions, full-text index, rollups.
CREATE TABLE batches (
	id      INTEGER PRIMARY KEY,
	n_docs  INTEGER NOT NULL DEFAULT 0, -- new documents the batch stored
	added   INTEGER NOT NULL            -- unix seconds
);

CREATE TABLE docs (
	rid         INTEGER PRIMARY KEY,
	id          TEXT NOT NULL UNIQUE,
	url         TEXT NOT NULL DEFAULT '',
	hash        TEXT NOT NULL DEFAULT '',
	title       TEXT NOT NULL DEFAULT '',
	source      TEXT NOT NULL DEFAULT '',
	date        INTEGER NOT NULL DEFAULT 0, -- publication time, unix seconds
	date_source TEXT NOT NULL DEFAULT '',
	text        TEXT NOT NULL DEFAULT '',
	bytes       INTEGER NOT NULL DEFAULT 0,
	mentions    INTEGER NOT NULL DEFAULT 0, -- mentions stored with this document
	batch       INTEGER NOT NULL,
	added       INTEGER NOT NULL
);
CREATE UNIQUE INDEX docs_hash ON docs(hash) WHERE hash <> '';
CREATE UNIQUE INDEX docs_url ON docs(url) WHERE url <> '';
CREATE INDEX docs_date ON docs(date);
CREATE INDEX docs_batch ON docs(batch);

-- One row per (date, source, target, cameo); id = store.EventKey. Rows
-- are appended in storage order (rid) so inserts stay cheap.
CREATE TABLE events (
	rid            INTEGER PRIMARY KEY,
	id             INTEGER NOT NULL UNIQUE,
	date           TEXT NOT NULL,
	precision      TEXT NOT NULL,
	day            INTEGER NOT NULL, -- days since 1970-01-01 of the first day covered
	source         TEXT NOT NULL,
	source_country TEXT NOT NULL DEFAULT '',
	source_sector  TEXT NOT NULL DEFAULT '',
	source_name    TEXT NOT NULL DEFAULT '',
	target         TEXT NOT NULL,
	target_country TEXT NOT NULL DEFAULT '',
	target_sector  TEXT NOT NULL DEFAULT '',
	target_name    TEXT NOT NULL DEFAULT '',
	cameo          TEXT NOT NULL,
	root           TEXT NOT NULL,
	quad           INTEGER NOT NULL,
	goldstein      REAL NOT NULL,
	num_mentions   INTEGER NOT NULL,
	num_sources    INTEGER NOT NULL,
	num_articles   INTEGER NOT NULL,
	place_name     TEXT NOT NULL DEFAULT '',
	place_country  TEXT NOT NULL DEFAULT '',
	first_mention  INTEGER NOT NULL,
	added          INTEGER NOT NULL
);
CREATE INDEX events_st ON events(source, target, day);
CREATE INDEX events_t ON events(target, day);
CREATE INDEX events_day ON events(day);

CREATE TABLE mentions (
	rid           INTEGER PRIMARY KEY,
	id            TEXT NOT NULL UNIQUE, -- dyad.Event.ID
	event_id      INTEGER NOT NULL,
	doc_rid       INTEGER NOT NULL,
	sentence      INTEGER NOT NULL,
	json          TEXT NOT NULL,        -- the dyad.Event without sentence_text
	sentence_text TEXT NOT NULL
);
CREATE INDEX mentions_event ON mentions(event_id, doc_rid);
CREATE INDEX mentions_doc ON mentions(doc_rid);

CREATE VIRTUAL TABLE mention_fts USING fts5(sentence_text, content='mentions', content_rowid='rid');

CREATE TABLE actors (
	code    TEXT PRIMARY KEY,
	name    TEXT NOT NULL DEFAULT '',
	country TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

-- Rollups maintained by PutBatch in the same transaction.
CREATE TABLE dyad_month (
	source    TEXT NOT NULL,
	target    TEXT NOT NULL,
	month     INTEGER NOT NULL, -- year*12 + month-1
	quad      INTEGER NOT NULL,
	events    INTEGER NOT NULL,
	mentions  INTEGER NOT NULL,
	goldstein REAL NOT NULL,
	PRIMARY KEY (source, target, month, quad)
) WITHOUT ROWID;

CREATE TABLE actor_month (
	actor     TEXT NOT NULL,
	month     INTEGER NOT NULL,
	as_source INTEGER NOT NULL,
	as_target INTEGER NOT NULL,
	PRIMARY KEY (actor, month)
) WITHOUT ROWID;
