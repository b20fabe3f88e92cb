package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/store/postgres"
	"github.com/dyad-events/dyad/store/postgres/pgtest"
)

// TestOpenStorePostgres: a postgres:// URL opens the PostgreSQL store, and
// the store commands work on it (the database from $DYAD_TEST_POSTGRES).
func TestOpenStorePostgres(t *testing.T) {
	start := time.Now()
	_, err := openStoreEnv("postgres://dyad:secret@127.0.0.1:1/dyad?connect_timeout=5", func(string) string { return "" })
	if err == nil || !strings.Contains(err.Error(), "postgres") || strings.Contains(err.Error(), "secret") || time.Since(start) > 30*time.Second {
		t.Errorf("a server that is not there: %v after %s", err, time.Since(start))
	}
	u := pgtest.NewDB(t)
	for _, loc := range []string{u, strings.Replace(u, "postgres://", "postgresql://", 1)} {
		st, err := openStoreEnv(loc, func(string) string { return "" })
		if err != nil {
			t.Fatalf("%s: %v", loc, err)
		}
		if _, ok := st.(*postgres.Store); !ok {
			t.Errorf("%s opened a %T", loc, st)
		}
		st.Close()
	}
	dir := t.TempDir()
	exp := gdeltFixture(t, dir)
	code, out, stderr := runStoreCLI(t, "", "ingest", "--db", u, "--progress", "none", exp)
	if code != exitPartial || !strings.Contains(out, "2 new") || !strings.Contains(out, "3 mentions stored") {
		t.Fatalf("ingest: exit %d\n%s\n%s", code, out, stderr)
	}
	code, out, stderr = runStoreCLI(t, "", "events", "--db", u, "--target", "AFG*", "--order", "date-asc")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != exitOK || len(lines) != 3 {
		t.Fatalf("events: exit %d, %d lines\n%s\n%s", code, len(lines), out, stderr)
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil || rec["cameo"] != "190" || rec["date"] != "2021-08-15" {
		t.Fatalf("first event: %s (%v)", lines[0], err)
	}
	code, out, _ = runStoreCLI(t, "", "show", "--db", u, rec["id"].(string))
	if code != exitOK || !strings.Contains(out, "CAMEO 190") || !strings.Contains(out, "https://a.example/1") {
		t.Errorf("show: exit %d\n%s", code, out)
	}
	code, out, _ = runStoreCLI(t, "", "docs", "--db", u)
	if code != exitOK || !strings.Contains(out, "a.example") || strings.Count(out, "\n") != 3 {
		t.Errorf("docs: exit %d\n%s", code, out)
	}
	// Ingesting again stores nothing new.
	code, out, _ = runStoreCLI(t, "", "ingest", "--db", u, "--progress", "none", exp)
	if code != exitPartial || !strings.Contains(out, "0 new") {
		t.Errorf("re-ingest: exit %d\n%s", code, out)
	}
}
