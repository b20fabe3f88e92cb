package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/store"
)

// where accumulates SQL conditions with their arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// upperBound returns the smallest string greater than every string with
// prefix p (p non-empty).
func upperBound(p string) string {
	b := []byte(p)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < 0xff {
			b[i]++
			return string(b[:i+1])
		}
	}
	return "\xff\xff\xff\xff"
}

// codeCond builds "(col matches any pattern)"; ok is false when a pattern
// matches everything ("*").
func codeCond(col string, pats []string) (string, []any, bool) {
	var parts []string
	var args, exact []any
	for _, p := range pats {
		stem, prefix := store.SplitPattern(p)
		switch {
		case prefix && stem == "":
			return "", nil, false
		case prefix:
			parts = append(parts, "("+col+" >= ? AND "+col+" < ?)")
			args = append(args, stem, upperBound(stem))
		default:
			exact = append(exact, stem)
		}
	}
	switch len(exact) {
	case 0:
	case 1:
		parts = append(parts, col+" = ?")
		args = append(args, exact[0])
	default:
		parts = append(parts, col+" IN ("+strings.TrimSuffix(strings.Repeat("?,", len(exact)), ",")+")")
		args = append(args, exact...)
	}
	if len(parts) == 0 {
		return "", nil, false
	}
	return "(" + strings.Join(parts, " OR ") + ")", args, true
}

// noCode stands for a prefix that matched no stored code: it keeps the
// filter and matches nothing.
const noCode = "\x00none"

// expand replaces prefix patterns ("CHN*") by the actor codes stored under
// them (store.ExpandPatterns), so that indexes on (source, target, ...)
// can seek each code instead of scanning the whole prefix range for the
// second column.
func (s *Store) expand(ctx context.Context, pats []string) ([]string, error) {
	return store.ExpandPatterns(pats, noCode, func(p string) ([]string, error) {
		stem, _ := store.SplitPattern(p)
		rows, err := s.db.QueryContext(ctx, `SELECT code FROM actors WHERE code >= ? AND code < ? LIMIT ?`, stem, upperBound(stem), store.MaxExpand+1)
		if err != nil {
			return nil, fmt.Errorf("sqlite: expand %q: %w", p, err)
		}
		defer rows.Close()
		var codes []string
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				return nil, fmt.Errorf("sqlite: expand %q: %w", p, err)
			}
			codes = append(codes, c)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("sqlite: expand %q: %w", p, err)
		}
		return codes, nil
	})
}

// dense reports whether events involving the (expanded) actor codes make
// up more than 1% of all events, by the actor_month rollup.
func (s *Store) dense(ctx context.Context, codes []string) (bool, error) {
	c, a, ok := codeCond("actor", codes)
	if !ok {
		return true, nil
	}
	var n, total int64
	if err := s.db.QueryRowContext(ctx, "SELECT coalesce(sum(as_source + as_target), 0) FROM actor_month WHERE "+c, a...).Scan(&n); err != nil {
		return false, err
	}
	if err := s.db.QueryRowContext(ctx, "SELECT coalesce(max(rid), 0) FROM events").Scan(&total); err != nil {
		return false, err
	}
	return n*100 > total, nil
}

func dayNum(t time.Time) int64 {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / dayUnix
}

func monthNum(t time.Time) int64 {
	t = t.UTC()
	return int64(t.Year())*12 + int64(t.Month()) - 1
}

const eventCols = `e.id, e.date, e.precision, e.source, e.source_country, e.source_sector, e.source_name,
	e.target, e.target_country, e.target_sector, e.target_name, e.cameo, e.root, e.quad, e.goldstein,
	e.num_mentions, e.num_sources, e.num_articles, e.place_name, e.place_country, e.added,
	coalesce(m.json,''), coalesce(m.sentence_text,''), coalesce(d.url,'')`

const eventFrom = ` FROM events e LEFT JOIN mentions m ON m.rid = e.first_mention LEFT JOIN docs d ON d.rid = m.doc_rid`

