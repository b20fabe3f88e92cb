package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/store"
)

// maxAttempts bounds how often PutBatch runs a batch that collided with
// concurrent writers.
const maxAttempts = 8

// Row ids (rid) of documents, mentions and events are the batch number
// shifted left by ridShift plus the row's place in the batch: ascending in
// storage order (batch numbers come from a sequence) at the cost of one
// sequence call per batch.
const (
	ridShift     = 24
	maxBatchRows = 1<<ridShift - 1
)

// PutBatch stores docs in one transaction. See store.Store.
//
// Concurrent writers, in this or other processes, are safe. The unique
// indexes on documents (id, content hash, URL) and mentions (id) decide
// who stored a document or mention first: a batch that inserts one stored
// meanwhile by a concurrent batch waits for that batch to commit, fails
// with a unique violation and is run again from the start, and the new run
// sees the other batch's documents and reports its own as duplicates. A
// deadlock between two batches (detected by PostgreSQL) is retried the
// same way. Merged events, rollups and actors are upserts in key order;
// the event rows a batch touches stay locked until it commits, so that
// recounting an event's articles and sources sees every committed mention.
func (s *Store) PutBatch(ctx context.Context, docs []store.Doc) ([]store.PutResult, error) {
	res := make([]store.PutResult, len(docs))
	if len(docs) == 0 {
		return res, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("postgres: put: %w", err)
	}
	months := batchMonths(docs)
	if err := s.ensurePartitions(ctx, months); err != nil {
		return nil, err
	}
	c, err := s.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer c.Release()
	if err := stage(ctx, c); err != nil {
		return nil, err
	}
	for attempt := 1; ; attempt++ {
		clear(res)
		err := s.putOnce(ctx, c.Conn(), docs, res)
		if err == nil {
			return res, nil
		}
		code := pgCode(err)
		retry := code == "40P01" || code == "40001" || code == "23505"
		if code == "23514" && strings.Contains(err.Error(), "no partition") {
			// A partition went away behind our back (dropped by hand).
			s.forgetPartitions()
			retry = s.ensurePartitions(ctx, months) == nil
		}
		if !retry || attempt == maxAttempts || ctx.Err() != nil || c.Conn().IsClosed() {
			if retry && attempt == maxAttempts {
				return nil, fmt.Errorf("postgres: put: gave up after %d attempts colliding with concurrent writers: %w", attempt, err)
			}
			return nil, err
		}
		s.retryMu.Lock()
		s.retries[code]++
		s.retryMu.Unlock()
		// Back off a little, at random, so that colliding writers part.
		wait := time.Duration(rand.Int64N(int64(attempt) * int64(20*time.Millisecond)))
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return nil, fmt.Errorf("postgres: put: %w", ctx.Err())
		}
	}
}

// putOnce runs one attempt of a batch in its own transaction.
func (s *Store) putOnce(ctx context.Context, c *pgx.Conn, docs []store.Doc, res []store.PutResult) error {
	tx, err := c.Begin(ctx)
	if err != nil {
		return fmt.Errorf("postgres: begin: %w", err)
	}
	defer tx.Rollback(context.Background())
	if err := s.putTx(ctx, tx, docs, res); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: commit: %w", err)
	}
	return nil
}

// docRef names a document mentions attach to: a stored one (rid) or one
// of the batch's new documents (its index in the accepted list).
type docRef struct {
	rid    int64 // stored document, when newIdx < 0
	newIdx int
	id     string
	source string
}

// pendingMention is a mention waiting for the batch's bulk insert.
type pendingMention struct {
	ev  dyad.Event
	doc int // index of the document in the batch
	ref docRef
	key int64
	rid int64
}

// eventAgg gathers what one batch adds to one merged event.
type eventAgg struct {
	key      int64
	first    *pendingMention
	firstDoc int
	day      time.Time
	mentions int
	docs     map[int64]struct{}
	sources  map[string]struct{}
}

