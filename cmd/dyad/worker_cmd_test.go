package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/dyad-events/dyad/queue"
	"github.com/dyad-events/dyad/queue/queuetest"
	"github.com/dyad-events/dyad/store"
	"github.com/dyad-events/dyad/store/postgres/pgtest"
)

// testStoreURL returns a fresh store for a test: a new PostgreSQL database
// when $DYAD_TEST_POSTGRES is set, else an SQLite file.
func testStoreURL(t *testing.T, name string) string {
	t.Helper()
	if os.Getenv(pgtest.EnvVar) != "" {
		return pgtest.NewDB(t)
	}
	return filepath.Join(t.TempDir(), name+".db")
}

// writeQueueCorpus writes copies of examples/news as one JSON Lines file:
// copy k of a story has id "c<k>-<id>", its URL with ?copy=k and a
// trailing "(Copy k)" line, so that every copy is a distinct document.
// It returns the file and the number of documents.
func writeQueueCorpus(t *testing.T, dir string, copies int) (string, int) {
	t.Helper()
	files, err := filepath.Glob("../../examples/news/*.jsonl")
	if err != nil || len(files) == 0 {
		t.Fatalf("examples/news: %v", err)
	}
	sort.Strings(files)
	var recs []map[string]any
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			if strings.TrimSpace(sc.Text()) == "" {
				continue
			}
			var r map[string]any
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			recs = append(recs, r)
		}
		fh.Close()
	}
	out := filepath.Join(dir, "corpus.jsonl")
	fh, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	enc := json.NewEncoder(fh)
	n := 0
	for k := 0; k < copies; k++ {
		for _, r := range recs {
			c := map[string]any{}
			for key, v := range r {
				c[key] = v
			}
			if k > 0 {
				c["id"] = fmt.Sprintf("c%d-%v", k, r["id"])
				if u, ok := r["url"].(string); ok && u != "" {
					c["url"] = fmt.Sprintf("%s?copy=%d", u, k)
				}
				c["text"] = fmt.Sprintf("%v\n\n(Copy %d)", r["text"], k)
			}
			if err := enc.Encode(c); err != nil {
				t.Fatal(err)
			}
			n++
		}
	}
	return out, n
}

// storeDump is what a store holds, for comparing two stores: every
// document with its mentions as "id date source target cameo" lines.
type storeDump struct {
	stats store.Stats
	docs  map[string][]string
}