func scanEvent(sc interface{ Scan(...any) error }) (*store.Event, error) {
	var e store.Event
	var id, added int64
	var pn, pc, js, st string
	err := sc.Scan(&id, &e.Date, &e.DatePrecision, &e.Source.Code, &e.Source.Country, &e.Source.Sector, &e.Source.Name,
		&e.Target.Code, &e.Target.Country, &e.Target.Sector, &e.Target.Name, &e.CAMEO, &e.Root, &e.Quad, &e.Goldstein,
		&e.NumMentions, &e.NumSources, &e.NumArticles, &pn, &pc, &added, &js, &st, &e.FirstURL)
	if err != nil {
		return nil, err
	}
	e.ID = store.FormatEventID(id)
	e.Added = time.Unix(added, 0).UTC()
	if err := e.SetFirst(js, st, pn, pc); err != nil {
		return nil, err
	}
	return &e, nil
}

// Events lists merged events matching f. See store.EventFilter.
func (s *Store) Events(ctx context.Context, f store.EventFilter) ([]store.Event, error) {
	var err error
	if strings.TrimSpace(f.Text) != "" {
		// Mentions stored since the last text query join the index first.
		if err := s.IndexText(ctx); err != nil {
			return nil, err
		}
	}
	for _, l := range []*[]string{&f.Actor, &f.Source, &f.Target} {
		if *l, err = s.expand(ctx, *l); err != nil {
			return nil, err
		}
	}
	var w where
	if c, a, ok := codeCond("e.source", f.Actor); ok {
		c2, a2, _ := codeCond("e.target", f.Actor)
		w.add("("+c+" OR "+c2+")", append(a, a2...)...)
	}
	if c, a, ok := codeCond("e.source", f.Source); ok {
		w.add(c, a...)
	}
	if c, a, ok := codeCond("e.target", f.Target); ok {
		w.add(c, a...)
	}
	if len(f.Country) > 0 {
		ph := strings.TrimSuffix(strings.Repeat("?,", len(f.Country)), ",")
		var a []any
		for _, c := range f.Country {
			a = append(a, strings.ToUpper(c))
		}
		w.add("(e.source_country IN ("+ph+") OR e.target_country IN ("+ph+"))", append(a, a...)...)
	}
	if c, a, ok := codeCond("e.cameo", store.CAMEOPatterns(f.CAMEO)); ok {
		w.add(c, a...)
	}
	if len(f.Root) > 0 {
		var a []any
		for _, r := range f.Root {
			a = append(a, r)
		}
		w.add("e.root IN ("+strings.TrimSuffix(strings.Repeat("?,", len(a)), ",")+")", a...)
	}
	if len(f.Quad) > 0 {
		var a []any
		for _, q := range f.Quad {
			a = append(a, q)
		}
		w.add("e.quad IN ("+strings.TrimSuffix(strings.Repeat("?,", len(a)), ",")+")", a...)
	}
	if !f.From.IsZero() {
		w.add("e.day >= ?", dayNum(f.From))
	}
	if !f.To.IsZero() {
		w.add("e.day <= ?", dayNum(f.To))
	}
	if p := strings.TrimSpace(f.Place); p != "" {
		w.add("(lower(e.place_name) = lower(?) OR e.place_country = upper(?))", p, p)
	}
	if t := strings.TrimSpace(f.Text); t != "" {
		// The full-text matches give the candidate events; the cost grows
		// with the number of matching sentences.
		w.add("e.id IN (SELECT m2.event_id FROM mentions m2 WHERE m2.rid IN (SELECT rowid FROM mention_fts WHERE mention_fts MATCH ?))", t)
	}
	if f.DocID != "" {
		w.add("e.id IN (SELECT m3.event_id FROM mentions m3 JOIN docs d3 ON d3.rid = m3.doc_rid WHERE d3.id = ?)", f.DocID)
	}
	// Ties break on rid, the storage order, which every index carries.
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
		return nil, fmt.Errorf("sqlite: unknown order %q: %w", f.Order, dyad.ErrInvalidInput)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = store.DefaultLimit
	}
	// Select the page of rids first (often from an index alone), then
	// join the rows and their first mentions for that page only.
	// An actor on either side that is frequent is found faster by walking
	// the events by date than by collecting all its events to sort them.
	from := " FROM events e"
	if len(f.Actor) > 0 && (f.Order == "" || f.Order == store.OrderDateDesc || f.Order == store.OrderDateAsc) && f.Text == "" && f.DocID == "" {
		if dense, err := s.dense(ctx, f.Actor); err == nil && dense {
			from = " FROM events e INDEXED BY events_day"
		}
	}
	q := "SELECT " + eventCols + " FROM (SELECT e.rid" + from + w.sql() + order + " LIMIT ? OFFSET ?) AS page" +
		" JOIN events e ON e.rid = page.rid LEFT JOIN mentions m ON m.rid = e.first_mention LEFT JOIN docs d ON d.rid = m.doc_rid" + order
	rows, err := s.db.QueryContext(ctx, q, append(w.args, limit, max(f.Offset, 0))...)
	if err != nil {
		if f.Text != "" && ctx.Err() == nil {
			return nil, fmt.Errorf("sqlite: text query %q: %w: %v", f.Text, dyad.ErrInvalidInput, err)
		}
		return nil, fmt.Errorf("sqlite: events: %w", err)
	}
	defer rows.Close()
	var out []store.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: events: %w", err)
		}
		out = append(out, *e)
	}
	if err := rows.Err(); err != nil {
		if f.Text != "" && ctx.Err() == nil {
			return nil, fmt.Errorf("sqlite: text query %q: %w: %v", f.Text, dyad.ErrInvalidInput, err)
		}
		return nil, fmt.Errorf("sqlite: events: %w", err)
	}
	return out, nil
}

