package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/store"
)

// eventSelect reads an event row (alias e) with its first mention (m) and
// that mention's document URL (d).
const eventSelect = `e.id, e.date, e.precision, e.source, e.source_country, e.source_sector, e.source_name,
	e.target, e.target_country, e.target_sector, e.target_name, e.cameo, e.root, e.quad, e.goldstein,
	e.num_mentions, e.num_sources, e.num_articles, e.place_name, e.place_country, e.added,
	coalesce(m.event_json, ''), coalesce(m.sentence_text, ''), coalesce(d.url, '')`

const eventJoin = ` LEFT JOIN mentions m ON m.rid = e.first_mention LEFT JOIN docs d ON d.rid = m.doc_rid`

func scanEvent(sc pgx.Row) (*store.Event, error) {
	var e store.Event
	var id int64
	var added time.Time
	var pn, pc, js, st string
	err := sc.Scan(&id, &e.Date, &e.DatePrecision, &e.Source.Code, &e.Source.Country, &e.Source.Sector, &e.Source.Name,
		&e.Target.Code, &e.Target.Country, &e.Target.Sector, &e.Target.Name, &e.CAMEO, &e.Root, &e.Quad, &e.Goldstein,
		&e.NumMentions, &e.NumSources, &e.NumArticles, &pn, &pc, &added, &js, &st, &e.FirstURL)
	if err != nil {
		return nil, err
	}
	e.ID = store.FormatEventID(id)
	e.Added = added.UTC()
	if err := e.SetFirst(js, st, pn, pc); err != nil {
		return nil, err
	}
	return &e, nil
}

