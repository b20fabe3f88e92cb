package postgres

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/store"
	"github.com/dyad-events/dyad/store/postgres/pgtest"
	"github.com/dyad-events/dyad/store/storetest"
)

// overlapDocs returns documents that collide in every way concurrent
// writers can: content duplicates under other ids (n30..n39 repeat
// n0..n9), URL duplicates (w5..w9 repeat the URLs of w0..w4), GDELT rows
// that append their mentions to the document of their URL, and events
// shared by many documents (merged, so that their rows and the rollups are
// contended). Which document of a duplicate group wins does not change the
// stored events: the members of a group code the same events. group maps
// a document id to its duplicate group.
func overlapDocs() (docs []store.Doc, group map[string]string) {
	group = map[string]string{}
	actors := []string{"CHN", "AFG", "USAGOV", "RUSMIL"}
	cameos := []string{"040", "190", "061"}
	base := time.Date(2022, 1, 30, 0, 0, 0, 0, time.UTC)
	ev := func(id string, k int) dyad.Event {
		k %= 48 // the event key: everything of the event depends on it only
		src, tgt := actors[k%4], actors[(k/4)%4]
		c := cameos[(k/16)%3]
		date := base.AddDate(0, 0, k%3).Format("2006-01-02") // two months
		e := dyad.Event{ID: id, Date: date, DatePrecision: "day", Source: dyad.Actor{Code: src, Name: src}, Target: dyad.Actor{Code: tgt, Name: tgt},
			CAMEO: c, Root: c[:2], Quad: 1 + k%4, Goldstein: float64(k%7 - 3), SentenceText: fmt.Sprintf("sentence %d about aid", k),
			Plover: dyad.Plover{Context: []string{"economic"}}, Negated: k%11 == 0}
		return e
	}
	for i := 0; i < 40; i++ {
		story := i % 30
		id := fmt.Sprintf("n%d", i)
		text := fmt.Sprintf("Story number %d.", story)
		if i >= 30 {
			text = strings.ToUpper(text) + "  " // same normalised content
		}
		group[id] = fmt.Sprintf("story%d", story)
		var evs []dyad.Event
		for k := 0; k < 4; k++ {
			evs = append(evs, ev(fmt.Sprintf("%s-%d", id, k), story*3+k))
		}
		docs = append(docs, store.Doc{Document: dyad.Document{ID: id, Text: text, Source: fmt.Sprintf("src%d", story%3), Date: base}, Events: evs})
	}
	for i := 0; i < 10; i++ {
		id := fmt.Sprintf("w%d", i)
		group[id] = fmt.Sprintf("url%d", i%5)
		docs = append(docs, store.Doc{Document: dyad.Document{ID: id, URL: fmt.Sprintf("http://w/%d", i%5), Text: fmt.Sprintf("web page %d", i),
			Source: "web", Date: base}, Events: []dyad.Event{ev(id+"-0", 7*(i%5))}})
	}
	for i := 0; i < 20; i++ {
		id := fmt.Sprintf("g%d", i)
		group[id] = fmt.Sprintf("gdelt%d", i%4)
		d := store.Doc{Document: dyad.Document{ID: id, URL: fmt.Sprintf("http://g/%d", i%4), Source: "gdelt", Date: base},
			Events: []dyad.Event{ev(fmt.Sprintf("gm-%d", i), i%6)}, AppendEvents: true}
		docs = append(docs, d)
	}
	return docs, group
}

// snapshot is what a store holds, for comparing two stores.
type snapshot struct {
	Stats  store.Stats
	Events map[string][3]int // id → mentions, articles, sources
	Month  []store.PeriodCount
	Day    []store.PeriodCount
	Totals []store.PeriodTotal
	Actors []store.ActorCount
}

