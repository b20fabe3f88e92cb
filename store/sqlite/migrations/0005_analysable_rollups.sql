-- 0005: analysable events. A negated event ("China did not condemn …") is
-- stored and listed, but the analyses skip it (docs/analysis.md). The
-- rollups now count only analysable events (quad class 1–4 and not
-- negated) in e1..e4, m1..m4, goldstein and actor_month; the rest go to
-- e0/m0. Series read from the rollups then equal those computed from the
-- events. events.negated is the negation flag of the event's first mention.
-- dyad_month.last_day is the last day of an analysable event of its row
-- (NULL when none): the evidence of a monthly series is read backwards
-- from there.
ALTER TABLE events ADD COLUMN negated INTEGER NOT NULL DEFAULT 0;
UPDATE events SET negated = 1
WHERE first_mention IN (SELECT rid FROM mentions WHERE json_extract(json, '$.negated') = 1);

-- The covering index of daily and weekly series carries the flag, and the
-- event id for the evidence of monthly series.
DROP INDEX events_dyad;
CREATE INDEX events_dyad ON events(source, target, day, quad, negated, goldstein, num_mentions, id);

CREATE TEMP TABLE ev_month AS
SELECT source, target,
	CAST(strftime('%Y', day * 86400, 'unixepoch') AS INTEGER) * 12
		+ CAST(strftime('%m', day * 86400, 'unixepoch') AS INTEGER) - 1 AS month,
	CASE WHEN negated = 0 AND quad BETWEEN 1 AND 4 THEN quad ELSE 0 END AS q,
	num_mentions AS nm, goldstein, day
FROM events;

ALTER TABLE dyad_month ADD COLUMN last_day INTEGER;
DELETE FROM dyad_month;
INSERT INTO dyad_month(source, target, month, e0, e1, e2, e3, e4, m0, m1, m2, m3, m4, goldstein, last_day)
SELECT source, target, month,
	sum(q = 0), sum(q = 1), sum(q = 2), sum(q = 3), sum(q = 4),
	sum(CASE WHEN q = 0 THEN nm ELSE 0 END), sum(CASE WHEN q = 1 THEN nm ELSE 0 END),
	sum(CASE WHEN q = 2 THEN nm ELSE 0 END), sum(CASE WHEN q = 3 THEN nm ELSE 0 END),
	sum(CASE WHEN q = 4 THEN nm ELSE 0 END),
	sum(CASE WHEN q = 0 THEN 0 ELSE goldstein END),
	max(CASE WHEN q = 0 THEN NULL ELSE day END)
FROM ev_month GROUP BY source, target, month;

DELETE FROM actor_month;
INSERT INTO actor_month(actor, month, as_source, as_target)
SELECT actor, month, sum(s), sum(t) FROM (
	SELECT source AS actor, month, 1 AS s, 0 AS t FROM ev_month WHERE q <> 0
	UNION ALL
	SELECT target, month, 0, 1 FROM ev_month WHERE q <> 0
) GROUP BY actor, month;

DROP TABLE ev_month;
