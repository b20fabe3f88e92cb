// Package storetest is the contract suite every store.Store implementation
// must pass:
//
//	func TestContract(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) store.Store { return openTemp(t) })
//	}
//
// newStore must return an empty store; Run closes it.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/store"
)

// Run runs the contract suite against stores made by newStore.
func Run(t *testing.T, newStore func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"PutAndStats", testPutAndStats},
		{"Dedupe", testDedupe},
		{"ReingestAddsNothing", testReingest},
		{"Merge", testMerge},
		{"AppendEvents", testAppendEvents},
		{"FailedDocs", testFailedDocs},
		{"CancelledBatchStoresNothing", testCancelled},
		{"EventFilters", testEventFilters},
		{"EventAndMentions", testEvent},
		{"Documents", testDocuments},
		{"Actors", testActors},
		{"DyadCounts", testDyadCounts},
		{"ActorTotals", testActorTotals},
		{"NegatedNotCounted", testNegated},
		{"EventDateFallback", testDateFallback},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t)
			defer s.Close()
			tc.fn(t, s)
		})
	}
}

var ctx = context.Background()

// Ev builds a coded mention for tests.
func Ev(id, date, src, tgt, cameo, sentence string) dyad.Event {
	root := cameo
	if len(root) > 2 {
		root = root[:2]
	}
	quad := 1
	gold := 1.0
	switch {
	case root >= "18":
		quad, gold = 4, -9
	case root >= "10":
		quad, gold = 3, -4
	case root >= "06":
		quad, gold = 2, 6
	}
	return dyad.Event{ID: id, Date: date, DatePrecision: "day", CAMEO: cameo, Root: root, Quad: quad, Goldstein: gold,
		Source: dyad.Actor{Code: src, Country: country(src), Name: src + " name", Text: src},
		Target: dyad.Actor{Code: tgt, Country: country(tgt), Name: tgt + " name", Text: tgt},
		Verb:   dyad.Verb{Text: "met", Lemma: "meet"}, Modality: dyad.ModalityAsserted, Pattern: "test:1",
		SentenceText: sentence, Plover: dyad.Plover{Event: "CONSULT", Context: []string{}}}
}

func country(code string) string {
	if len(code) >= 3 && code[:3] != "IGO" {
		return code[:3]
	}
	return ""
}

