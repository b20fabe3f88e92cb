package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/dyad-events/dyad/analysis"
	"github.com/dyad-events/dyad/store"
)

var _ analysis.Source = (*Store)(nil)

// Observations implements analysis.Source (and server.ObservationLister)
// with one query over the events: those whose source or target matches one
// of sel.Actors (exact codes, or "X*" prefixes expanded to the stored
// codes), dated in [sel.From, sel.To) by day; only the partitions of those
// months are read. Merged event ids become Obs.ID, num_mentions
// Obs.Weight, the first mention's PLOVER contexts Obs.Contexts; events
// whose first mention is negated are skipped (docs/analysis.md). The
// negation flag and the contexts are kept on the event row, so no mention
// is read. With sel.NoContexts the contexts are left out. It returns the
// same observations as paging through Events (server.StoreSource).
func (s *Store) Observations(ctx context.Context, sel analysis.Selection) ([]analysis.Obs, error) {
	var w where
	if !sel.From.IsZero() {
		w.add("day >= " + w.arg(dayOf(sel.From)))
	}
	if !sel.To.IsZero() {
		// [From, To) on days: the last day is the one holding To − 1ns.
		hi := dayOf(sel.To.Add(-time.Nanosecond))
		if !sel.From.IsZero() && hi.Before(dayOf(sel.From)) {
			return nil, nil
		}
		w.add("day <= " + w.arg(hi))
	}
	w.add("NOT negated")
	var out []analysis.Obs
	err := s.with(ctx, func(c *pgxpool.Conn) error {
		codes, err := s.expand(ctx, c, sel.Actors)
		if err != nil {
			return err
		}
		if cs, ok := codeCond(&w, "source", codes); ok {
			ct, _ := codeCond(&w, "target", codes)
			w.add("(" + cs + " OR " + ct + ")")
		}
		// Without contexts, the column is not read.
		ctxCol := "first_contexts"
		if sel.NoContexts {
			ctxCol = "'null'"
		}
		rows, err := c.Query(ctx, `SELECT id, day, source, target, cameo, root, quad, goldstein, num_mentions, `+ctxCol+` FROM events`+
			w.sql(), w.args...)
		if err != nil {
			return fmt.Errorf("postgres: observations: %w", err)
		}
		defer rows.Close()
		contexts := map[string][]string{}
		codes2 := map[string]string{} // shared code strings
		intern := func(s string) string {
			if v, ok := codes2[s]; ok {
				return v
			}
			codes2[s] = s
			return s
		}
		var (
			id       int64
			nm       int64
			quad     int32
			cs       string
			src, tgt string
			cameo    string
			root     string
		)
		for rows.Next() {
			var o analysis.Obs
			if err := rows.Scan(&id, &o.Date, &src, &tgt, &cameo, &root, &quad, &o.Goldstein, &nm, &cs); err != nil {
				return fmt.Errorf("postgres: observations: %w", err)
			}
			o.ID = store.FormatEventID(id)
			o.Source, o.Target, o.Code, o.Root = intern(src), intern(tgt), intern(cameo), intern(root)
			o.Quad = int(quad)
			o.Weight = float64(nm)
			if cs != "null" {
				l, ok := contexts[cs]
				if !ok {
					if err := json.Unmarshal([]byte(cs), &l); err != nil {
						return fmt.Errorf("postgres: observations: contexts of event %s: %w", o.ID, err)
					}
					if l == nil {
						l = []string{}
					}
					contexts[cs] = l
				}
				o.Contexts = l
			}
			out = append(out, o)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("postgres: observations: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
