package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
)

var ctx = context.Background()

func collect(t *testing.T, r Reader) []Item {
	t.Helper()
	var items []Item
	if err := r.Read(ctx, func(it Item) bool { items = append(items, it); return true }); err != nil {
		t.Fatalf("Read: %v", err)
	}
	return items
}

func TestExtractHTML(t *testing.T) {
	b, err := os.ReadFile("testdata/news/geneva-aid.html")
	if err != nil {
		t.Fatal(err)
	}
	art, err := ExtractHTML(b, "https://desk.example/yemen")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"The United Nations appealed on Monday", "Saudi Arabia pledged", "Houthi rebels"} {
		if !strings.Contains(art.Text, want) {
			t.Errorf("main text lacks %q:\n%s", want, art.Text)
		}
	}
	for _, junk := range []string{"cheap flights", "Visit my site", "Sport", "Privacy policy"} {
		if strings.Contains(art.Text, junk) {
			t.Errorf("main text keeps %q (navigation, ads, comments or footer):\n%s", junk, art.Text)
		}
	}
	if art.Published.Format("2006-01-02") != "2023-02-14" {
		t.Errorf("published = %v", art.Published)
	}
	if !strings.Contains(art.Title, "UN appeals for aid to Yemen") {
		t.Errorf("title = %q", art.Title)
	}
}