func dumpStore(t *testing.T, url string) *storeDump {
	t.Helper()
	st, err := openStore(url)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if c, ok := st.(interface {
		Check(context.Context) ([]string, error)
	}); ok {
		probs, err := c.Check(ctx)
		if err != nil || len(probs) > 0 {
			t.Errorf("store check: %v %v", probs, err)
		}
	}
	d := &storeDump{docs: map[string][]string{}}
	if d.stats, err = st.Stats(ctx); err != nil {
		t.Fatal(err)
	}
	for off := 0; ; off += 1000 {
		infos, err := st.Documents(ctx, store.DocFilter{Limit: 1000, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range infos {
			doc, err := st.Document(ctx, in.ID)
			if err != nil {
				t.Fatal(err)
			}
			if _, dup := d.docs[in.ID]; dup {
				t.Errorf("document %s listed twice", in.ID)
			}
			evs := []string{}
			for _, ev := range doc.Events {
				evs = append(evs, fmt.Sprintf("%s %s %s %s %s", ev.ID, ev.Date, ev.Source.Code, ev.Target.Code, ev.CAMEO))
			}
			sort.Strings(evs)
			d.docs[in.ID] = evs
		}
		if len(infos) < 1000 {
			break
		}
	}
	return d
}

// compareDumps reports the differences between a store and the reference.
func compareDumps(t *testing.T, got, want *storeDump) {
	t.Helper()
	if got.stats != want.stats {
		t.Errorf("store stats %+v, single-process ingest %+v", got.stats, want.stats)
	}
	bad := 0
	for id, w := range want.docs {
		g, ok := got.docs[id]
		switch {
		case !ok:
			t.Errorf("document %s lost", id)
			bad++
		case strings.Join(g, "\n") != strings.Join(w, "\n"):
			t.Errorf("document %s: events\n%s\nwant\n%s", id, strings.Join(g, "\n"), strings.Join(w, "\n"))
			bad++
		}
		if bad > 5 {
			t.Fatal("too many differences")
		}
	}
	for id := range got.docs {
		if _, ok := want.docs[id]; !ok {
			t.Errorf("document %s stored but not in the reference", id)
		}
	}
}

// reference is the single-process ingest of a corpus, made once per
// corpus size.
var reference struct {
	sync.Mutex
	dumps map[string]*storeDump
}

func referenceDump(t *testing.T, corpus string, key string) *storeDump {
	t.Helper()
	reference.Lock()
	defer reference.Unlock()
	if d := reference.dumps[key]; d != nil {
		return d
	}
	db := filepath.Join(t.TempDir(), "ref.db")
	code, out, stderr := runStoreCLI(t, "", "ingest", "--db", db, "--progress", "none", corpus)
	if code != exitOK {
		t.Fatalf("reference ingest: exit %d\n%s\n%s", code, out, stderr)
	}
	d := dumpStore(t, db)
	if reference.dumps == nil {
		reference.dumps = map[string]*storeDump{}
	}
	reference.dumps[key] = d
	return d
}

// TestWorkerCommands runs the commands in process: ingest --queue, queue
// status, worker --until-empty; the worker's store must equal a
// single-process ingest of the same input, and a second publish and a
// second worker change nothing.
func TestWorkerCommands(t *testing.T) {
	srv := queuetest.Start(t)
	dir := t.TempDir()
	corpus, n := writeQueueCorpus(t, dir, 1)
	code, out, stderr := runStoreCLI(t, "", "ingest", "--queue", srv.URL, "--progress", "lines", corpus, filepath.Join(dir, "missing.txt"))
	if code != exitPartial || !strings.Contains(out, fmt.Sprintf("%d published, 0 duplicate (already queued), 1 failed", n)) || !strings.Contains(stderr, "missing.txt") {
		t.Fatalf("ingest --queue: exit %d\n%s\n%s", code, out, stderr)
	}
	code, out, _ = runStoreCLI(t, "", "ingest", "--queue", srv.URL, "--json", "--progress", "none", corpus)
	var ps queue.PublishSummary
	if code != exitOK || json.Unmarshal([]byte(out), &ps) != nil || ps.Duplicate != n || ps.Published != 0 || ps.Backlog != uint64(n) {
		t.Fatalf("second publish: exit %d %s", code, out)
	}
	code, out, stderr = runStoreCLI(t, "", "queue", "status", "--queue", srv.URL, "--interval", "0")
	if code != exitOK || !strings.Contains(out, fmt.Sprintf("backlog:      %d documents", n)) || !strings.Contains(out, "no worker has started yet") {
		t.Errorf("queue status: exit %d\n%s\n%s", code, out, stderr)
	}
	db := testStoreURL(t, "worker")
	code, out, stderr = runStoreCLI(t, "", "worker", "--queue", srv.URL, "--db", db, "--until-empty", "--batch", "16", "--json")
	var ws queue.WorkerStats
	if code != exitOK || json.Unmarshal([]byte(out), &ws) != nil || ws.New != n || ws.Dead != 0 {
		t.Fatalf("worker: exit %d\n%s\n%s", code, out, stderr)
	}
	compareDumps(t, dumpStore(t, db), referenceDump(t, corpus, "1"))

	code, out, _ = runStoreCLI(t, "", "queue", "status", "--queue", srv.URL, "--json", "--interval", "0")
	var st queue.Status
	if code != exitOK || json.Unmarshal([]byte(out), &st) != nil || st.Backlog != 0 || st.Consumer == nil || st.Dead.Messages != 0 {
		t.Errorf("status after: exit %d %s", code, out)
	}
	// A poison message: dead-lettered, listed by status, exit 3.
	js := jsFor(t, srv.URL)
	if _, err := js.Publish(context.Background(), queue.DefaultSubject, []byte("not json")); err != nil {
		t.Fatal(err)
	}
	code, out, stderr = runStoreCLI(t, "", "worker", "--queue", srv.URL, "--db", db, "--until-empty", "--quiet")
	if code != exitPartial || !strings.Contains(out, "0 new, 0 duplicate, 1 dead-lettered") || !strings.Contains(stderr, "dead-lettered to dyad.dead") {
		t.Errorf("worker with poison: exit %d\n%s\n%s", code, out, stderr)
	}
	code, out, _ = runStoreCLI(t, "", "queue", "status", "--queue", srv.URL, "--interval", "0")
	if code != exitOK || !strings.Contains(out, "dead letters: 1 in DYAD_DEAD") || !strings.Contains(out, "malformed message") {
		t.Errorf("status with a dead letter: exit %d\n%s", code, out)
	}
}

func TestWorkerUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"worker", "-h"}, exitOK, "acknowledges each"},
		{[]string{"worker", "--db", "x.db"}, exitUsage, "no queue"},
		{[]string{"worker", "--queue", "nats://127.0.0.1:1", "--batch", "0"}, exitUsage, "--batch"},
		{[]string{"worker", "--queue", "nats://127.0.0.1:1", "--ack-wait", "10ms"}, exitUsage, "--ack-wait"},
		{[]string{"worker", "--queue", "nats://127.0.0.1:1", "extra"}, exitUsage, "unexpected arguments"},
		{[]string{"worker", "--queue", "redis://x:1", "--db", "x.db"}, exitUsage, "scheme"},
		{[]string{"queue", "status", "-h"}, exitOK, "dead letters"},
		{[]string{"queue", "status"}, exitUsage, "no queue"},
		{[]string{"queue", "status", "--queue", "nats://127.0.0.1:1"}, exitError, "no servers"},
		{[]string{"queue"}, exitUsage, "status"},
		{[]string{"ingest", "-h"}, exitOK, "--queue"},
	}
	for _, tc := range tests {
		code, out, stderr := runStoreCLI(t, "", tc.args...)
		if code != tc.code || !strings.Contains(out+stderr, tc.want) {
			t.Errorf("%v: exit %d, want %d with %q\n%s%s", tc.args, code, tc.code, tc.want, out, stderr)
		}
	}
}

