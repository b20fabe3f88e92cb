-- 0003: docs.batch is only read by consistency checks, which group by it;
-- its index cost every insert.
DROP INDEX docs_batch;