// Event returns a merged event with every mention. id is an event id (16
// hex digits) or a mention id.
func (s *Store) Event(ctx context.Context, id string) (*store.Event, error) {
	key, ok := store.ParseEventID(id)
	var e *store.Event
	var err error
	if ok {
		e, err = scanEvent(s.db.QueryRowContext(ctx, "SELECT "+eventCols+eventFrom+" WHERE e.id = ?", key))
	}
	if !ok || isNotFound(err) {
		e, err = scanEvent(s.db.QueryRowContext(ctx, "SELECT "+eventCols+eventFrom+
			" WHERE e.id = (SELECT event_id FROM mentions WHERE id = ?)", id))
	}
	if isNotFound(err) {
		return nil, fmt.Errorf("event %q: %w", id, dyad.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: event %q: %w", id, err)
	}
	key, _ = store.ParseEventID(e.ID)
	rows, err := s.db.QueryContext(ctx, `SELECT m.json, m.sentence_text, d.url, d.source, d.title, d.date
		FROM mentions m JOIN docs d ON d.rid = m.doc_rid WHERE m.event_id = ? ORDER BY m.rid`, key)
	if err != nil {
		return nil, fmt.Errorf("sqlite: mentions of %s: %w", e.ID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var m store.Mention
		var js string
		var date int64
		if err := rows.Scan(&js, &m.SentenceText, &m.DocURL, &m.DocSource, &m.DocTitle, &date); err != nil {
			return nil, fmt.Errorf("sqlite: mentions of %s: %w", e.ID, err)
		}
		if m.Event, err = store.DecodeMention([]byte(js), m.SentenceText); err != nil {
			return nil, fmt.Errorf("sqlite: mention of %s: %w", e.ID, err)
		}
		m.DocDate = fromUnix(date)
		e.Mentions = append(e.Mentions, m)
	}
	return e, rows.Err()
}

func fromUnix(u int64) time.Time {
	if u == 0 {
		return time.Time{}
	}
	return time.Unix(u, 0).UTC()
}

// Documents lists stored documents, newest publication date first.
func (s *Store) Documents(ctx context.Context, f store.DocFilter) ([]store.DocInfo, error) {
	var w where
	if f.Source != "" {
		w.add("source = ?", f.Source)
	}
	if !f.From.IsZero() {
		w.add("date >= ?", f.From.Unix())
	}
	if !f.To.IsZero() {
		w.add("date <= ?", f.To.Unix())
	}
	if f.Text != "" {
		pat := "%" + strings.ToLower(f.Text) + "%"
		w.add("(lower(title) LIKE ? OR lower(url) LIKE ? OR lower(id) LIKE ?)", pat, pat, pat)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = store.DefaultLimit
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, url, title, source, date, date_source, hash, bytes, mentions, added FROM docs`+
		w.sql()+` ORDER BY date DESC, rid DESC LIMIT ? OFFSET ?`, append(w.args, limit, max(f.Offset, 0))...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: documents: %w", err)
	}
	defer rows.Close()
	var out []store.DocInfo
	for rows.Next() {
		var d store.DocInfo
		var date, added int64
		if err := rows.Scan(&d.ID, &d.URL, &d.Title, &d.Source, &date, &d.DateSource, &d.Hash, &d.Bytes, &d.Mentions, &added); err != nil {
			return nil, fmt.Errorf("sqlite: documents: %w", err)
		}
		d.Date, d.Added = fromUnix(date), fromUnix(added)
		out = append(out, d)
	}
	return out, rows.Err()
}

// Document returns a stored document with its text and mentions.
func (s *Store) Document(ctx context.Context, id string) (*store.Doc, error) {
	var d store.Doc
	var rid, date int64
	err := s.db.QueryRowContext(ctx, `SELECT rid, id, url, title, source, date, date_source, hash, text FROM docs WHERE id = ?`, id).
		Scan(&rid, &d.ID, &d.URL, &d.Title, &d.Source, &date, &d.DateSource, &d.Hash, &d.Text)
	if isNotFound(err) {
		return nil, fmt.Errorf("document %q: %w", id, dyad.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: document %q: %w", id, err)
	}
	d.Date = fromUnix(date)
	rows, err := s.db.QueryContext(ctx, `SELECT json, sentence_text FROM mentions WHERE doc_rid = ? ORDER BY rid`, rid)
	if err != nil {
		return nil, fmt.Errorf("sqlite: document %q: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var js, st string
		if err := rows.Scan(&js, &st); err != nil {
			return nil, fmt.Errorf("sqlite: document %q: %w", id, err)
		}
		ev, err := store.DecodeMention([]byte(js), st)
		if err != nil {
			return nil, fmt.Errorf("sqlite: document %q: %w", id, err)
		}
		d.Events = append(d.Events, ev)
	}
	return &d, rows.Err()
}

// Actors lists actor codes whose code starts with q.Query or whose name
// contains it, most frequent first.
func (s *Store) Actors(ctx context.Context, q store.ActorQuery) ([]store.ActorCount, error) {
	var w where
	if t := strings.TrimSpace(strings.TrimSuffix(q.Query, "*")); t != "" {
		up := strings.ToUpper(t)
		w.add("((a.code >= ? AND a.code < ?) OR lower(a.name) LIKE ?)", up, upperBound(up), "%"+strings.ToLower(t)+"%")
	}
	limit := q.Limit
	if limit <= 0 {
		limit = store.DefaultLimit
	}
	rows, err := s.db.QueryContext(ctx, `SELECT a.code, a.name, a.country,
		coalesce((SELECT sum(as_source) FROM actor_month am WHERE am.actor = a.code), 0) AS s,
		coalesce((SELECT sum(as_target) FROM actor_month am WHERE am.actor = a.code), 0) AS t
		FROM actors a`+w.sql()+` ORDER BY s + t DESC, a.code LIMIT ?`, append(w.args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: actors: %w", err)
	}
	defer rows.Close()
	var out []store.ActorCount
	for rows.Next() {
		var a store.ActorCount
		if err := rows.Scan(&a.Code, &a.Name, &a.Country, &a.AsSource, &a.AsTarget); err != nil {
			return nil, fmt.Errorf("sqlite: actors: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// analysableSQL selects the events the analyses count: a quad class 1–4
// and not negated. rollupQuadSQL is the SQL form of store.RollupQuad.
const (
	analysableSQL = "negated = 0 AND quad BETWEEN 1 AND 4"
	rollupQuadSQL = "(CASE WHEN negated = 0 AND quad BETWEEN 1 AND 4 THEN quad ELSE 0 END)"
)

// DyadCounts returns per-period counts between q.Source and q.Target.
// Monthly series read the dyad_month rollup; daily and weekly series read
// the events table through its (source, target, day) index.
func (s *Store) DyadCounts(ctx context.Context, q store.CountQuery) ([]store.PeriodCount, error) {
	by, err := store.ValidPeriod(q.By)
	if err != nil {
		return nil, err
	}
	col, tbl, cnt := "month", "dyad_month", "sum(e0), sum(e1), sum(e2), sum(e3), sum(e4), sum(m0), sum(m1), sum(m2), sum(m3), sum(m4), sum(goldstein)"
	lo, hi := any(nil), any(nil)
	if by == "month" {
		if !q.From.IsZero() {
			lo = monthNum(q.From)
		}
		if !q.To.IsZero() {
			hi = monthNum(q.To)
		}
	} else {
		col, tbl, cnt = "day", "events", strings.ReplaceAll(`sum(RQ = 0), sum(RQ = 1), sum(RQ = 2), sum(RQ = 3), sum(RQ = 4),
			sum(CASE WHEN RQ = 0 THEN num_mentions ELSE 0 END), sum(CASE WHEN RQ = 1 THEN num_mentions ELSE 0 END),
			sum(CASE WHEN RQ = 2 THEN num_mentions ELSE 0 END), sum(CASE WHEN RQ = 3 THEN num_mentions ELSE 0 END),
			sum(CASE WHEN RQ = 4 THEN num_mentions ELSE 0 END), sum(CASE WHEN RQ = 0 THEN 0 ELSE goldstein END)`, "RQ", rollupQuadSQL)
		if !q.From.IsZero() {
			lo = dayNum(q.From)
		}
		if !q.To.IsZero() {
			hi = dayNum(q.To)
		}
	}
	if q.Source, err = s.expand(ctx, q.Source); err != nil {
		return nil, err
	}
	if q.Target, err = s.expand(ctx, q.Target); err != nil {
		return nil, err
	}
	sc, sa, sok := codeCond("source", q.Source)
	tc, ta, tok := codeCond("target", q.Target)
	dir, dargs := "1", []any(nil)
	switch {
	case sok && tok:
		dir, dargs = sc+" AND "+tc, append(append([]any{}, sa...), ta...)
	case sok:
		dir, dargs = sc, sa
	case tok:
		dir, dargs = tc, ta
	}
	// One range scan per direction (an OR would make SQLite deduplicate
	// rows); the reverse scan skips rows the direct one counted.
	type part struct {
		cond string
		args []any
	}
	parts := []part{{dir, dargs}}
	if !q.Directed && (sok || tok) {
		rc, ra, _ := codeCond("target", q.Source)
		rt, rta, _ := codeCond("source", q.Target)
		rev, rargs := "1", []any(nil)
		switch {
		case sok && tok:
			rev, rargs = rc+" AND "+rt, append(append([]any{}, ra...), rta...)
		case sok:
			rev, rargs = rc, ra
		case tok:
			rev, rargs = rt, rta
		}
		parts = append(parts, part{"(" + rev + ") AND NOT (" + dir + ")", append(rargs, dargs...)})
	}
	per := map[int64]*store.PeriodCount{}
	for _, pt := range parts {
		var w where
		w.add(pt.cond, pt.args...)
		if lo != nil {
			w.add(col+" >= ?", lo)
		}
		if hi != nil {
			w.add(col+" <= ?", hi)
		}
		if err := s.countRows(ctx, "SELECT "+col+", "+cnt+" FROM "+tbl+w.sql()+" GROUP BY "+col, w.args, col, by, per); err != nil {
			return nil, err
		}
	}
	return store.CountsByPeriod(per), nil
}

// countRows adds the rows of a DyadCounts query to per.
func (s *Store) countRows(ctx context.Context, q string, args []any, col, by string, per map[int64]*store.PeriodCount) error {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("sqlite: dyad counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p int64
		var ev, mn [5]int64
		var g float64
		if err := rows.Scan(&p, &ev[0], &ev[1], &ev[2], &ev[3], &ev[4], &mn[0], &mn[1], &mn[2], &mn[3], &mn[4], &g); err != nil {
			return fmt.Errorf("sqlite: dyad counts: %w", err)
		}
		start := periodOf(col, p, by)
		k := start.Unix()
		pc := per[k]
		if pc == nil {
			pc = &store.PeriodCount{Period: start}
			per[k] = pc
		}
		pc.Add(ev, mn, g)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: dyad counts: %w", err)
	}
	return nil
}

// periodOf converts a month or day number to the start of its period.
func periodOf(col string, p int64, by string) time.Time {
	if col == "month" {
		return time.Date(int(p/12), time.Month(p%12+1), 1, 0, 0, 0, 0, time.UTC)
	}
	return store.PeriodStart(time.Unix(p*dayUnix, 0), by)
}

// ActorTotals returns per-period counts of events involving q.Actor.
func (s *Store) ActorTotals(ctx context.Context, q store.TotalsQuery) ([]store.PeriodTotal, error) {
	by, err := store.ValidPeriod(q.By)
	if err != nil {
		return nil, err
	}
	if q.Actor, err = s.expand(ctx, q.Actor); err != nil {
		return nil, err
	}
	per := map[int64]*store.PeriodTotal{}
	get := func(t time.Time) *store.PeriodTotal {
		pt := per[t.Unix()]
		if pt == nil {
			pt = &store.PeriodTotal{Period: t}
			per[t.Unix()] = pt
		}
		return pt
	}
	// The actor rollups: actor_month for months, actor_day (migration
	// 0007) for days and weeks.
	table, col, num := "actor_month", "month", monthNum
	if by != "month" {
		table, col, num = "actor_day", "day", dayNum
	}
	var w where
	if c, a, ok := codeCond("actor", q.Actor); ok {
		w.add(c, a...)
	}
	if !q.From.IsZero() {
		w.add(col+" >= ?", num(q.From))
	}
	if !q.To.IsZero() {
		w.add(col+" <= ?", num(q.To))
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+col+", sum(as_source), sum(as_target) FROM "+table+w.sql()+" GROUP BY "+col, w.args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: actor totals: %w", err)
	}
	for rows.Next() {
		var p, a, b int64
		if err := rows.Scan(&p, &a, &b); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: actor totals: %w", err)
		}
		pt := get(periodOf(col, p, by))
		pt.AsSource += int(a)
		pt.AsTarget += int(b)
		pt.Total += int(a + b)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: actor totals: %w", err)
	}
	// Events with the set on both sides were counted twice.
	both, err := s.DyadCounts(ctx, store.CountQuery{Source: q.Actor, Target: q.Actor, Directed: true, From: q.From, To: q.To, By: by})
	if err != nil {
		return nil, err
	}
	for _, b := range both {
		get(b.Period).Total -= b.Events[1] + b.Events[2] + b.Events[3] + b.Events[4]
	}
	return store.TotalsByPeriod(per), nil
}