// jsFor connects a JetStream client for the test.
func jsFor(t *testing.T, url string) jetstream.JetStream {
	t.Helper()
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	return js
}

// gdeltExportLine builds a GDELT 2.0 export row (61 tab-separated columns).
func gdeltExportLine(id int, date, a1, a2, code string, url string) string {
	c := make([]string, 61)
	c[0] = fmt.Sprint(id)
	c[1] = date
	c[2], c[3] = date[:6], date[:4]
	c[5], c[6], c[7] = a1, a1+" NAME", a1[:3]
	c[15], c[16], c[17] = a2, a2+" NAME", a2[:3]
	c[26], c[27], c[28] = code, code, code[:2]
	c[29], c[30] = "1", "1.5"
	c[31], c[32], c[33] = "3", "1", "3"
	c[59] = date + "120000"
	c[60] = url
	return strings.Join(c, "\t")
}

// TestWorkerGDELT sends GDELT rows (already coded, several citing one
// article) through the queue: the store must equal a local ingest.
func TestWorkerGDELT(t *testing.T) {
	srv := queuetest.Start(t)
	dir := t.TempDir()
	rows := []string{
		gdeltExportLine(1001, "20210815", "AFGTAL", "AFGGOV", "190", "https://news.example/kabul"),
		gdeltExportLine(1003, "20210816", "USA", "AFG", "042", "https://news.example/kabul"),
		gdeltExportLine(1005, "20210817", "CHN", "AFG", "036", "https://news.example/china"),
	}
	export := filepath.Join(dir, "20210817000000.export.CSV")
	if err := os.WriteFile(export, []byte(strings.Join(rows, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runStoreCLI(t, "", "ingest", "--queue", srv.URL, "--progress", "none", export)
	if code != exitOK || !strings.Contains(out, "3 published") {
		t.Fatalf("publish: exit %d\n%s\n%s", code, out, stderr)
	}
	db := testStoreURL(t, "gdelt")
	code, out, stderr = runStoreCLI(t, "", "worker", "--queue", srv.URL, "--db", db, "--until-empty", "--quiet")
	if code != exitOK {
		t.Fatalf("worker: exit %d\n%s\n%s", code, out, stderr)
	}
	ref := filepath.Join(dir, "ref.db")
	if code, out, stderr := runStoreCLI(t, "", "ingest", "--db", ref, "--progress", "none", export); code != exitOK {
		t.Fatalf("reference: exit %d\n%s\n%s", code, out, stderr)
	}
	got, want := dumpStore(t, db), dumpStore(t, ref)
	if len(got.docs) != 2 || got.stats.Mentions != 3 {
		t.Errorf("stored %+v %v", got.stats, got.docs)
	}
	compareDumps(t, got, want)
}