func takeSnapshot(t *testing.T, s store.Store) snapshot {
	t.Helper()
	ctx := context.Background()
	var sn snapshot
	var err error
	if sn.Stats, err = s.Stats(ctx); err != nil {
		t.Fatal(err)
	}
	evs, err := s.Events(ctx, store.EventFilter{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	sn.Events = map[string][3]int{}
	for _, e := range evs {
		sn.Events[e.ID] = [3]int{e.NumMentions, e.NumArticles, e.NumSources}
	}
	if sn.Month, err = s.DyadCounts(ctx, store.CountQuery{By: "month"}); err != nil {
		t.Fatal(err)
	}
	if sn.Day, err = s.DyadCounts(ctx, store.CountQuery{Source: []string{"CHN*", "USA*"}, Target: []string{"AFG"}, By: "day"}); err != nil {
		t.Fatal(err)
	}
	if sn.Totals, err = s.ActorTotals(ctx, store.TotalsQuery{Actor: []string{"CHN"}, By: "month"}); err != nil {
		t.Fatal(err)
	}
	if sn.Actors, err = s.Actors(ctx, store.ActorQuery{}); err != nil {
		t.Fatal(err)
	}
	return sn
}

// TestConcurrentPutBatch: writers with their own connection pools (as
// separate processes) store overlapping batches at once, in different
// orders. Each duplicate group is stored once (exactly one writer reports
// "new", every other report is "duplicate"), and the store ends up as
// storing the documents one writer after another would.
func TestConcurrentPutBatch(t *testing.T) {
	docs, group := overlapDocs()
	ref := openFresh(t)
	defer ref.Close()
	for i := 0; i < len(docs); i += 9 {
		if _, err := ref.PutBatch(context.Background(), docs[i:min(i+9, len(docs))]); err != nil {
			t.Fatal(err)
		}
	}
	want := takeSnapshot(t, ref)

	u := pgtest.NewDB(t)
	writers := 6
	if testing.Short() {
		writers = 4
	}
	var wg sync.WaitGroup
	results := make([][]store.PutResult, writers)
	errs := make([]error, writers)
	stores := make([]*Store, writers)
	for w := range stores {
		stores[w] = openURL(t, u)
		defer stores[w].Close()
	}
	start := make(chan struct{})
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), 99))
			perm := r.Perm(len(docs))
			<-start
			for i := 0; i < len(perm); {
				n := 1 + r.IntN(10)
				var batch []store.Doc
				for _, k := range perm[i:min(i+n, len(perm))] {
					batch = append(batch, docs[k])
				}
				i += n
				res, err := stores[w].PutBatch(context.Background(), batch)
				if err != nil {
					errs[w] = err
					return
				}
				results[w] = append(results[w], res...)
			}
		}()
	}
	close(start)
	wg.Wait()
	for w, err := range errs {
		if err != nil {
			t.Fatalf("writer %d: %v", w, err)
		}
	}
	news := map[string][]string{}
	for _, rs := range results {
		for _, r := range rs {
			switch r.Status {
			case store.StatusNew:
				news[group[r.ID]] = append(news[group[r.ID]], r.ID)
			case store.StatusDuplicate:
				if r.DuplicateOf == "" || group[r.DuplicateOf] != group[r.ID] {
					t.Errorf("%s reported a duplicate of %q (%s)", r.ID, r.DuplicateOf, r.Reason)
				}
			default:
				t.Errorf("%s: %+v", r.ID, r)
			}
		}
	}
	groups := map[string]bool{}
	for _, g := range group {
		groups[g] = true
	}
	for g := range groups {
		if len(news[g]) != 1 {
			t.Errorf("group %s stored as new %d times: %v", g, len(news[g]), news[g])
		}
	}
	retries := map[string]int{}
	for _, s := range stores {
		s.retryMu.Lock()
		for k, v := range s.retries {
			retries[k] += v
		}
		s.retryMu.Unlock()
	}
	t.Logf("batches run again after a collision, by SQLSTATE: %v", retries)
	s := stores[0]
	storetest.CheckConsistency(t, s)
	if got := takeSnapshot(t, s); !reflect.DeepEqual(got, want) {
		t.Errorf("concurrent writers: %+v\nserial: %+v", got, want)
	}
}

