-- 0006: the full-text index mention_fts is brought up to date in its own
-- step (Store.IndexText), which every text query runs first, instead of
-- in each PutBatch transaction. text_index holds the watermark: the rid of
-- the last mention indexed; mentions above it are not indexed yet.
-- Until now PutBatch indexed every mention it stored, so an existing
-- database is indexed up to its last mention.
CREATE TABLE text_index (
	id          INTEGER PRIMARY KEY CHECK (id = 1),
	indexed_rid INTEGER NOT NULL
);
INSERT INTO text_index(id, indexed_rid) SELECT 1, coalesce(max(rid), 0) FROM mentions;
