-- 0002: daily and weekly dyad series read only the index.
-- (source, target, day) becomes a covering index for DyadCounts and
-- ActorTotals: quad, Goldstein and mention counts ride along.
CREATE INDEX events_dyad ON events(source, target, day, quad, goldstein, num_mentions);
DROP INDEX events_st;