// Doc builds a document for tests.
func Doc(id, url, source, text string, date time.Time, evs ...dyad.Event) store.Doc {
	return store.Doc{Document: dyad.Document{ID: id, URL: url, Source: source, Text: text, Date: date, Title: "Title " + id}, Events: evs}
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func put(t *testing.T, s store.Store, docs ...store.Doc) []store.PutResult {
	t.Helper()
	res, err := s.PutBatch(ctx, docs)
	if err != nil {
		t.Fatalf("PutBatch: %v", err)
	}
	if len(res) != len(docs) {
		t.Fatalf("PutBatch returned %d results for %d docs", len(res), len(docs))
	}
	return res
}

func stats(t *testing.T, s store.Store) store.Stats {
	t.Helper()
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st
}

func wantStats(t *testing.T, s store.Store, want store.Stats) {
	t.Helper()
	if got := stats(t, s); got != want {
		t.Fatalf("Stats = %+v, want %+v", got, want)
	}
}

func events(t *testing.T, s store.Store, f store.EventFilter) []store.Event {
	t.Helper()
	evs, err := s.Events(ctx, f)
	if err != nil {
		t.Fatalf("Events(%+v): %v", f, err)
	}
	return evs
}

func testPutAndStats(t *testing.T, s store.Store) {
	wantStats(t, s, store.Stats{})
	res := put(t, s,
		Doc("a", "http://x/a", "wire", "China met Afghanistan.", day("2022-03-17"),
			Ev("a-1", "2022-03-17", "CHN", "AFG", "040", "China met Afghanistan."),
			Ev("a-2", "2022-03-17", "AFG", "CHN", "040", "China met Afghanistan.")),
		Doc("b", "", "", "Russia attacked Ukraine.", day("2022-02-24"),
			Ev("b-1", "2022-02-24", "RUSMIL", "UKR", "190", "Russia attacked Ukraine.")),
		Doc("c", "", "", "Nothing happened.", day("2022-02-24")),
	)
	for i, r := range res {
		if r.Status != store.StatusNew {
			t.Errorf("doc %d: status %s (%s), want new", i, r.Status, r.Reason)
		}
	}
	if res[0].Mentions != 2 || res[0].NewEvents != 2 || res[2].Mentions != 0 {
		t.Errorf("results = %+v", res)
	}
	wantStats(t, s, store.Stats{Documents: 3, Events: 3, Mentions: 3})
}

func testDedupe(t *testing.T, s store.Store) {
	put(t, s, Doc("a", "http://x/a", "wire", "China  met\nAfghanistan.", day("2022-03-17"),
		Ev("a-1", "2022-03-17", "CHN", "AFG", "040", "China met Afghanistan.")))
	res := put(t, s,
		Doc("b", "", "", "CHINA MET   afghanistan.", day("2022-03-17"), Ev("b-1", "2022-03-17", "CHN", "AFG", "040", "x")),
		Doc("c", "http://x/a", "", "Other text entirely.", day("2022-03-17")),
		Doc("a", "", "", "A third text.", day("2022-03-17")),
		Doc("d", "", "", "Fresh text here.", day("2022-03-18")),
		Doc("e", "", "", "fresh   TEXT here.", day("2022-03-18")),
	)
	want := []struct {
		st  store.Status
		dup string
	}{{store.StatusDuplicate, "a"}, {store.StatusDuplicate, "a"}, {store.StatusDuplicate, "a"}, {store.StatusNew, ""}, {store.StatusDuplicate, "d"}}
	for i, w := range want {
		if res[i].Status != w.st || res[i].DuplicateOf != w.dup {
			t.Errorf("doc %s: got %s dup of %q (%s), want %s of %q", res[i].ID, res[i].Status, res[i].DuplicateOf, res[i].Reason, w.st, w.dup)
		}
		if w.st == store.StatusDuplicate && res[i].Reason == "" {
			t.Errorf("doc %s: duplicate without a reason", res[i].ID)
		}
	}
	if !strings.Contains(res[0].Reason, "content") || !strings.Contains(res[1].Reason, "url") {
		t.Errorf("reasons: %q, %q", res[0].Reason, res[1].Reason)
	}
	wantStats(t, s, store.Stats{Documents: 2, Events: 1, Mentions: 1})
}

func testReingest(t *testing.T, s store.Store) {
	docs := []store.Doc{
		Doc("a", "", "", "One.", day("2022-01-01"), Ev("a-1", "2022-01-01", "USA", "MEX", "036", "One.")),
		Doc("b", "", "", "Two.", day("2022-01-02"), Ev("b-1", "2022-01-02", "USA", "CAN", "042", "Two.")),
	}
	put(t, s, docs...)
	before := stats(t, s)
	for i := 0; i < 2; i++ {
		res := put(t, s, docs...)
		for _, r := range res {
			if r.Status != store.StatusDuplicate || r.Mentions != 0 {
				t.Errorf("re-ingest %s: %+v", r.ID, r)
			}
		}
	}
	if after := stats(t, s); after != before {
		t.Fatalf("re-ingest changed stats: %+v → %+v", before, after)
	}
}

func testMerge(t *testing.T, s store.Store) {
	put(t, s,
		Doc("a", "", "reuters", "A text.", day("2022-03-17"), Ev("a-1", "2022-03-17", "CHN", "AFG", "040", "Chinese diplomats met Afghan officials.")),
		Doc("b", "", "ap", "B text.", day("2022-03-17"), Ev("b-1", "2022-03-17", "CHN", "AFG", "040", "China held talks with Afghanistan.")),
	)
	put(t, s,
		Doc("c", "", "reuters", "C text.", day("2022-03-18"), Ev("c-1", "2022-03-17", "CHN", "AFG", "040", "They met.")),
		Doc("d", "", "ap", "D text.", day("2022-03-18"), Ev("d-1", "2022-03-18", "CHN", "AFG", "040", "Another day.")),
	)
	evs := events(t, s, store.EventFilter{Source: []string{"CHN"}, Order: store.OrderDateAsc})
	if len(evs) != 2 {
		t.Fatalf("got %d events, want 2 (merged by date, source, target, cameo)", len(evs))
	}
	e := evs[0]
	if e.Date != "2022-03-17" || e.NumMentions != 3 || e.NumArticles != 3 || e.NumSources != 2 {
		t.Errorf("merged event = date %s mentions %d articles %d sources %d, want 2022-03-17 3 3 2", e.Date, e.NumMentions, e.NumArticles, e.NumSources)
	}
	if e.First == nil || e.First.ID != "a-1" || e.First.SentenceText == "" {
		t.Errorf("first mention = %+v", e.First)
	}
	if e.ID != store.FormatEventID(store.EventKey("2022-03-17", "CHN", "AFG", "040")) {
		t.Errorf("event id %s is not the stable EventKey", e.ID)
	}
	full, err := s.Event(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(full.Mentions) != 3 {
		t.Fatalf("event has %d mentions, want 3", len(full.Mentions))
	}
	wantStats(t, s, store.Stats{Documents: 4, Events: 2, Mentions: 4})
}

func testAppendEvents(t *testing.T, s store.Store) {
	d1 := Doc("g1", "http://news/x", "gdelt", "", day("2021-08-15"), Ev("gdelt-1", "2021-08-15", "AFG", "USA", "190", ""))
	d1.AppendEvents = true
	d2 := Doc("g2", "http://news/x", "gdelt", "", day("2021-08-15"), Ev("gdelt-2", "2021-08-15", "USA", "AFG", "042", ""))
	d2.AppendEvents = true
	put(t, s, d1)
	res := put(t, s, d2, d1)
	if res[0].Status != store.StatusDuplicate || res[0].Mentions != 1 || res[0].DuplicateOf != "g1" {
		t.Errorf("appended doc result = %+v", res[0])
	}
	if res[1].Mentions != 0 {
		t.Errorf("re-put of g1 stored %d mentions", res[1].Mentions)
	}
	wantStats(t, s, store.Stats{Documents: 1, Events: 2, Mentions: 2})
	d, err := s.Document(ctx, "g1")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Events) != 2 || d.Events[1].DocID != "g1" {
		t.Errorf("document g1 has events %+v", d.Events)
	}
}

func testFailedDocs(t *testing.T, s store.Store) {
	bad := Ev("", "2022-01-01", "USA", "MEX", "036", "x")
	rep := Ev("r-1", "2022-01-01", "USA", "MEX", "036", "x")
	res := put(t, s,
		Doc("", "", "", "no id", day("2022-01-01")),
		Doc("x", "", "", "bad event", day("2022-01-01"), bad),
		Doc("r", "", "", "repeated mention", day("2022-01-01"), rep, rep),
		Doc("ok", "", "", "good", day("2022-01-01"), Ev("ok-1", "2022-01-01", "USA", "MEX", "036", "good")),
	)
	for i := 0; i < 3; i++ {
		if res[i].Status != store.StatusFailed || res[i].Reason == "" {
			t.Errorf("doc %d: %+v, want failed with a reason", i, res[i])
		}
	}
	if res[3].Status != store.StatusNew {
		t.Errorf("good doc: %+v", res[3])
	}
	wantStats(t, s, store.Stats{Documents: 1, Events: 1, Mentions: 1})
}

func testCancelled(t *testing.T, s store.Store) {
	c, cancel := context.WithCancel(ctx)
	cancel()
	_, err := s.PutBatch(c, []store.Doc{Doc("a", "", "", "x", day("2022-01-01"), Ev("a-1", "2022-01-01", "USA", "MEX", "036", "x"))})
	if err == nil {
		t.Fatal("PutBatch with a cancelled context succeeded")
	}
	wantStats(t, s, store.Stats{})
}

func seed(t *testing.T, s store.Store) {
	t.Helper()
	put(t, s,
		Doc("d1", "http://n/1", "reuters", "one", day("2022-03-17"),
			Ev("m1", "2022-03-17", "CHNGOV", "AFG", "040", "Chinese officials met the Taliban in Kabul."),
			Ev("m2", "2022-03-17", "AFG", "CHNGOV", "0311", "Afghanistan asked China for economic aid.")),
		Doc("d2", "http://n/2", "ap", "two", day("2022-02-24"),
			Ev("m3", "2022-02-24", "RUSMIL", "UKR", "190", "Russian forces attacked Ukraine."),
			Ev("m4", "2022-02-25", "UKRGOV", "RUS", "111", "Ukraine condemned Russia.")),
		Doc("d3", "http://n/3", "ap", "three", day("2021-08-15"),
			Ev("m5", "2021-08", "USA", "AFG", "042", "American envoys visited Afghanistan in August."),
			Ev("m6", "2021-08-16", "IGOUNO", "AFG", "0233", "The UN appealed for humanitarian aid to Afghanistan.")),
	)
}

func ids(evs []store.Event) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e.First.ID)
	}
	return out
}