// TestFailedBatchStoresNothing makes each table refuse rows in turn (a
// trigger raises an error) and checks that a batch failing there, after
// the earlier tables took their rows, leaves nothing behind.
func TestFailedBatchStoresNothing(t *testing.T) {
	u := pgtest.NewDB(t)
	s := openURL(t, u)
	defer s.Close()
	ctx := context.Background()
	day := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	first := store.Doc{Document: dyad.Document{ID: "a", URL: "http://a", Text: "text a", Date: day},
		Events: []dyad.Event{{ID: "a-1", Date: "2022-01-01", Source: dyad.Actor{Code: "USA"}, Target: dyad.Actor{Code: "MEX"}, CAMEO: "036", Quad: 1}}}
	if _, err := s.PutBatch(ctx, []store.Doc{first}); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Stats(ctx)
	db, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	if _, err := db.Exec(ctx, `CREATE FUNCTION dyad_fail() RETURNS trigger LANGUAGE plpgsql AS
		$$ BEGIN RAISE EXCEPTION 'forced failure on %', TG_TABLE_NAME; END $$`); err != nil {
		t.Fatal(err)
	}
	// A batch that writes every table: a new document with a new actor and
	// an event in a new month, a mention added to the stored event, and a
	// GDELT row appended to the stored document.
	gd := store.Doc{Document: dyad.Document{ID: "g", URL: "http://a"}, AppendEvents: true,
		Events: []dyad.Event{{ID: "g-1", Date: "2022-01-01", Source: dyad.Actor{Code: "USA"}, Target: dyad.Actor{Code: "MEX"}, CAMEO: "036", Quad: 1}}}
	batch := []store.Doc{
		{Document: dyad.Document{ID: "b", Text: "text b", Date: day}, Events: []dyad.Event{
			{ID: "b-1", Date: "2022-03-05", Source: dyad.Actor{Code: "CAN"}, Target: dyad.Actor{Code: "MEX"}, CAMEO: "190", Quad: 4},
			{ID: "b-2", Date: "2022-01-01", Source: dyad.Actor{Code: "USA"}, Target: dyad.Actor{Code: "MEX"}, CAMEO: "036", Quad: 1}}},
		gd,
	}
	for _, table := range []string{"docs", "events", "mentions", "dyad_month", "actor_month", "actors", "batches"} {
		t.Run(table, func(t *testing.T) {
			if _, err := db.Exec(ctx, `CREATE TRIGGER fail BEFORE INSERT OR UPDATE ON `+table+` FOR EACH ROW EXECUTE FUNCTION dyad_fail()`); err != nil {
				t.Fatal(err)
			}
			defer db.Exec(ctx, `DROP TRIGGER fail ON `+table)
			_, err := s.PutBatch(ctx, batch)
			if err == nil || !strings.Contains(err.Error(), "forced failure on") {
				t.Fatalf("PutBatch = %v, want the forced failure", err)
			}
			if st, _ := s.Stats(ctx); st != before {
				t.Errorf("after a failed batch: %+v, want %+v", st, before)
			}
			storetest.CheckConsistency(t, s)
		})
	}
	res, err := s.PutBatch(ctx, batch)
	if err != nil || res[0].Status != store.StatusNew || res[1].Mentions != 1 {
		t.Fatalf("the batch without triggers: %+v, %v", res, err)
	}
	if st, _ := s.Stats(ctx); st != (store.Stats{Documents: 2, Events: 2, Mentions: 4}) {
		t.Errorf("stats = %+v", st)
	}
	storetest.CheckConsistency(t, s)
}

// TestMigrations: processes opening an empty database at once apply each
// migration once; reopening changes nothing; a database migrated by a
// newer binary is refused.
func TestMigrations(t *testing.T) {
	u := pgtest.NewDB(t)
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	latest := ms[len(ms)-1].Version
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Open(context.Background(), u)
			if err == nil {
				s.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatalf("concurrent Open: %v", err)
		}
	}
	s := openURL(t, u)
	defer s.Close()
	ctx := context.Background()
	if v, err := s.SchemaVersion(ctx); err != nil || v != latest {
		t.Fatalf("SchemaVersion = %d, %v; want %d", v, err, latest)
	}
	db, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	var n int
	if err := db.QueryRow(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(ms) {
		t.Fatalf("%d migrations recorded, %v; want %d", n, err, len(ms))
	}
	if _, err := db.Exec(ctx, `INSERT INTO schema_migrations(version, name) VALUES ($1, 'from the future')`, latest+1); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, u); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Fatalf("Open of a newer schema: %v, want ErrSchemaTooNew", err)
	}
}

