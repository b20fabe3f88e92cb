package sqlite

import (
	"context"
	"fmt"
)

// lagSQL reads the watermark and the largest mention rid.
const lagSQL = `SELECT (SELECT indexed_rid FROM text_index WHERE id = 1), (SELECT coalesce(max(rid), 0) FROM mentions)`

// textIndexLag returns the watermark of the full-text index (the rid of
// the last mention indexed) and the largest mention rid.
func (s *Store) textIndexLag(ctx context.Context) (indexed, last int64, err error) {
	err = s.db.QueryRowContext(ctx, lagSQL).Scan(&indexed, &last)
	if err != nil {
		return 0, 0, fmt.Errorf("sqlite: text index watermark: %w", err)
	}
	return indexed, last, nil
}

// IndexText adds the mentions stored since the last call to the
// full-text index (mention_fts) and moves its watermark, in one
// transaction. PutBatch leaves the index to this step; Events runs it
// before a text query, so that the query sees every stored mention, and
// Close runs it, so that an ingest run leaves the index complete. It does
// nothing (and writes nothing) when the index is up to date.
//
// The watermark works because mentions are never deleted or updated and
// every new mention gets a rid above all stored ones (PutBatch).
func (s *Store) IndexText(ctx context.Context) error {
	indexed, last, err := s.textIndexLag(ctx)
	if err != nil || indexed >= last {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: text index: begin: %w", err)
	}
	defer tx.Rollback()
	// Read again under the write lock: another writer may have indexed.
	if err := tx.QueryRowContext(ctx, lagSQL).Scan(&indexed, &last); err != nil {
		return fmt.Errorf("sqlite: text index watermark: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO mention_fts(rowid, sentence_text)
		SELECT rid, sentence_text FROM mentions WHERE rid > ? AND rid <= ? AND sentence_text <> ''`, indexed, last); err != nil {
		return fmt.Errorf("sqlite: text index: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE text_index SET indexed_rid = ? WHERE id = 1`, last); err != nil {
		return fmt.Errorf("sqlite: text index watermark: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: text index: commit: %w", err)
	}
	return nil
}