func (s *Store) putTx(ctx context.Context, tx pgx.Tx, docs []store.Doc, res []store.PutResult) error {
	now := s.now().UTC().Truncate(time.Second)
	hashes := make([]string, len(docs))
	dups := store.NewDupIndex[docRef]()
	{
		ids := make([]string, 0, len(docs))
		var hs, urls []string
		for i := range docs {
			d := &docs[i]
			hashes[i] = d.Hash
			if hashes[i] == "" {
				hashes[i] = store.ContentHash(d.Text)
			}
			ids = append(ids, clean(d.ID))
			if hashes[i] != "" {
				hs = append(hs, hashes[i])
			}
			if d.URL != "" {
				urls = append(urls, clean(d.URL))
			}
		}
		rows, err := tx.Query(ctx, `SELECT rid, id, hash, url, source FROM docs
			WHERE id = ANY($1) OR (hash = ANY($2) AND hash <> '') OR (url = ANY($3) AND url <> '')`, ids, hs, urls)
		if err != nil {
			return fmt.Errorf("postgres: lookup documents: %w", err)
		}
		for rows.Next() {
			var r docRef
			var h, u string
			if err := rows.Scan(&r.rid, &r.id, &h, &u, &r.source); err != nil {
				rows.Close()
				return fmt.Errorf("postgres: lookup documents: %w", err)
			}
			r.newIdx = -1
			dups.Add(r.id, h, u, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("postgres: lookup documents: %w", err)
		}
	}

	// Classify the documents and gather their mentions, as store/sqlite.
	var accepted []int // batch indexes of the new documents
	pending := make([]pendingMention, 0, 16*len(docs))
	for i := range docs {
		d := &docs[i]
		pr := &res[i]
		pr.ID = d.ID
		if bad := store.ValidateDoc(d); bad != "" {
			pr.Status, pr.Reason = store.StatusFailed, bad
			continue
		}
		id, url := clean(d.ID), clean(d.URL)
		// Duplicate detection: id, then content, then URL.
		ref, dupOf, kind := dups.Find(id, hashes[i], url)
		if kind != 0 {
			pr.Status, pr.Reason, pr.DuplicateOf = store.StatusDuplicate, kind.Reason(dupOf), dupOf
			if !d.AppendEvents || kind == store.DupByContent {
				continue
			}
		} else {
			ref = docRef{newIdx: len(accepted), id: id, source: clean(d.Source)}
			dups.Add(id, hashes[i], url, ref)
			pr.Status = store.StatusNew
			accepted = append(accepted, i)
		}
		for j := range d.Events {
			ev := d.Events[j] // copy
			ev.DocID = ref.id
			store.NormalizeEventDate(&ev, d.Date)
			pending = append(pending, pendingMention{ev: ev, doc: i, ref: ref,
				key: store.EventKey(ev.Date, ev.Source.Code, ev.Target.Code, ev.CAMEO)})
		}
	}

	// Drop mentions already stored or repeated in the batch.
	if len(pending) > 0 {
		ids := make([]string, len(pending))
		for k := range pending {
			ids[k] = clean(pending[k].ev.ID)
		}
		known := map[string]bool{}
		rows, err := tx.Query(ctx, `SELECT id FROM mentions WHERE id = ANY($1)`, ids)
		if err != nil {
			return fmt.Errorf("postgres: lookup mentions: %w", err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return fmt.Errorf("postgres: lookup mentions: %w", err)
			}
			known[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("postgres: lookup mentions: %w", err)
		}
		fresh := pending[:0]
		for k, p := range pending {
			if known[ids[k]] {
				continue
			}
			known[ids[k]] = true
			fresh = append(fresh, p)
		}
		pending = fresh
	}
	if len(accepted) == 0 && len(pending) == 0 {
		return nil
	}

	// Merged events in order of first appearance.
	byKey := map[int64]*eventAgg{}
	var order []*eventAgg
	for k := range pending {
		p := &pending[k]
		if byKey[p.key] == nil {
			day, _ := store.EventDay(p.ev.Date)
			a := &eventAgg{key: p.key, first: p, firstDoc: p.doc, day: day,
				docs: map[int64]struct{}{}, sources: map[string]struct{}{}}
			byKey[p.key] = a
			order = append(order, a)
		}
	}

	// Row ids: the batch number, then the row's place in the batch.
	if max(len(accepted), len(pending), len(order)) > maxBatchRows {
		return fmt.Errorf("postgres: a batch of %d documents, %d mentions and %d events is too large (at most %d of each): split it: %w",
			len(accepted), len(pending), len(order), maxBatchRows, dyad.ErrInvalidInput)
	}
	var batch int64
	if err := tx.QueryRow(ctx, `SELECT nextval('batches_id_seq')`).Scan(&batch); err != nil {
		return fmt.Errorf("postgres: batch number: %w", err)
	}
	rid := func(k int) int64 { return batch<<ridShift | int64(k) }
	perDoc := map[int64]int{} // mentions per document rid
	for k := range pending {
		p := &pending[k]
		p.rid = rid(k)
		if p.ref.newIdx >= 0 {
			p.ref.rid = rid(p.ref.newIdx)
		}
		perDoc[p.ref.rid]++
		res[p.doc].Mentions++
		a := byKey[p.key]
		a.mentions++
		a.docs[p.ref.rid] = struct{}{}
		a.sources[p.ref.source] = struct{}{} // the source of the document it is stored with
	}

	// New documents, their mention counts known.
	if len(accepted) > 0 {
		_, err := tx.CopyFrom(ctx, pgx.Identifier{"docs"},
			[]string{"rid", "batch", "date", "added", "bytes", "mentions", "id", "url", "hash", "title", "source", "date_source", "text"},
			pgx.CopyFromSlice(len(accepted), func(k int) ([]any, error) {
				i := accepted[k]
				d := &docs[i]
				rid := rid(k)
				var date any
				if !d.Date.IsZero() {
					date = d.Date.UTC().Truncate(time.Second)
				}
				n := perDoc[rid]
				delete(perDoc, rid)
				return []any{rid, batch, date, now, len(d.Text), n, clean(d.ID), clean(d.URL), hashes[i],
					clean(d.Title), clean(d.Source), clean(d.DateSource), clean(d.Text)}, nil
			}))
		if err != nil {
			return fmt.Errorf("postgres: insert documents: %w", err)
		}
	}
	// Stored documents that gained mentions (AppendEvents).
	if len(perDoc) > 0 {
		rids := make([]int64, 0, len(perDoc))
		for rid := range perDoc {
			rids = append(rids, rid)
		}
		slices.Sort(rids)
		ns := make([]int32, len(rids))
		for k, rid := range rids {
			ns[k] = int32(perDoc[rid])
		}
		if _, err := tx.Exec(ctx, `UPDATE docs d SET mentions = d.mentions + u.n
			FROM unnest($1::bigint[], $2::int[]) AS u(rid, n) WHERE d.rid = u.rid`, rids, ns); err != nil {
			return fmt.Errorf("postgres: count mentions: %w", err)
		}
	}

	existed, err := s.putEvents(ctx, tx, order, byKey, rid, now)
	if err != nil {
		return err
	}

	if len(pending) > 0 {
		_, err := tx.CopyFrom(ctx, pgx.Identifier{"mentions"},
			[]string{"rid", "event_id", "event_day", "doc_rid", "sentence", "id", "event_json", "sentence_text"},
			pgx.CopyFromSlice(len(pending), func(k int) ([]any, error) {
				p := &pending[k]
				js, err := store.EncodeMention(&p.ev)
				if err != nil {
					return nil, err
				}
				return []any{p.rid, p.key, byKey[p.key].day, p.ref.rid, p.ev.Sentence, clean(p.ev.ID), string(js), clean(p.ev.SentenceText)}, nil
			}))
		if err != nil {
			return fmt.Errorf("postgres: insert mentions: %w", err)
		}
	}
	if err := s.recount(ctx, tx, order, existed); err != nil {
		return err
	}
	newEvents, err := putRollups(ctx, tx, order, existed, res)
	if err != nil {
		return err
	}
	if err := putActors(ctx, tx, pending); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO batches(id, n_docs, n_events, n_mentions, added) VALUES ($1, $2, $3, $4, $5)`,
		batch, len(accepted), newEvents, len(pending), now); err != nil {
		return fmt.Errorf("postgres: batch: %w", err)
	}
	return nil
}

// stored is what the upsert of an event returns for an event that existed.
type stored struct {
	source, target string
	day            time.Time
	quad           int
	negated        bool
}

// putEvents stages the batch's merged events with COPY and upserts them
// in key order: new ones are inserted with the batch's counts, existing
// ones locked and their mention count raised. It returns, for each event
// that existed, its stored codes, day and quad class; events missing from
// the map were created.
func (s *Store) putEvents(ctx context.Context, tx pgx.Tx, order []*eventAgg, byKey map[int64]*eventAgg, rid func(int) int64, now time.Time) (map[int64]*stored, error) {
	existed := map[int64]*stored{}
	if len(order) == 0 {
		return existed, nil
	}
	ctxs := map[string]string{} // contexts JSON, shared
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"stage_events"}, eventCols,
		pgx.CopyFromSlice(len(order), func(k int) ([]any, error) {
			a := order[k]
			ev := &a.first.ev
			pn, pc := "", ""
			if ev.Place != nil {
				pn, pc = ev.Place.Name, ev.Place.Country
			}
			cs, err := contextsJSON(ctxs, ev.Plover.Context)
			if err != nil {
				return nil, err
			}
			return []any{rid(k), a.key, a.day, ev.Quad, ev.Goldstein, a.mentions, len(a.sources), len(a.docs),
				a.first.rid, now, ev.Negated, clean(ev.Date), clean(ev.DatePrecision),
				clean(ev.Source.Code), clean(ev.Source.Country), clean(ev.Source.Sector), clean(ev.Source.Name),
				clean(ev.Target.Code), clean(ev.Target.Country), clean(ev.Target.Sector), clean(ev.Target.Name),
				clean(ev.CAMEO), clean(ev.Root), clean(pn), clean(pc), cs}, nil
		}))
	if err != nil {
		return nil, fmt.Errorf("postgres: stage events: %w", err)
	}
	cols := strings.Join(eventCols, ", ")
	rows, err := tx.Query(ctx, `INSERT INTO events (`+cols+`) SELECT `+cols+` FROM stage_events ORDER BY id
		ON CONFLICT (id, day) DO UPDATE SET num_mentions = events.num_mentions + excluded.num_mentions
		RETURNING id, num_mentions, source, target, day, quad, negated`)
	if err != nil {
		return nil, fmt.Errorf("postgres: insert events: %w", err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id int64
		var nm int
		var st stored
		if err := rows.Scan(&id, &nm, &st.source, &st.target, &st.day, &st.quad, &st.negated); err != nil {
			return nil, fmt.Errorf("postgres: insert events: %w", err)
		}
		n++
		a := byKey[id]
		if a == nil {
			return nil, fmt.Errorf("postgres: insert events: unexpected event %d", id)
		}
		// Every stored event has a mention: an event that existed has
		// more mentions than the batch brought.
		if nm != a.mentions {
			existed[id] = &st
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: insert events: %w", err)
	}
	if n != len(order) {
		return nil, fmt.Errorf("postgres: insert events: %d of %d events stored", n, len(order))
	}
	return existed, nil
}

// eventCols are the columns of events (and stage_events) that putEvents
// writes, in COPY order.
var eventCols = []string{"rid", "id", "day", "quad", "goldstein", "num_mentions", "num_sources", "num_articles",
	"first_mention", "added", "negated", "date", "precision",
	"source", "source_country", "source_sector", "source_name", "target", "target_country", "target_sector", "target_name",
	"cameo", "root", "place_name", "place_country", "first_contexts"}

// contextsJSON encodes PLOVER contexts as JSON ("null" for none), sharing
// the strings of equal lists.
func contextsJSON(seen map[string]string, cs []string) (string, error) {
	if cs == nil {
		return "null", nil
	}
	b, err := json.Marshal(cs)
	if err != nil {
		return "", fmt.Errorf("encode contexts: %w", err)
	}
	if s, ok := seen[string(b)]; ok {
		return s, nil
	}
	s := string(b)
	seen[s] = s
	return s, nil
}

// recount sets the mention, article and source counts of the events that
// existed from their stored mentions. Their rows are locked (by the
// upsert), so every mention committed by another batch is visible here.
func (s *Store) recount(ctx context.Context, tx pgx.Tx, order []*eventAgg, existed map[int64]*stored) error {
	if len(existed) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(existed))
	days := make([]time.Time, 0, len(existed))
	for _, a := range order {
		if existed[a.key] != nil {
			ids = append(ids, a.key)
			days = append(days, a.day)
		}
	}
	if _, err := tx.Exec(ctx, `UPDATE events e SET num_mentions = c.n, num_articles = c.a, num_sources = c.s
		FROM (SELECT m.event_id, m.event_day, count(*) AS n, count(DISTINCT m.doc_rid) AS a, count(DISTINCT d.source) AS s
			FROM mentions m JOIN docs d ON d.rid = m.doc_rid WHERE m.event_id = ANY($1) GROUP BY 1, 2) c
		WHERE e.id = c.event_id AND e.day = c.event_day AND e.id = ANY($1) AND e.day = ANY($2)`, ids, days); err != nil {
		return fmt.Errorf("postgres: recount events: %w", err)
	}
	return nil
}
