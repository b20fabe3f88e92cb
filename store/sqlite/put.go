package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/store"
)

// eventAgg gathers what one batch adds to one merged event.
type eventAgg struct {
	key       int64
	first     *dyad.Event // first new mention
	firstRid  int64
	firstDoc  int // index of the document in the batch
	day       int64
	month     int64
	mentions  int
	docs      distinct[int64]  // document rids
	sources   distinct[string] // document sources
	existed   bool
	firstSeen int // order of first appearance
}

const dayUnix = 86400

// distinct is a set for the few documents or sources of a merged event in
// a batch: a slice, and a map past distinctMax values.
type distinct[T comparable] struct {
	vals []T
	set  map[T]struct{}
}

const distinctMax = 16

func (d *distinct[T]) add(v T) {
	if d.set != nil {
		d.set[v] = struct{}{}
		return
	}
	if slices.Contains(d.vals, v) {
		return
	}
	d.vals = append(d.vals, v)
	if len(d.vals) > distinctMax {
		d.set = make(map[T]struct{}, 2*len(d.vals))
		for _, x := range d.vals {
			d.set[x] = struct{}{}
		}
		d.vals = nil
	}
}

func (d *distinct[T]) len() int {
	if d.set != nil {
		return len(d.set)
	}
	return len(d.vals)
}

// pendingMention is a mention waiting for the batch's bulk insert.
type pendingMention struct {
	ev     dyad.Event
	doc    int
	docRid int64
	key    int64
}

// multiRows is the number of rows per multi-row INSERT.
const multiRows = 100

// multi runs one multi-row statement shape, prepared per row count.
type multi struct {
	tx         *sql.Tx
	head, tail string
	cols       int
	stmts      map[int]*sql.Stmt
	all        *[]*sql.Stmt
}

func newMulti(tx *sql.Tx, head string, cols int, tail string, all *[]*sql.Stmt) *multi {
	return &multi{tx: tx, head: head, tail: tail, cols: cols, stmts: map[int]*sql.Stmt{}, all: all}
}

func (m *multi) stmt(ctx context.Context, rows int) (*sql.Stmt, error) {
	if st := m.stmts[rows]; st != nil {
		return st, nil
	}
	var b strings.Builder
	b.WriteString(m.head)
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", m.cols), ",") + ")"
	for i := 0; i < rows; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(row)
	}
	b.WriteString(m.tail)
	st, err := prep(ctx, m.tx, b.String(), m.all)
	if err != nil {
		return nil, err
	}
	m.stmts[rows] = st
	return st, nil
}

func (m *multi) exec(ctx context.Context, rows int, args []any) error {
	st, err := m.stmt(ctx, rows)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, args...)
	return err
}

// appendRows runs a multi-row "INSERT OR IGNORE" whose rows take their rid
// from SQLite (one more than the largest, which putTx read in the same
// write transaction to number them) and checks that all rows went in and
// the last got rid last. With neither an explicit rid nor ABORT conflict
// handling, SQLite needs no statement journal (a copy of every page the
// statement changes, kept to undo it alone); PutBatch stores about 15%
// more events per CPU-second without it.
// The lookups before the inserts rule out conflicts; a row skipped all
// the same fails the check, and PutBatch rolls the whole batch back.
func (m *multi) appendRows(ctx context.Context, rows int, args []any, last int64) error {
	st, err := m.stmt(ctx, rows)
	if err != nil {
		return err
	}
	r, err := st.ExecContext(ctx, args...)
	if err != nil {
		return err
	}
	n, err := r.RowsAffected()
	if err != nil {
		return err
	}
	id, err := r.LastInsertId()
	if err != nil {
		return err
	}
	if n != int64(rows) || id != last {
		return fmt.Errorf("%d of %d rows stored, last rid %d, want %d", n, rows, id, last)
	}
	return nil
}

func (m *multi) query(ctx context.Context, rows int, args []any, each func(*sql.Rows) error) error {
	st, err := m.stmt(ctx, rows)
	if err != nil {
		return err
	}
	rs, err := st.QueryContext(ctx, args...)
	if err != nil {
		return err
	}
	defer rs.Close()
	for rs.Next() {
		if err := each(rs); err != nil {
			return err
		}
	}
	return rs.Err()
}