func testEventFilters(t *testing.T, s store.Store) {
	seed(t, s)
	tests := []struct {
		name string
		f    store.EventFilter
		want string
	}{
		{"all newest first", store.EventFilter{}, "m2 m1 m4 m3 m6 m5"},
		{"oldest first", store.EventFilter{Order: store.OrderDateAsc}, "m5 m6 m3 m4 m1 m2"},
		{"source exact", store.EventFilter{Source: []string{"CHNGOV"}}, "m1"},
		{"source exact misses longer", store.EventFilter{Source: []string{"CHN"}}, ""},
		{"source prefix", store.EventFilter{Source: []string{"CHN*"}}, "m1"},
		{"source and target", store.EventFilter{Source: []string{"CHN*"}, Target: []string{"AFG"}}, "m1"},
		{"target list", store.EventFilter{Target: []string{"RUS", "UKR"}}, "m4 m3"},
		{"actor either side", store.EventFilter{Actor: []string{"CHN*"}}, "m2 m1"},
		{"country", store.EventFilter{Country: []string{"ukr"}}, "m4 m3"},
		{"cameo exact", store.EventFilter{CAMEO: []string{"0311"}}, "m2"},
		{"cameo prefix", store.EventFilter{CAMEO: []string{"03*"}}, "m2"},
		{"cameo two digits is root", store.EventFilter{CAMEO: []string{"02"}}, "m6"},
		{"root", store.EventFilter{Root: []string{"19", "11"}}, "m4 m3"},
		{"quad", store.EventFilter{Quad: []int{4}}, "m3"},
		{"date range", store.EventFilter{From: day("2022-01-01"), To: day("2022-02-28")}, "m4 m3"},
		{"month precision date", store.EventFilter{From: day("2021-08-01"), To: day("2021-08-01")}, "m5"},
		{"text", store.EventFilter{Text: "aid"}, "m2 m6"},
		{"text phrase", store.EventFilter{Text: `"humanitarian aid"`}, "m6"},
		{"text and source", store.EventFilter{Text: "aid", Source: []string{"IGO*"}}, "m6"},
		{"doc", store.EventFilter{DocID: "d2"}, "m4 m3"},
		{"limit", store.EventFilter{Limit: 2}, "m2 m1"},
		{"offset", store.EventFilter{Limit: 2, Offset: 2}, "m4 m3"},
		{"place empty", store.EventFilter{Place: "Kabul"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := strings.Join(ids(events(t, s, tc.f)), " ")
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	if _, err := s.Events(ctx, store.EventFilter{Order: "sideways"}); !errors.Is(err, dyad.ErrInvalidInput) {
		t.Errorf("bad order: err = %v, want ErrInvalidInput", err)
	}
	if _, err := s.Events(ctx, store.EventFilter{Text: `"unbalanced`}); !errors.Is(err, dyad.ErrInvalidInput) {
		t.Errorf("bad text query: err = %v, want ErrInvalidInput", err)
	}
}

func testEvent(t *testing.T, s store.Store) {
	seed(t, s)
	evs := events(t, s, store.EventFilter{Source: []string{"RUSMIL"}})
	if len(evs) != 1 {
		t.Fatalf("got %d events", len(evs))
	}
	for _, id := range []string{evs[0].ID, "m3"} {
		e, err := s.Event(ctx, id)
		if err != nil {
			t.Fatalf("Event(%s): %v", id, err)
		}
		if e.ID != evs[0].ID || len(e.Mentions) != 1 {
			t.Fatalf("Event(%s) = %s with %d mentions", id, e.ID, len(e.Mentions))
		}
		m := e.Mentions[0]
		if m.ID != "m3" || m.DocID != "d2" || m.DocURL != "http://n/2" || m.DocSource != "ap" ||
			m.SentenceText != "Russian forces attacked Ukraine." || m.Verb.Lemma != "meet" || m.Pattern != "test:1" {
			t.Errorf("mention = %+v", m)
		}
		if e.Source.Code != "RUSMIL" || e.Quad != 4 || e.Goldstein != -9 || e.CAMEO != "190" || e.Root != "19" {
			t.Errorf("event = %+v", e)
		}
	}
	for _, id := range []string{"nope", "0000000000000001"} {
		if _, err := s.Event(ctx, id); !errors.Is(err, dyad.ErrNotFound) {
			t.Errorf("Event(%q): err = %v, want ErrNotFound", id, err)
		}
	}
}

func testDocuments(t *testing.T, s store.Store) {
	seed(t, s)
	docs, err := s.Documents(ctx, store.DocFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range docs {
		got = append(got, d.ID)
	}
	if strings.Join(got, " ") != "d1 d2 d3" {
		t.Errorf("documents = %v, want newest first d1 d2 d3", got)
	}
	if docs[0].Mentions != 2 || docs[0].URL != "http://n/1" || docs[0].Bytes != 3 || docs[0].Hash == "" {
		t.Errorf("doc info = %+v", docs[0])
	}
	docs, err = s.Documents(ctx, store.DocFilter{Source: "ap", Limit: 1})
	if err != nil || len(docs) != 1 || docs[0].ID != "d2" {
		t.Errorf("source filter: %v %+v", err, docs)
	}
	d, err := s.Document(ctx, "d2")
	if err != nil {
		t.Fatal(err)
	}
	if d.Text != "two" || len(d.Events) != 2 || d.Events[0].ID != "m3" || d.Events[0].SentenceText == "" || !d.Date.Equal(day("2022-02-24")) {
		t.Errorf("document = %+v", d)
	}
	if _, err := s.Document(ctx, "zz"); !errors.Is(err, dyad.ErrNotFound) {
		t.Errorf("missing document: err = %v", err)
	}
}

func testActors(t *testing.T, s store.Store) {
	seed(t, s)
	as, err := s.Actors(ctx, store.ActorQuery{Query: "AF"})
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 1 || as[0].Code != "AFG" || as[0].AsSource != 1 || as[0].AsTarget != 3 || as[0].Name != "AFG name" {
		t.Errorf("actors AF = %+v", as)
	}
	as, err = s.Actors(ctx, store.ActorQuery{Query: "rusmil name"})
	if err != nil || len(as) != 1 || as[0].Code != "RUSMIL" {
		t.Errorf("actors by name = %+v, %v", as, err)
	}
	as, err = s.Actors(ctx, store.ActorQuery{})
	if err != nil || len(as) != 8 || as[0].Code != "AFG" {
		t.Errorf("all actors = %+v, %v", as, err)
	}
}

func testDyadCounts(t *testing.T, s store.Store) {
	var docs []store.Doc
	n := 0
	add := func(date, src, tgt, cameo string) {
		n++
		id := fmt.Sprint(n)
		docs = append(docs, Doc("d"+id, "", "", "text "+id, day("2022-01-01"), Ev("m"+id, date, src, tgt, cameo, "s")))
	}
	add("2022-01-03", "CHN", "AFG", "040")    // Mon, week 1, quad 1
	add("2022-01-04", "CHNGOV", "AFG", "190") // week 1, quad 4
	add("2022-01-10", "AFG", "CHN", "036")    // week 2, quad 1 (reverse)
	add("2022-02-01", "CHN", "AFGGOV", "061") // Feb, quad 2
	add("2022-02-01", "CHN", "PAK", "040")    // other dyad
	add("2021-12-31", "CHN", "AFG", "040")    // before range
	docs = append(docs, Doc("dup", "", "", "dup text", day("2022-01-01"), Ev("m-dup", "2022-01-03", "CHN", "AFG", "040", "again")))
	put(t, s, docs...)
	from, to := day("2022-01-01"), day("2022-12-31")
	tests := []struct {
		name string
		q    store.CountQuery
		want string // period:total:q1/q2/q3/q4:mentions:goldstein
	}{
		{"monthly directed", store.CountQuery{Source: []string{"CHN*"}, Target: []string{"AFG*"}, Directed: true, From: from, To: to},
			"2022-01-01:2:1/0/0/1:3:-8 2022-02-01:1:0/1/0/0:1:6"},
		{"monthly undirected", store.CountQuery{Source: []string{"CHN*"}, Target: []string{"AFG*"}, From: from, To: to, By: "month"},
			"2022-01-01:3:2/0/0/1:4:-7 2022-02-01:1:0/1/0/0:1:6"},
		{"exact codes", store.CountQuery{Source: []string{"CHN"}, Target: []string{"AFG"}, Directed: true, From: from, To: to},
			"2022-01-01:1:1/0/0/0:2:1"},
		{"weekly undirected", store.CountQuery{Source: []string{"CHN*"}, Target: []string{"AFG*"}, From: from, To: to, By: "week"},
			"2022-01-03:2:1/0/0/1:3:-8 2022-01-10:1:1/0/0/0:1:1 2022-01-31:1:0/1/0/0:1:6"},
		{"daily directed", store.CountQuery{Source: []string{"CHN*"}, Target: []string{"AFG*"}, Directed: true, From: day("2022-01-04"), To: day("2022-01-31"), By: "day"},
			"2022-01-04:1:0/0/0/1:1:-9"},
		{"no range", store.CountQuery{Source: []string{"CHN"}, Target: []string{"AFG"}, Directed: true, By: "day"},
			"2021-12-31:1:1/0/0/0:1:1 2022-01-03:1:1/0/0/0:2:1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pcs, err := s.DyadCounts(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			var parts []string
			for _, p := range pcs {
				m := 0
				for _, x := range p.Mentions {
					m += x
				}
				parts = append(parts, fmt.Sprintf("%s:%d:%d/%d/%d/%d:%d:%g", p.Period.Format("2006-01-02"), p.Total,
					p.Events[1], p.Events[2], p.Events[3], p.Events[4], m, p.Goldstein))
			}
			if got := strings.Join(parts, " "); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
	if _, err := s.DyadCounts(ctx, store.CountQuery{By: "hour"}); !errors.Is(err, dyad.ErrInvalidInput) {
		t.Errorf("By=hour: err = %v, want ErrInvalidInput", err)
	}
}

func testActorTotals(t *testing.T, s store.Store) {
	put(t, s,
		Doc("a", "", "", "a", day("2022-01-01"), Ev("1", "2022-01-05", "CHN", "AFG", "040", "s")),
		Doc("b", "", "", "b", day("2022-01-01"), Ev("2", "2022-01-06", "AFG", "CHNGOV", "040", "s")),
		Doc("c", "", "", "c", day("2022-01-01"), Ev("3", "2022-01-07", "CHNGOV", "CHNMIL", "040", "s")),
		Doc("d", "", "", "d", day("2022-01-01"), Ev("4", "2022-02-07", "USA", "AFG", "040", "s")),
	)
	for _, by := range []string{"month", "week", "day"} {
		tot, err := s.ActorTotals(ctx, store.TotalsQuery{Actor: []string{"CHN*"}, By: by})
		if err != nil {
			t.Fatal(err)
		}
		var src, tgt, all int
		for _, p := range tot {
			src += p.AsSource
			tgt += p.AsTarget
			all += p.Total
		}
		if src != 2 || tgt != 2 || all != 3 {
			t.Errorf("by %s: as source %d, as target %d, total %d; want 2, 2, 3 (%+v)", by, src, tgt, all, tot)
		}
	}
}

// testNegated: an event whose first mention is negated is stored and
// listed, but the counts and totals skip it (class 0, no Goldstein value);
// a later asserted mention of the same event does not change that.
func testNegated(t *testing.T, s store.Store) {
	coop := Ev("1", "2022-03-02", "CHN", "AFG", "036", "s")
	neg := Ev("2", "2022-03-03", "CHN", "AFG", "111", "s")
	neg.Negated = true
	again := Ev("3", "2022-03-03", "CHN", "AFG", "111", "s")
	put(t, s, Doc("a", "", "", "a", day("2022-03-04"), coop), Doc("b", "", "", "b", day("2022-03-04"), neg))
	put(t, s, Doc("c", "", "", "c", day("2022-03-05"), again))
	if evs := events(t, s, store.EventFilter{}); len(evs) != 2 {
		t.Fatalf("events listed: %d, want 2 (the negated one too)", len(evs))
	}
	for _, by := range []string{"month", "day"} {
		pcs, err := s.DyadCounts(ctx, store.CountQuery{Source: []string{"CHN"}, Target: []string{"AFG"}, Directed: true, By: by})
		if err != nil {
			t.Fatal(err)
		}
		var ev, mn [5]int
		var g float64
		for _, p := range pcs {
			for q := range ev {
				ev[q] += p.Events[q]
				mn[q] += p.Mentions[q]
			}
			g += p.Goldstein
		}
		if ev != [5]int{1, 1, 0, 0, 0} || mn != [5]int{2, 1, 0, 0, 0} || g != coop.Goldstein {
			t.Errorf("by %s: events %v mentions %v goldstein %g; want [1 1 0 0 0] [2 1 0 0 0] %g", by, ev, mn, g, coop.Goldstein)
		}
		tot, err := s.ActorTotals(ctx, store.TotalsQuery{Actor: []string{"CHN*"}, By: by})
		if err != nil {
			t.Fatal(err)
		}
		all := 0
		for _, p := range tot {
			all += p.Total
		}
		if all != 1 {
			t.Errorf("by %s: actor total %d, want 1 (%+v)", by, all, tot)
		}
	}
}

func testDateFallback(t *testing.T, s store.Store) {
	ev := Ev("x-1", "", "USA", "MEX", "036", "s")
	ev.DatePrecision = ""
	put(t, s, Doc("x", "", "", "x", time.Date(2020, 5, 6, 15, 0, 0, 0, time.UTC), ev))
	evs := events(t, s, store.EventFilter{})
	if len(evs) != 1 || evs[0].Date != "2020-05-06" || evs[0].DatePrecision != "day" {
		t.Fatalf("event without a date: %+v", evs)
	}
}