// Events lists merged events matching f. See store.EventFilter. Text is a
// full-text query in SQLite FTS5 syntax (words, "phrases", AND, OR, NOT,
// prefix*, parentheses), run with PostgreSQL's text search.
func (s *Store) Events(ctx context.Context, f store.EventFilter) ([]store.Event, error) {
	order := " ORDER BY e.day DESC, e.rid DESC"
	switch f.Order {
	case store.OrderDateAsc:
		order = " ORDER BY e.day, e.rid"
	case store.OrderMentionsDesc:
		order = " ORDER BY e.num_mentions DESC, e.day DESC, e.rid DESC"
	case store.OrderAdded:
		order = " ORDER BY e.rid"
	case "", store.OrderDateDesc:
	default:
		return nil, fmt.Errorf("postgres: unknown order %q: %w", f.Order, dyad.ErrInvalidInput)
	}
	var w where
	if t := strings.TrimSpace(f.Text); t != "" {
		q, err := ftsQuery(&w, t)
		if err != nil {
			return nil, fmt.Errorf("postgres: text query %q: %w: %v", f.Text, dyad.ErrInvalidInput, err)
		}
		w.add("(e.id, e.day) IN (SELECT m2.event_id, m2.event_day FROM mentions m2 WHERE to_tsvector('simple', m2.sentence_text) @@ " + q + ")")
	}
	var out []store.Event
	err := s.with(ctx, func(c *pgxpool.Conn) error {
		var err error
		for _, l := range []*[]string{&f.Actor, &f.Source, &f.Target} {
			if *l, err = s.expand(ctx, c, *l); err != nil {
				return err
			}
		}
		if cs, ok := codeCond(&w, "e.source", f.Actor); ok {
			ct, _ := codeCond(&w, "e.target", f.Actor)
			w.add("(" + cs + " OR " + ct + ")")
		}
		if cond, ok := codeCond(&w, "e.source", f.Source); ok {
			w.add(cond)
		}
		if cond, ok := codeCond(&w, "e.target", f.Target); ok {
			w.add(cond)
		}
		if len(f.Country) > 0 {
			var cs []string
			for _, c := range f.Country {
				cs = append(cs, clean(strings.ToUpper(c)))
			}
			p := w.arg(cs)
			w.add("(e.source_country = ANY(" + p + ") OR e.target_country = ANY(" + p + "))")
		}
		if cond, ok := codeCond(&w, "e.cameo", store.CAMEOPatterns(f.CAMEO)); ok {
			w.add(cond)
		}
		if len(f.Root) > 0 {
			roots := make([]string, len(f.Root))
			for i, r := range f.Root {
				roots[i] = clean(r)
			}
			w.add("e.root = ANY(" + w.arg(roots) + ")")
		}
		if len(f.Quad) > 0 {
			qs := make([]int32, len(f.Quad))
			for i, q := range f.Quad {
				qs[i] = int32(q)
			}
			w.add("e.quad = ANY(" + w.arg(qs) + ")")
		}
		if !f.From.IsZero() {
			w.add("e.day >= " + w.arg(dayOf(f.From)))
		}
		if !f.To.IsZero() {
			w.add("e.day <= " + w.arg(dayOf(f.To)))
		}
		if p := strings.TrimSpace(f.Place); p != "" {
			a := w.arg(clean(p))
			w.add("(lower(e.place_name) = lower(" + a + ") OR e.place_country = upper(" + a + "))")
		}
		if f.DocID != "" {
			w.add("(e.id, e.day) IN (SELECT m3.event_id, m3.event_day FROM mentions m3 JOIN docs d3 ON d3.rid = m3.doc_rid WHERE d3.id = " +
				w.arg(clean(f.DocID)) + ")")
		}
		limit := f.Limit
		if limit <= 0 {
			limit = store.DefaultLimit
		}
		// By date, the planner walks the events in date order until the
		// page is full. Events of rare actors are found faster through the
		// actor indexes and sorted: ordering by an expression rules the
		// walk out.
		inner := order
		byDate := f.Order == "" || f.Order == store.OrderDateDesc || f.Order == store.OrderDateAsc
		if byDate && (len(f.Actor) > 0 || len(f.Source) > 0 || len(f.Target) > 0) && f.Text == "" && f.DocID == "" {
			few, err := fewEvents(ctx, c, f, limit+max(f.Offset, 0))
			if err != nil {
				return err
			}
			if few {
				inner = strings.Replace(order, "e.day", "(e.day + 0)", 1)
			}
		}
		// The page of events first, then their first mentions for that
		// page only.
		q := "SELECT " + eventSelect + " FROM (SELECT e.* FROM events e" + w.sql() + inner +
			" LIMIT " + w.arg(limit) + " OFFSET " + w.arg(max(f.Offset, 0)) + ") e" + eventJoin + order
		rows, err := c.Query(ctx, q, w.args...)
		if err != nil {
			return fmt.Errorf("postgres: events: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			e, err := scanEvent(rows)
			if err != nil {
				return fmt.Errorf("postgres: events: %w", err)
			}
			out = append(out, *e)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("postgres: events: %w", err)
		}
		return nil
	})
	return out, err
}

// Event returns a merged event with every mention. id is an event id (16
// hex digits) or a mention id.
func (s *Store) Event(ctx context.Context, id string) (*store.Event, error) {
	var e *store.Event
	err := s.with(ctx, func(c *pgxpool.Conn) error {
		key, ok := store.ParseEventID(id)
		var err error
		if ok {
			e, err = scanEvent(c.QueryRow(ctx, "SELECT "+eventSelect+" FROM events e"+eventJoin+" WHERE e.id = $1", key))
		}
		if !ok || isNoRows(err) {
			e, err = scanEvent(c.QueryRow(ctx, "SELECT "+eventSelect+" FROM events e"+eventJoin+
				" WHERE (e.id, e.day) = (SELECT event_id, event_day FROM mentions WHERE id = $1)", clean(id)))
		}
		if isNoRows(err) {
			return fmt.Errorf("event %q: %w", id, dyad.ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("postgres: event %q: %w", id, err)
		}
		key, _ = store.ParseEventID(e.ID)
		rows, err := c.Query(ctx, `SELECT m.event_json, m.sentence_text, d.url, d.source, d.title, d.date
			FROM mentions m JOIN docs d ON d.rid = m.doc_rid WHERE m.event_id = $1 ORDER BY m.rid`, key)
		if err != nil {
			return fmt.Errorf("postgres: mentions of %s: %w", e.ID, err)
		}
		defer rows.Close()
		for rows.Next() {
			var m store.Mention
			var js string
			var date *time.Time
			if err := rows.Scan(&js, &m.SentenceText, &m.DocURL, &m.DocSource, &m.DocTitle, &date); err != nil {
				return fmt.Errorf("postgres: mentions of %s: %w", e.ID, err)
			}
			if m.Event, err = store.DecodeMention([]byte(js), m.SentenceText); err != nil {
				return fmt.Errorf("postgres: mention of %s: %w", e.ID, err)
			}
			m.DocDate = utcOrZero(date)
			e.Mentions = append(e.Mentions, m)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// fewEvents reports whether the actor filters of f select so few events
// that collecting and sorting them beats walking all events by date until
// want of them are found: when n² < total·want, n the events selected
// (from the rollups) and total the events stored (from the planner's
// statistics; at least n).
func fewEvents(ctx context.Context, c *pgxpool.Conn, f store.EventFilter, want int) (bool, error) {
	var w where
	var q string
	switch {
	case len(f.Source) > 0 && len(f.Target) > 0:
		sc, sok := codeCond(&w, "source", f.Source)
		tc, tok := codeCond(&w, "target", f.Target)
		if !sok || !tok {
			return false, nil
		}
		q = "SELECT coalesce(sum(e0 + e1 + e2 + e3 + e4), 0)::bigint FROM dyad_month WHERE " + sc + " AND " + tc
	default:
		pats, col := f.Actor, "as_source + as_target"
		if len(pats) == 0 && len(f.Source) > 0 {
			pats, col = f.Source, "as_source"
		} else if len(pats) == 0 {
			pats, col = f.Target, "as_target"
		}
		cond, ok := codeCond(&w, "actor", pats)
		if !ok {
			return false, nil
		}
		q = "SELECT coalesce(sum(" + col + "), 0)::bigint FROM actor_month WHERE " + cond
	}
	var n, total int64
	if err := c.QueryRow(ctx, q, w.args...).Scan(&n); err != nil {
		return false, fmt.Errorf("postgres: events: estimate: %w", err)
	}
	if err := c.QueryRow(ctx, `SELECT coalesce(sum(greatest(c.reltuples, 0)), 0)::bigint FROM pg_inherits i
		JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'events'::regclass`).Scan(&total); err != nil {
		return false, fmt.Errorf("postgres: events: estimate: %w", err)
	}
	total = max(total, n)
	return n*n < total*int64(max(want, 1)), nil
}