// TestPartitions: events land in monthly partitions created on demand,
// including far dates, and queries span them.
func TestPartitions(t *testing.T) {
	u := pgtest.NewDB(t)
	s := openURL(t, u)
	defer s.Close()
	ctx := context.Background()
	dates := []string{"2021-12-31", "2022-01-01", "2022-01", "2022", "0001-03-04", "9999-12-31", "0000-06-01"}
	var evs []dyad.Event
	for i, d := range dates {
		evs = append(evs, dyad.Event{ID: fmt.Sprint("m", i), Date: d, Source: dyad.Actor{Code: "USA"}, Target: dyad.Actor{Code: "MEX"}, CAMEO: "036", Quad: 1})
	}
	if _, err := s.PutBatch(ctx, []store.Doc{{Document: dyad.Document{ID: "d", Text: "x"}, Events: evs}}); err != nil {
		t.Fatal(err)
	}
	db, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	rows, err := db.Query(ctx, `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
		WHERE i.inhparent = 'events'::regclass ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	want := "events_p000006 events_p000103 events_p202112 events_p202201 events_p999912"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("partitions %s, want %s", got, want)
	}
	got, err := s.Events(ctx, store.EventFilter{Order: store.OrderDateAsc})
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, e := range got {
		order = append(order, e.Date)
	}
	if g := strings.Join(order, " "); g != "0000-06-01 0001-03-04 2021-12-31 2022-01-01 2022-01 2022 9999-12-31" &&
		g != "0000-06-01 0001-03-04 2021-12-31 2022-01 2022 2022-01-01 9999-12-31" {
		t.Errorf("events by date: %s", g)
	}
	// A second store (another process) finds the partitions and adds to them.
	s2 := openURL(t, u)
	defer s2.Close()
	if _, err := s2.PutBatch(ctx, []store.Doc{{Document: dyad.Document{ID: "e", Text: "y"}, Events: []dyad.Event{
		{ID: "e-1", Date: "2022-01-09", Source: dyad.Actor{Code: "USA"}, Target: dyad.Actor{Code: "MEX"}, CAMEO: "036", Quad: 1}}}}); err != nil {
		t.Fatal(err)
	}
	storetest.CheckConsistency(t, s)
	pcs, err := s.DyadCounts(ctx, store.CountQuery{Source: []string{"USA"}, Target: []string{"MEX"}, From: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC),
		To: time.Date(2022, 12, 31, 0, 0, 0, 0, time.UTC), By: "day"})
	if err != nil || len(pcs) != 2 || pcs[0].Total != 3 {
		t.Errorf("daily counts over partitions: %+v, %v", pcs, err)
	}
}

// TestSearchPath: a URL with search_path keeps the tables in that schema.
func TestSearchPath(t *testing.T) {
	u := pgtest.NewDB(t)
	ctx := context.Background()
	db, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	if _, err := db.Exec(ctx, `CREATE SCHEMA dyad`); err != nil {
		t.Fatal(err)
	}
	s := openURL(t, u+"&search_path=dyad&pool_max_conns=2")
	defer s.Close()
	if _, err := s.PutBatch(ctx, []store.Doc{{Document: dyad.Document{ID: "d", Text: "x"}, Events: []dyad.Event{
		{ID: "m", Date: "2022-01-09", Source: dyad.Actor{Code: "USA"}, Target: dyad.Actor{Code: "MEX"}, CAMEO: "036", Quad: 1}}}}); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRow(ctx, `SELECT count(*) FROM dyad.events`).Scan(&n); err != nil || n != 1 {
		t.Errorf("dyad.events: %d rows, %v", n, err)
	}
	if err := db.QueryRow(ctx, `SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = 'events'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("public.events exists: %d, %v", n, err)
	}
}

func TestOpenErrors(t *testing.T) {
	for _, u := range []string{"mysql://x/y", "postgres://h/db?pool_max_conns=0", "postgres://h/db?pool_max_conns=x"} {
		if _, err := Open(context.Background(), u); err == nil {
			t.Errorf("Open(%q) succeeded", u)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := Open(ctx, "postgres://nobody:secret@127.0.0.1:1/x?connect_timeout=2")
	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("Open of a closed port: %v (want an error without the password)", err)
	}
}
