package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/ingest"
)

// runStoreCLI runs dyad with args and an environment without $DYAD_DB.
func runStoreCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(k string) string {
		if k == "HOME" {
			return t.TempDir()
		}
		return ""
	}}
	code := run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

func TestDefaultDBPath(t *testing.T) {
	tests := []struct {
		env  map[string]string
		flag string
		want string
	}{
		{map[string]string{"HOME": "/home/u"}, "", "/home/u/.local/share/dyad/dyad.db"},
		{map[string]string{"HOME": "/home/u", "XDG_DATA_HOME": "/xdg"}, "", "/xdg/dyad/dyad.db"},
		{map[string]string{"HOME": "/home/u", "XDG_DATA_HOME": "relative"}, "", "/home/u/.local/share/dyad/dyad.db"},
		{map[string]string{"HOME": "/home/u", "XDG_DATA_HOME": "/xdg", "DYAD_DB": "/env.db"}, "", "/env.db"},
		{map[string]string{"HOME": "/home/u", "DYAD_DB": "/env.db"}, "/flag.db", "/flag.db"},
	}
	for _, tc := range tests {
		got, err := resolveDB(tc.flag, func(k string) string { return tc.env[k] })
		if err != nil || got != tc.want {
			t.Errorf("resolveDB(%q, %v) = %q, %v; want %q", tc.flag, tc.env, got, err, tc.want)
		}
	}
}

func TestSplitGlobalDB(t *testing.T) {
	for _, tc := range []struct {
		args      []string
		db, rest0 string
	}{
		{[]string{"--db", "x.db", "events"}, "x.db", "events"},
		{[]string{"--db=y.db", "docs"}, "y.db", "docs"},
		{[]string{"events", "--db", "z"}, "", "events"},
	} {
		db, rest := splitGlobalDB(tc.args)
		if db != tc.db || rest[0] != tc.rest0 {
			t.Errorf("splitGlobalDB(%v) = %q, %v", tc.args, db, rest)
		}
	}
}

func TestStoreCommandsHelp(t *testing.T) {
	for _, cmd := range []string{"ingest", "events", "docs", "show"} {
		code, _, stderr := runStoreCLI(t, "", cmd, "-h")
		if code != exitOK || !strings.Contains(stderr, "Examples:") || !strings.Contains(stderr, "dyad "+cmd) || !strings.Contains(stderr, "--db") {
			t.Errorf("%s -h: exit %d, help:\n%s", cmd, code, stderr)
		}
	}
}

func TestStoreCommandsUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "u.db")
	for _, args := range [][]string{
		{"ingest", "--db", db},
		{"ingest", "--db", db, "--date", "March", "x.txt"},
		{"events", "--db", db, "--format", "xml"},
		{"events", "--db", db, "--quad", "7"},
		{"events", "--db", db, "--from", "yesterday"},
		{"events", "--db", db, "CHN"},
		{"show", "--db", db},
		{"docs", "--db", db, "--limit", "0"},
	} {
		if code, _, _ := runStoreCLI(t, "", args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

// gdeltFixture writes a small GDELT export with one bad row.
func gdeltFixture(t *testing.T, dir string) string {
	t.Helper()
	row := func(id, date, a1, a2, code, quad, gold, url string) string {
		c := make([]string, 61)
		c[0], c[1], c[2], c[3] = id, date, date[:6], date[:4]
		c[5], c[6], c[7] = a1, a1, a1[:3]
		c[15], c[16], c[17] = a2, a2, a2[:3]
		c[26], c[27], c[28], c[29], c[30] = code, code, code[:2], quad, gold
		c[52], c[53], c[56], c[57] = "Kabul, Afghanistan", "AF", "34.5", "69.2"
		c[59], c[60] = date+"000000", url
		return strings.Join(c, "\t")
	}
	lines := []string{
		row("1", "20210815", "AFGTAL", "AFGGOV", "190", "4", "-10", "https://a.example/1"),
		row("2", "20210816", "USAGOV", "AFG", "042", "1", "1.9", "https://b.example/2"),
		row("3", "20210816", "CHN", "AFG", "036", "1", "4", "https://a.example/1"),
		"4\tbroken\trow",
	}
	p := filepath.Join(dir, "20210816.export.CSV")
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestIngestGDELTAndEventFormats(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	exp := gdeltFixture(t, dir)
	code, out, stderr := runStoreCLI(t, "", "ingest", "--db", db, "--progress", "none", exp)
	if code != exitPartial || !strings.Contains(stderr, "20210816.export.CSV:4: 3 columns, want 61") {
		t.Fatalf("ingest: exit %d\n%s\n%s", code, out, stderr)
	}
	if !strings.Contains(out, "2 new") || !strings.Contains(out, "1 failed") || !strings.Contains(out, "3 mentions stored") {
		t.Errorf("summary:\n%s", out)
	}
	// jsonl
	code, out, stderr = runStoreCLI(t, "", "events", "--db", db, "--target", "AFG*", "--order", "date-asc")
	if code != exitOK {
		t.Fatalf("events: %d %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("events: %d lines\n%s", len(lines), out)
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "doc_id", "date", "source", "target", "cameo", "root", "quad", "goldstein", "plover", "num_mentions", "mention_id"} {
		if _, ok := rec[k]; !ok {
			t.Errorf("jsonl record lacks %q: %s", k, lines[0])
		}
	}
	if rec["cameo"] != "190" || rec["date"] != "2021-08-15" {
		t.Errorf("first event: %s", lines[0])
	}
	// gdelt: 61 columns, and it reads back.
	code, out, _ = runStoreCLI(t, "", "events", "--db", db, "--format", "gdelt")
	rows := strings.Split(strings.TrimSpace(out), "\n")
	if code != exitOK || len(rows) != 3 {
		t.Fatalf("gdelt: exit %d, %d rows", code, len(rows))
	}
	for _, r := range rows {
		if n := len(strings.Split(r, "\t")); n != 61 {
			t.Errorf("gdelt row has %d columns: %q", n, r)
		}
	}
	var back []ingest.Item
	ingest.ReadGDELT(context.Background(), strings.NewReader(out), "out", func(it ingest.Item) bool { back = append(back, it); return true })
	if len(back) != 3 || back[0].Err != nil {
		t.Fatalf("gdelt output does not read back: %+v", back)
	}
	if ev := back[2].Doc.Events[0]; ev.CAMEO != "190" || ev.Source.Code != "AFGTAL" || ev.Date != "2021-08-15" || ev.Place == nil || ev.Place.Name != "Kabul, Afghanistan" {
		t.Errorf("round trip event: %+v", ev)
	}
	// plover
	code, out, _ = runStoreCLI(t, "", "events", "--db", db, "--format", "plover", "--cameo", "19")
	var pl map[string]any
	if code != exitOK || json.Unmarshal([]byte(strings.TrimSpace(out)), &pl) != nil || pl["event_type"] == "" || pl["quad_code"] != 4.0 {
		t.Errorf("plover: exit %d %s", code, out)
	}
	// csv with header
	code, out, _ = runStoreCLI(t, "", "events", "--db", db, "--format", "csv", "--limit", "1")
	if code != exitOK || !strings.HasPrefix(out, "id,doc_id,sentence,date") || strings.Count(out, "\n") != 2 {
		t.Errorf("csv: %s", out)
	}
	// docs
	code, out, _ = runStoreCLI(t, "", "docs", "--db", db)
	if code != exitOK || !strings.Contains(out, "a.example") || strings.Count(out, "\n") != 3 {
		t.Errorf("docs:\n%s", out)
	}
	// show by event id from the jsonl output
	code, out, _ = runStoreCLI(t, "", "show", "--db", db, rec["id"].(string))
	if code != exitOK || !strings.Contains(out, "CAMEO 190") || !strings.Contains(out, "https://a.example/1") {
		t.Errorf("show:\n%s", out)
	}
	if code, _, stderr = runStoreCLI(t, "", "show", "--db", db, "nope"); code != exitError || !strings.Contains(stderr, "no event") {
		t.Errorf("show nope: %d %s", code, stderr)
	}
}

func TestHighlight(t *testing.T) {
	ev := asEventForTest("Russian forces", "attacked", "Ukraine")
	got := highlight("Russian forces attacked Ukraine on Thursday.", ev, false)
	if got != "[Russian forces] {attacked} <Ukraine> on Thursday." {
		t.Errorf("highlight = %q", got)
	}
	got = highlight("Russian forces attacked Ukraine.", ev, true)
	if !strings.Contains(got, "\x1b[1;31mRussian forces\x1b[0m") {
		t.Errorf("ansi highlight = %q", got)
	}
	if got := highlight("Nothing matches.", ev, false); got != "Nothing matches." {
		t.Errorf("no match = %q", got)
	}
}