// PutBatch stores docs in one transaction. See store.Store.
func (s *Store) PutBatch(ctx context.Context, docs []store.Doc) ([]store.PutResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	res := make([]store.PutResult, len(docs))
	if len(docs) == 0 {
		return res, nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	if err := s.putTx(ctx, tx, docs, res); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: commit: %w", err)
	}
	return res, nil
}

func prep(ctx context.Context, tx *sql.Tx, q string, stmts *[]*sql.Stmt) (*sql.Stmt, error) {
	st, err := tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("sqlite: prepare %q: %w", q, err)
	}
	*stmts = append(*stmts, st)
	return st, nil
}

// inChunk is the number of values per "IN (...)" lookup.
const inChunk = 400

// existing runs "SELECT cols FROM table WHERE col IN (...)" over vals in
// chunks and calls each for every row. A col of the form "url AND url<>”"
// keeps the condition (so that partial indexes apply).
func existing[T any](ctx context.Context, tx *sql.Tx, sel, col string, vals []T, each func(*sql.Rows) error) error {
	col, extra, _ := strings.Cut(col, " AND ")
	if extra != "" {
		extra = " AND " + extra
	}
	for k := 0; k < len(vals); k += inChunk {
		chunk := vals[k:min(k+inChunk, len(vals))]
		args := make([]any, len(chunk))
		for i, v := range chunk {
			args[i] = v
		}
		rows, err := tx.QueryContext(ctx, sel+" WHERE "+col+" IN ("+strings.TrimSuffix(strings.Repeat("?,", len(chunk)), ",")+")"+extra, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := each(rows); err != nil {
				rows.Close()
				return err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

func maxRid(ctx context.Context, tx *sql.Tx, table string) (int64, error) {
	var n int64
	err := tx.QueryRowContext(ctx, `SELECT coalesce(max(rid), 0) FROM `+table).Scan(&n)
	return n, err
}

func (s *Store) putTx(ctx context.Context, tx *sql.Tx, docs []store.Doc, res []store.PutResult) (err error) {
	now := s.now().Unix()
	var stmts []*sql.Stmt
	defer func() {
		for _, st := range stmts {
			st.Close()
		}
	}()
	r, err := tx.ExecContext(ctx, `INSERT INTO batches(n_docs, added) VALUES(0, ?)`, now)
	if err != nil {
		return fmt.Errorf("sqlite: batch: %w", err)
	}
	batch, _ := r.LastInsertId()

	hashes := make([]string, len(docs))
	dups := store.NewDupIndex[int64]() // document rids
	{
		var ids, hs, urls []string
		for i := range docs {
			d := &docs[i]
			hashes[i] = d.Hash
			if hashes[i] == "" {
				hashes[i] = store.ContentHash(d.Text)
			}
			ids = append(ids, d.ID)
			if hashes[i] != "" {
				hs = append(hs, hashes[i])
			}
			if d.URL != "" {
				urls = append(urls, d.URL)
			}
		}
		scan := func(kind store.DupKind) func(*sql.Rows) error {
			return func(rows *sql.Rows) error {
				var rid int64
				var id, key string
				if err := rows.Scan(&rid, &id, &key); err != nil {
					return err
				}
				dups.AddBy(kind, key, id, rid)
				return nil
			}
		}
		if err := existing(ctx, tx, `SELECT rid, id, id FROM docs`, "id", ids, scan(store.DupByID)); err != nil {
			return fmt.Errorf("sqlite: lookup documents: %w", err)
		}
		if err := existing(ctx, tx, `SELECT rid, id, hash FROM docs`, "hash AND hash<>''", hs, scan(store.DupByContent)); err != nil {
			return fmt.Errorf("sqlite: lookup documents: %w", err)
		}
		if err := existing(ctx, tx, `SELECT rid, id, url FROM docs`, "url AND url<>''", urls, scan(store.DupByURL)); err != nil {
			return fmt.Errorf("sqlite: lookup documents: %w", err)
		}
	}
	nextDoc, err := maxRid(ctx, tx, "docs")
	if err != nil {
		return fmt.Errorf("sqlite: documents: %w", err)
	}

	// Classify the documents and gather their mentions.
	type newDoc struct {
		i   int
		rid int64
	}
	var accepted []newDoc
	pending := make([]pendingMention, 0, 16*len(docs))
	for i := range docs {
		d := &docs[i]
		pr := &res[i]
		pr.ID = d.ID
		if bad := store.ValidateDoc(d); bad != "" {
			pr.Status, pr.Reason = store.StatusFailed, bad
			continue
		}
		// Duplicate detection: id, then content, then URL.
		docRid, docID, kind := dups.Find(d.ID, hashes[i], d.URL)
		if kind != 0 {
			pr.Status, pr.Reason, pr.DuplicateOf = store.StatusDuplicate, kind.Reason(docID), docID
			if !d.AppendEvents || kind == store.DupByContent {
				continue
			}
		} else {
			nextDoc++
			docRid, docID = nextDoc, d.ID
			dups.Add(d.ID, hashes[i], d.URL, docRid)
			pr.Status = store.StatusNew
			accepted = append(accepted, newDoc{i, docRid})
		}
		for j := range d.Events {
			ev := d.Events[j] // copy
			ev.DocID = docID
			store.NormalizeEventDate(&ev, d.Date)
			pending = append(pending, pendingMention{ev: ev, doc: i, docRid: docRid,
				key: store.EventKey(ev.Date, ev.Source.Code, ev.Target.Code, ev.CAMEO)})
		}
	}

	// Drop mentions already stored or repeated in the batch.
	known := map[string]bool{}
	{
		ids := make([]string, len(pending))
		for k := range pending {
			ids[k] = pending[k].ev.ID
		}
		if err := existing(ctx, tx, `SELECT id FROM mentions`, "id", ids, func(rows *sql.Rows) error {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			known[id] = true
			return nil
		}); err != nil {
			return fmt.Errorf("sqlite: lookup mentions: %w", err)
		}
	}
	fresh := pending[:0]
	for _, p := range pending {
		if known[p.ev.ID] {
			continue
		}
		known[p.ev.ID] = true
		fresh = append(fresh, p)
	}
	pending = fresh
	perDoc := map[int64]int{}
	for k := range pending {
		perDoc[pending[k].docRid]++
		res[pending[k].doc].Mentions++
	}

	// Insert the new documents, their mention counts known.
	if len(accepted) > 0 {
		ins := newMulti(tx, `INSERT OR IGNORE INTO docs(id,url,hash,title,source,date,date_source,text,bytes,mentions,batch,added) VALUES `, 12, ``, &stmts)
		const rows = 50
		args := make([]any, 0, rows*12)
		for k := 0; k < len(accepted); k += rows {
			chunk := accepted[k:min(k+rows, len(accepted))]
			args = args[:0]
			for _, a := range chunk {
				d := &docs[a.i]
				args = append(args, d.ID, d.URL, hashes[a.i], d.Title, d.Source, unixOrZero(d.Date), d.DateSource,
					d.Text, len(d.Text), perDoc[a.rid], batch, now)
				delete(perDoc, a.rid)
			}
			if err := ins.appendRows(ctx, len(chunk), args, chunk[len(chunk)-1].rid); err != nil {
				return fmt.Errorf("sqlite: insert documents: %w", err)
			}
		}
	}
	// Stored documents that gained mentions (AppendEvents).
	for rid, n := range perDoc {
		if _, err := tx.ExecContext(ctx, `UPDATE docs SET mentions=mentions+? WHERE rid=?`, n, rid); err != nil {
			return fmt.Errorf("sqlite: count mentions: %w", err)
		}
	}

	// Insert the mentions with explicit rids, many rows per statement.
	nextMention, err := maxRid(ctx, tx, "mentions")
	if err != nil {
		return fmt.Errorf("sqlite: mentions: %w", err)
	}
	aggs := map[int64]*eventAgg{}
	var order []*eventAgg
	actors := map[string]dyad.Actor{}
	ins := newMulti(tx, `INSERT OR IGNORE INTO mentions(id,event_id,doc_rid,sentence,json,sentence_text) VALUES `, 6, ``, &stmts)
	args := make([]any, 0, multiRows*6)
	for k := 0; k < len(pending); k += multiRows {
		chunk := pending[k:min(k+multiRows, len(pending))]
		args = args[:0]
		for c := range chunk {
			p := &chunk[c]
			nextMention++
			js, err := store.EncodeMention(&p.ev)
			if err != nil {
				return fmt.Errorf("sqlite: %w", err)
			}
			args = append(args, p.ev.ID, p.key, p.docRid, p.ev.Sentence, js, p.ev.SentenceText)
			a := aggs[p.key]
			if a == nil {
				day, _ := store.EventDay(p.ev.Date)
				a = &eventAgg{key: p.key, first: &p.ev, firstRid: nextMention, firstDoc: p.doc, day: day.Unix() / dayUnix,
					month: int64(day.Year())*12 + int64(day.Month()) - 1,
				}
				aggs[p.key] = a
				order = append(order, a)
			}
			a.mentions++
			a.docs.add(p.docRid)
			a.sources.add(docs[p.doc].Source)
			for _, ac := range [2]dyad.Actor{p.ev.Source, p.ev.Target} {
				if _, ok := actors[ac.Code]; !ok && ac.Code != "" {
					actors[ac.Code] = ac
				}
			}
		}
		if err := ins.appendRows(ctx, len(chunk), args, nextMention); err != nil {
			return fmt.Errorf("sqlite: insert mentions: %w", err)
		}
	}
	// The full-text index follows in its own step (IndexText).
	if err := s.putEvents(ctx, tx, &stmts, order, res, now); err != nil {
		return err
	}
	if len(actors) > 0 {
		st, err := prep(ctx, tx, `INSERT INTO actors(code,name,country) VALUES(?,?,?) ON CONFLICT(code) DO UPDATE SET
			name=CASE WHEN actors.name='' THEN excluded.name ELSE actors.name END`, &stmts)
		if err != nil {
			return err
		}
		for code, a := range actors {
			if _, err := st.ExecContext(ctx, code, a.Name, a.Country); err != nil {
				return fmt.Errorf("sqlite: actor %q: %w", code, err)
			}
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE batches SET n_docs=? WHERE id=?`, len(accepted), batch); err != nil {
		return fmt.Errorf("sqlite: batch: %w", err)
	}
	return nil
}

// putEvents inserts or updates the merged events touched by a batch and
// maintains the rollups.
func (s *Store) putEvents(ctx context.Context, tx *sql.Tx, stmts *[]*sql.Stmt, order []*eventAgg, res []store.PutResult, now int64) error {
	if len(order) == 0 {
		return nil
	}
	// Which events exist already?
	keys := make([]int64, len(order))
	for k, a := range order {
		keys[k] = a.key
	}
	had := map[int64]bool{}
	if err := existing(ctx, tx, `SELECT id FROM events`, "id", keys, func(rows *sql.Rows) error {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		had[id] = true
		return nil
	}); err != nil {
		return fmt.Errorf("sqlite: lookup events: %w", err)
	}
	nextEvent, err := maxRid(ctx, tx, "events")
	if err != nil {
		return fmt.Errorf("sqlite: events: %w", err)
	}
	insEvent := newMulti(tx, `INSERT OR IGNORE INTO events(id,date,precision,day,source,source_country,source_sector,source_name,
		target,target_country,target_sector,target_name,cameo,root,quad,goldstein,num_mentions,num_sources,num_articles,
		place_name,place_country,first_mention,added,negated) VALUES `, 24, ``, stmts)
	created := make(map[int64]bool, len(order))
	var fresh []*eventAgg
	for _, a := range order {
		if !had[a.key] {
			fresh = append(fresh, a)
			created[a.key] = true
		}
	}
	args := make([]any, 0, multiRows*24)
	for k := 0; k < len(fresh); k += multiRows {
		chunk := fresh[k:min(k+multiRows, len(fresh))]
		args = args[:0]
		for _, a := range chunk {
			ev := a.first
			pn, pc := "", ""
			if ev.Place != nil {
				pn, pc = ev.Place.Name, ev.Place.Country
			}
			nextEvent++
			args = append(args, a.key, ev.Date, ev.DatePrecision, a.day, ev.Source.Code, ev.Source.Country, ev.Source.Sector, ev.Source.Name,
				ev.Target.Code, ev.Target.Country, ev.Target.Sector, ev.Target.Name, ev.CAMEO, ev.Root, ev.Quad, ev.Goldstein,
				a.mentions, a.sources.len(), a.docs.len(), pn, pc, a.firstRid, now, ev.Negated)
		}
		if err := insEvent.appendRows(ctx, len(chunk), args, nextEvent); err != nil {
			return fmt.Errorf("sqlite: insert events: %w", err)
		}
	}
	recount, err := prep(ctx, tx, `UPDATE events SET
		num_mentions=(SELECT count(*) FROM mentions m WHERE m.event_id=events.id),
		num_articles=(SELECT count(DISTINCT m.doc_rid) FROM mentions m WHERE m.event_id=events.id),
		num_sources=(SELECT count(DISTINCT d.source) FROM mentions m JOIN docs d ON d.rid=m.doc_rid WHERE m.event_id=events.id)
		WHERE id=? RETURNING source, target, day, quad, negated`, stmts)
	if err != nil {
		return err
	}
	type dkey struct {
		src, tgt string
		month    int64
	}
	type dval struct {
		events, mentions [5]int64
		gold             float64
		lastDay          int64 // last day of a new analysable event
		hasLast          bool
	}
	dm := map[dkey]*dval{}
	var dorder []dkey
	byMonth, byDay := newActorCounts(), newActorCounts()
	// The rollups count analysable events (quad class 1–4, not negated)
	// by quad class; the others go to class 0 without their Goldstein
	// value (see migration 0005).
	addD := func(k dkey, quad, ev, mn int64, g float64, day int64) {
		v := dm[k]
		if v == nil {
			v = &dval{}
			dm[k] = v
			dorder = append(dorder, k)
		}
		v.events[quad] += ev
		v.mentions[quad] += mn
		if quad != 0 {
			v.gold += g
			if ev > 0 && (!v.hasLast || day > v.lastDay) {
				v.lastDay, v.hasLast = day, true
			}
		}
	}
	for _, a := range order {
		ev := a.first
		if created[a.key] {
			res[a.firstDoc].NewEvents++
			q := int64(store.RollupQuad(ev.Quad, ev.Negated))
			addD(dkey{ev.Source.Code, ev.Target.Code, a.month}, q, 1, int64(a.mentions), ev.Goldstein, a.day)
			if q != 0 {
				byMonth.add(ev.Source.Code, a.month, 0)
				byMonth.add(ev.Target.Code, a.month, 1)
				byDay.add(ev.Source.Code, a.day, 0)
				byDay.add(ev.Target.Code, a.day, 1)
			}
			continue
		}
		// The event existed: recount from the mentions.
		var src, tgt string
		var day, quad int64
		var negated bool
		if err := recount.QueryRowContext(ctx, a.key).Scan(&src, &tgt, &day, &quad, &negated); err != nil {
			return fmt.Errorf("sqlite: recount event: %w", err)
		}
		t := time.Unix(day*dayUnix, 0).UTC()
		addD(dkey{src, tgt, int64(t.Year())*12 + int64(t.Month()) - 1}, int64(store.RollupQuad(int(quad), negated)), 0, int64(a.mentions), 0, day)
	}
	// Upserts in key order: neighbouring rows share B-tree pages.
	sort.Slice(dorder, func(i, j int) bool {
		a, b := dorder[i], dorder[j]
		if a.src != b.src {
			return a.src < b.src
		}
		if a.tgt != b.tgt {
			return a.tgt < b.tgt
		}
		return a.month < b.month
	})
	// A multi-row VALUES list takes an upsert clause directly (the parsing
	// ambiguity is only with SELECT).
	upD := newMulti(tx, `INSERT INTO dyad_month(source,target,month,e0,e1,e2,e3,e4,m0,m1,m2,m3,m4,goldstein,last_day) VALUES `, 15,
		` ON CONFLICT(source,target,month) DO UPDATE SET e0=e0+excluded.e0, e1=e1+excluded.e1, e2=e2+excluded.e2,
		e3=e3+excluded.e3, e4=e4+excluded.e4, m0=m0+excluded.m0, m1=m1+excluded.m1, m2=m2+excluded.m2, m3=m3+excluded.m3,
		m4=m4+excluded.m4, goldstein=goldstein+excluded.goldstein,
		last_day=CASE WHEN last_day IS NULL OR excluded.last_day > last_day THEN excluded.last_day ELSE last_day END`, stmts)
	for k := 0; k < len(dorder); k += multiRows {
		chunk := dorder[k:min(k+multiRows, len(dorder))]
		args = args[:0]
		for _, k := range chunk {
			v := dm[k]
			args = append(args, k.src, k.tgt, k.month)
			for q := range v.events {
				args = append(args, v.events[q])
			}
			for q := range v.mentions {
				args = append(args, v.mentions[q])
			}
			args = append(args, v.gold)
			if v.hasLast {
				args = append(args, v.lastDay)
			} else {
				args = append(args, nil)
			}
		}
		if err := upD.exec(ctx, len(chunk), args); err != nil {
			return fmt.Errorf("sqlite: dyad rollup: %w", err)
		}
	}
	if err := byMonth.upsert(ctx, tx, stmts, "actor_month", "month", args); err != nil {
		return err
	}
	return byDay.upsert(ctx, tx, stmts, "actor_day", "day", args)
}

// actorKey is a row of an actor rollup: an actor code and a period
// (month or day number).
type actorKey struct {
	actor  string
	period int64
}

// actorCounts gathers what a batch adds to an actor rollup (actor_month,
// actor_day): events with the actor as source and as target.
type actorCounts struct {
	m     map[actorKey]*[2]int64
	order []actorKey
}

func newActorCounts() *actorCounts { return &actorCounts{m: map[actorKey]*[2]int64{}} }

// add counts one event of actor in period, as source (role 0) or target (1).
func (ac *actorCounts) add(actor string, period int64, role int) {
	k := actorKey{actor, period}
	v := ac.m[k]
	if v == nil {
		v = &[2]int64{}
		ac.m[k] = v
		ac.order = append(ac.order, k)
	}
	v[role]++
}

// upsert adds the counts to table, whose period column is col, in key
// order (neighbouring rows share B-tree pages); args is scratch space.
func (ac *actorCounts) upsert(ctx context.Context, tx *sql.Tx, stmts *[]*sql.Stmt, table, col string, args []any) error {
	sort.Slice(ac.order, func(i, j int) bool {
		a, b := ac.order[i], ac.order[j]
		if a.actor != b.actor {
			return a.actor < b.actor
		}
		return a.period < b.period
	})
	up := newMulti(tx, `INSERT INTO `+table+`(actor,`+col+`,as_source,as_target) VALUES `, 4,
		` ON CONFLICT(actor,`+col+`) DO UPDATE SET as_source=as_source+excluded.as_source, as_target=as_target+excluded.as_target`, stmts)
	for k := 0; k < len(ac.order); k += multiRows {
		chunk := ac.order[k:min(k+multiRows, len(ac.order))]
		args = args[:0]
		for _, k := range chunk {
			v := ac.m[k]
			args = append(args, k.actor, k.period, v[0], v[1])
		}
		if err := up.exec(ctx, len(chunk), args); err != nil {
			return fmt.Errorf("sqlite: %s rollup: %w", table, err)
		}
	}
	return nil
}

func unixOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// Known reports whether d matches a stored document. See store.Store.
func (s *Store) Known(ctx context.Context, d *store.Doc) (string, string, error) {
	if d.Hash == "" {
		d.Hash = store.ContentHash(d.Text)
	}
	var id string
	for _, q := range []struct {
		sql, arg string
		kind     store.DupKind
	}{
		{`SELECT id FROM docs WHERE id=?`, d.ID, store.DupByID},
		{`SELECT id FROM docs WHERE hash=? AND hash<>''`, d.Hash, store.DupByContent},
		{`SELECT id FROM docs WHERE url=? AND url<>''`, d.URL, store.DupByURL},
	} {
		if q.arg == "" {
			continue
		}
		err := s.db.QueryRowContext(ctx, q.sql, q.arg).Scan(&id)
		if err == nil {
			return id, q.kind.Reason(id), nil
		}
		if !isNotFound(err) {
			return "", "", fmt.Errorf("sqlite: known %q: %w", d.ID, err)
		}
	}
	return "", "", nil
}
