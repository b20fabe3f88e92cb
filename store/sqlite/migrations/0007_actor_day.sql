-- 0007: actor_day, the daily counterpart of actor_month: per actor code
-- and day (days since 1970-01-01), the analysable events (quad class 1–4,
-- not negated) with the actor as source and as target. ActorTotals by
-- day and week read it instead of every event of the actor set, which
-- made weekly dyad series of busy actors take seconds on large stores.
CREATE TABLE actor_day (
	actor     TEXT NOT NULL,
	day       INTEGER NOT NULL,
	as_source INTEGER NOT NULL,
	as_target INTEGER NOT NULL,
	PRIMARY KEY (actor, day)
) WITHOUT ROWID;

INSERT INTO actor_day(actor, day, as_source, as_target)
SELECT actor, day, sum(s), sum(t) FROM (
	SELECT source AS actor, day, 1 AS s, 0 AS t FROM events WHERE negated = 0 AND quad BETWEEN 1 AND 4
	UNION ALL
	SELECT target, day, 0, 1 FROM events WHERE negated = 0 AND quad BETWEEN 1 AND 4
) GROUP BY actor, day;