func TestExtractHTMLCorrupt(t *testing.T) {
	corrupt, _ := os.ReadFile("testdata/bad/corrupt.html")
	tests := map[string][]byte{
		"binary":       corrupt,
		"empty":        nil,
		"no text":      []byte("<html><body><nav><a href=/>Home</a></nav></body></html>"),
		"invalid utf8": bytes.Repeat([]byte{0xff, 0xfe, 'a'}, 100),
	}
	for name, b := range tests {
		if _, err := ExtractHTML(b, ""); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func FuzzExtractHTML(f *testing.F) {
	b, _ := os.ReadFile("testdata/news/geneva-aid.html")
	f.Add(b)
	f.Add([]byte("<html><body><p>Short.</p></body></html>"))
	f.Add([]byte("<p><b><i>unclosed <table><tr><td>cell"))
	f.Fuzz(func(t *testing.T, b []byte) {
		art, err := ExtractHTML(b, "")
		if err == nil && strings.TrimSpace(art.Text) == "" {
			t.Fatal("no error but no text")
		}
	})
}

func TestJSONL(t *testing.T) {
	items := collect(t, Paths([]string{"testdata/bad/broken.jsonl"}, nil, Options{}))
	if len(items) != 4 {
		t.Fatalf("got %d items, want 4", len(items))
	}
	wantErr := map[int]string{1: "broken.jsonl:2", 2: "broken.jsonl:3"}
	for i, it := range items {
		if pos, bad := wantErr[i]; bad {
			if it.Err == nil || !strings.Contains(it.Err.Error(), pos) || !errors.Is(it.Err, dyad.ErrInvalidInput) {
				t.Errorf("item %d: err = %v, want one naming %s", i, it.Err, pos)
			}
			continue
		}
		if it.Err != nil {
			t.Errorf("item %d: %v", i, it.Err)
		}
	}
	if d := items[3].Doc; d.ID != "ok-2" || d.Date.Format("2006-01-02") != "2021-08-16" || d.DateSource != "metadata" {
		t.Errorf("ok-2 = %+v", d)
	}
}

func TestJSONLFields(t *testing.T) {
	var items []Item
	in := `{"id":"a","url":"https://x/a","title":"T","date":"2022-03-17T10:00:00Z","source":"wire","text":"Text."}` + "\n" +
		`{"text":"No id here."}` + "\n" + `{"id":"x","text":""}` + "\n" + `[1,2]` + "\n" + `{"id":"y","text":"a"} {"id":"z"}`
	err := ReadJSONL(ctx, strings.NewReader(in), "in.jsonl", time.Time{}, Options{Source: "default"}, func(it Item) bool {
		items = append(items, it)
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 5 {
		t.Fatalf("%d items", len(items))
	}
	a := items[0].Doc
	if a.ID != "a" || a.URL != "https://x/a" || a.Title != "T" || a.Source != "wire" || a.Text != "Text." || a.Date.Hour() != 10 {
		t.Errorf("record a = %+v", a)
	}
	if b := items[1].Doc; b.ID != "in.jsonl:2" || b.Source != "default" {
		t.Errorf("record without id = %+v", b)
	}
	for i := 2; i < 5; i++ {
		if items[i].Err == nil || !strings.Contains(items[i].Err.Error(), fmt.Sprintf("in.jsonl:%d", i+1)) {
			t.Errorf("line %d: err = %v", i+1, items[i].Err)
		}
	}
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte(`{"id":"a","date":"2022-03-17","text":"China met Afghanistan."}` + "\n"))
	f.Add([]byte("{\"id\":1}\n\n{bad\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		lines := 0
		err := ReadJSONL(ctx, bytes.NewReader(b), "f", time.Time{}, Options{MaxBytes: 1 << 12}, func(it Item) bool {
			lines++
			if it.Err == nil && (it.Doc.ID == "" || strings.TrimSpace(it.Doc.Text) == "") {
				t.Fatalf("item without id or text and no error: %+v", it)
			}
			if it.Err != nil && !strings.HasPrefix(it.Err.Error(), "f:") {
				t.Fatalf("error without position: %v", it.Err)
			}
			return true
		})
		if err != nil {
			t.Fatal(err)
		}
		if lines > bytes.Count(b, []byte{'\n'})+1 {
			t.Fatalf("%d items from %d lines", lines, bytes.Count(b, []byte{'\n'})+1)
		}
	})
}

// gdeltLine builds a GDELT 2.0 export row.
func gdeltLine(id int, date, a1, a2, code string, quad int, gold float64, url string) string {
	c := make([]string, 61)
	c[0] = fmt.Sprint(id)
	c[1] = date
	c[2], c[3] = date[:6], date[:4]
	c[5], c[6], c[7] = a1, a1+" NAME", a1[:3]
	c[15], c[16], c[17] = a2, a2+" NAME", a2[:3]
	c[26], c[27], c[28] = code, code, code[:2]
	c[29] = fmt.Sprint(quad)
	c[30] = fmt.Sprint(gold)
	c[31], c[32], c[33] = "3", "1", "3"
	c[52], c[53], c[56], c[57] = "Kabul, Kabul, Afghanistan", "AF", "34.5167", "69.1833"
	c[59] = date + "120000"
	c[60] = url
	return strings.Join(c, "\t")
}

func TestGDELT(t *testing.T) {
	rows := []string{
		gdeltLine(1001, "20210815", "AFGTAL", "AFGGOV", "190", 4, -10, "https://news.example/kabul"),
		"1002\t20210815\ttoo\tfew",
		gdeltLine(1003, "20210816", "USA", "AFG", "042", 1, 1.9, "https://news.example/kabul"),
		gdeltLine(1004, "2021xx16", "USA", "AFG", "042", 1, 1.9, "https://news.example/other"),
		gdeltLine(1005, "20210817", "CHN", "AFG", "036", 1, 4, "https://news.example/china"),
	}
	var items []Item
	err := ReadGDELT(ctx, strings.NewReader(strings.Join(rows, "\r\n")+"\n"), "x.export.CSV", func(it Item) bool {
		items = append(items, it)
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 5 {
		t.Fatalf("%d items", len(items))
	}
	if items[1].Err == nil || !strings.Contains(items[1].Err.Error(), "x.export.CSV:2: 4 columns, want 61") {
		t.Errorf("short row: %v", items[1].Err)
	}
	if items[3].Err == nil || !strings.Contains(items[3].Err.Error(), "x.export.CSV:4: column 2 (SQLDATE)") {
		t.Errorf("bad date: %v", items[3].Err)
	}
	it := items[0]
	if it.Err != nil || !it.Coded || !it.Doc.AppendEvents {
		t.Fatalf("row 1: %+v", it)
	}
	ev := it.Doc.Events[0]
	if ev.ID != "gdelt-1001" || ev.Date != "2021-08-15" || ev.Source.Code != "AFGTAL" || ev.Target.Code != "AFGGOV" ||
		ev.CAMEO != "190" || ev.Root != "19" || ev.Quad != 4 || ev.Goldstein != -10 || ev.Place == nil || ev.Place.Lat != 34.5167 ||
		ev.Plover.Event == "" {
		t.Errorf("event = %+v", ev)
	}
	if it.Doc.URL != "https://news.example/kabul" || it.Doc.Source != "news.example" || it.Doc.ID != items[2].Doc.ID {
		t.Errorf("doc = %+v (rows with the same URL must share a document id)", it.Doc)
	}
}

func writeZip(t *testing.T, path string, members map[string]string) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range members {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestGDELTZip(t *testing.T) {
	dir := t.TempDir()
	var rows []string
	for i := 0; i < 2000; i++ {
		rows = append(rows, gdeltLine(i+1, "20220101", "USA", "CHN", "040", 1, 1, fmt.Sprintf("https://n.example/%d", i)))
	}
	good := filepath.Join(dir, "20220101.export.CSV.zip")
	writeZip(t, good, map[string]string{"20220101.export.CSV": strings.Join(rows, "\n")})
	items := collect(t, Paths([]string{good}, nil, Options{}))
	if len(items) != 2000 || items[1999].Err != nil {
		t.Fatalf("zip: %d items, last err %v", len(items), items[len(items)-1].Err)
	}
	// Truncate the archive: the central directory is lost.
	b, _ := os.ReadFile(good)
	bad := filepath.Join(dir, "cut.export.CSV.zip")
	os.WriteFile(bad, b[:len(b)/2], 0o644)
	items = collect(t, Paths([]string{bad, good}, nil, Options{}))
	if len(items) != 2001 || !errors.Is(items[0].Err, ErrTruncatedZip) || !strings.Contains(items[0].Err.Error(), "cut.export.CSV.zip") {
		t.Fatalf("truncated zip: %d items, first err %v", len(items), items[0].Err)
	}
	if c := Count([]string{good}); c != 2000 {
		t.Errorf("Count = %d, want 2000", c)
	}
}

func FuzzGDELT(f *testing.F) {
	f.Add(gdeltLine(1, "20220101", "USA", "CHN", "040", 1, 1, "https://x") + "\n")
	f.Add("1\t2\t3\n\n\t\t\t")
	f.Fuzz(func(t *testing.T, s string) {
		err := ReadGDELT(ctx, strings.NewReader(s), "f", func(it Item) bool {
			if it.Err == nil {
				if len(it.Doc.Events) != 1 || it.Doc.Events[0].CAMEO == "" || it.Doc.Events[0].ID == "" || it.Doc.ID == "" {
					t.Fatalf("row without error but incomplete: %+v", it.Doc)
				}
			} else if !strings.HasPrefix(it.Err.Error(), "f:") {
				t.Fatalf("error without position: %v", it.Err)
			}
			return true
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

func TestPathsDirectory(t *testing.T) {
	items := collect(t, Paths([]string{"testdata/news"}, nil, Options{Date: time.Date(2022, 3, 28, 0, 0, 0, 0, time.UTC)}))
	var ids []string
	for _, it := range items {
		if it.Err != nil {
			t.Errorf("%s: %v", it.Pos, it.Err)
		}
		ids = append(ids, it.Doc.ID)
	}
	want := "testdata/news/geneva-aid.html testdata/news/kabul-talks.txt testdata/news/more/border-clash.txt wire-1 wire-2 wire-3"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("ids = %s\nwant  %s", got, want)
	}
	byID := map[string]Item{}
	for _, it := range items {
		byID[it.Doc.ID] = it
	}
	if d := byID["testdata/news/kabul-talks.txt"].Doc; d.Date.Format("2006-01-02") != "2022-03-03" || d.DateSource != "dateline" {
		t.Errorf("kabul date = %s (%s), want the dateline with the --date year", d.Date, d.DateSource)
	}
	if d := byID["wire-3"].Doc; d.Date.Format("2006-01-02") != "2022-05-04" || d.DateSource != "dateline" {
		t.Errorf("wire-3 date = %s (%s)", d.Date, d.DateSource)
	}
	if d := byID["testdata/news/geneva-aid.html"].Doc; d.DateSource != "metadata" || strings.Contains(d.Text, "cheap flights") {
		t.Errorf("html doc = %+v", d)
	}
	if c := Count([]string{"testdata/news"}); c < 6 {
		t.Errorf("Count = %d", c)
	}
}

func TestPathsErrorsGoOn(t *testing.T) {
	items := collect(t, Paths([]string{"testdata/bad/corrupt.html", "missing.txt", "testdata/news/kabul-talks.txt"}, nil, Options{}))
	if len(items) != 3 || items[0].Err == nil || items[1].Err == nil || items[2].Err != nil {
		t.Fatalf("items: %+v", items)
	}
	if !strings.Contains(items[0].Err.Error(), "corrupt.html") {
		t.Errorf("corrupt html error lacks the file: %v", items[0].Err)
	}
}

func TestStdin(t *testing.T) {
	now := func() time.Time { return time.Date(2022, 1, 2, 0, 0, 0, 0, time.UTC) }
	items := collect(t, Paths([]string{"-"}, strings.NewReader("China met Afghanistan."), Options{Now: now}))
	if len(items) != 1 || items[0].Err != nil || items[0].Doc.Text != "China met Afghanistan." || items[0].Doc.DateSource != "mtime" {
		t.Fatalf("stdin text: %+v", items)
	}
	items = collect(t, Paths([]string{"-"}, strings.NewReader(`{"id":"j","text":"x"}`+"\n"+`{"id":"k","text":"y"}`), Options{Now: now}))
	if len(items) != 2 || items[1].Doc.ID != "k" {
		t.Fatalf("stdin jsonl: %+v", items)
	}
}

func TestFetchURL(t *testing.T) {
	page, _ := os.ReadFile("testdata/news/geneva-aid.html")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/a.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
		case "/b.txt":
			w.Header().Set("Content-Type", "text/plain")
			w.Header().Set("Last-Modified", "Wed, 02 Mar 2022 10:00:00 GMT")
			w.Write([]byte("Iran condemned the sanctions."))
		case "/img":
			w.Header().Set("Content-Type", "image/png")
			w.Write([]byte{0x89, 'P', 'N', 'G'})
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	urls := []string{srv.URL + "/a.html", srv.URL + "/b.txt", srv.URL + "/img", srv.URL + "/missing"}
	items := collect(t, Paths(urls, nil, Options{HTTPClient: srv.Client()}))
	if len(items) != 4 {
		t.Fatalf("%d items", len(items))
	}
	if it := items[0]; it.Err != nil || !strings.Contains(it.Doc.Text, "Saudi Arabia pledged") || it.Doc.URL != urls[0] || it.Doc.DateSource != "metadata" {
		t.Errorf("html page: %+v", it)
	}
	if it := items[1]; it.Err != nil || it.Doc.Date.Format("2006-01-02") != "2022-03-02" {
		t.Errorf("text page: %+v", it)
	}
	if items[2].Err == nil || items[3].Err == nil || !strings.Contains(items[3].Err.Error(), "404") {
		t.Errorf("bad pages: %v / %v", items[2].Err, items[3].Err)
	}
}
