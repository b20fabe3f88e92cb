-- 0004: one dyad_month row per (source, target, month) with the quad
-- classes as columns (e0..e4 events, m0..m4 mentions; 0 = no quad class):
-- up to four times fewer rows to read for a monthly series.
CREATE TABLE dyad_month_q (
	source    TEXT NOT NULL,
	target    TEXT NOT NULL,
	month     INTEGER NOT NULL, -- year*12 + month-1
	e0 INTEGER NOT NULL DEFAULT 0, e1 INTEGER NOT NULL DEFAULT 0, e2 INTEGER NOT NULL DEFAULT 0,
	e3 INTEGER NOT NULL DEFAULT 0, e4 INTEGER NOT NULL DEFAULT 0,
	m0 INTEGER NOT NULL DEFAULT 0, m1 INTEGER NOT NULL DEFAULT 0, m2 INTEGER NOT NULL DEFAULT 0,
	m3 INTEGER NOT NULL DEFAULT 0, m4 INTEGER NOT NULL DEFAULT 0,
	goldstein REAL NOT NULL DEFAULT 0,
	PRIMARY KEY (source, target, month)
) WITHOUT ROWID;
INSERT INTO dyad_month_q
SELECT source, target, month,
	sum(CASE WHEN quad NOT IN (1, 2, 3, 4) THEN events ELSE 0 END),
	sum(CASE WHEN quad = 1 THEN events ELSE 0 END), sum(CASE WHEN quad = 2 THEN events ELSE 0 END),
	sum(CASE WHEN quad = 3 THEN events ELSE 0 END), sum(CASE WHEN quad = 4 THEN events ELSE 0 END),
	sum(CASE WHEN quad NOT IN (1, 2, 3, 4) THEN mentions ELSE 0 END),
	sum(CASE WHEN quad = 1 THEN mentions ELSE 0 END), sum(CASE WHEN quad = 2 THEN mentions ELSE 0 END),
	sum(CASE WHEN quad = 3 THEN mentions ELSE 0 END), sum(CASE WHEN quad = 4 THEN mentions ELSE 0 END),
	sum(goldstein)
FROM dyad_month GROUP BY source, target, month;
DROP TABLE dyad_month;
ALTER TABLE dyad_month_q RENAME TO dyad_month;
