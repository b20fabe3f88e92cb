package feed

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestParseGolden(t *testing.T) {
	cases := []struct {
		file, base, kind string
		items            int
	}{
		{"rss2.xml", "https://news.example.org/rss", KindRSS, 3},
		{"atom.xml", "https://atom.example.net/world/feed.atom", KindAtom, 2},
		{"rdf.xml", "https://rdf.example.com/rss", KindRDF, 1},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", c.file))
			if err != nil {
				t.Fatal(err)
			}
			f, err := Parse(b, c.base)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if f.Kind != c.kind || len(f.Articles) != c.items {
				t.Fatalf("kind %q with %d articles, want %q with %d", f.Kind, len(f.Articles), c.kind, c.items)
			}
			got, err := json.MarshalIndent(f, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", strings.TrimSuffix(c.file, ".xml")+".golden.json")
			if *update {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want)) {
				t.Errorf("%s differs from %s:\n%s", c.file, golden, got)
			}
		})
	}
}

// TestParseDetails checks the points the golden files rest on, so that a
// wrongly updated golden file cannot hide them.
func TestParseDetails(t *testing.T) {
	b, _ := os.ReadFile("testdata/rss2.xml")
	f, err := Parse(b, "https://news.example.org/rss")
	if err != nil {
		t.Fatal(err)
	}
	a := f.Articles
	if f.Title != "World News & Analysis" {
		t.Errorf("feed title %q", f.Title)
	}
	if want := "BEIJING, Nov 28 (Reuters) - China and Russia signed an energy accord on Saturday.\n\nThe deal covers gas & oil."; a[0].Content != want {
		t.Errorf("content:encoded = %q, want %q", a[0].Content, want)
	}
	if a[0].Author != "Jane Doe" || a[0].Source != "World News & Analysis" {
		t.Errorf("author %q source %q", a[0].Author, a[0].Source)
	}
	if a[1].URL != "https://news.example.org/2026/11/28/un-envoy" || a[1].Title != "UN envoy meets Iranian officials" {
		t.Errorf("relative link or HTML title: %q %q", a[1].URL, a[1].Title)
	}
	if want := time.Date(2026, 11, 28, 14, 30, 0, 0, time.UTC); !a[1].Published.Equal(want) {
		t.Errorf("EST date = %v, want %v", a[1].Published, want)
	}
	if a[1].Source != "Example Wire" || a[1].Summary != "The UN envoy met Iranian officials in Tehran.\n\nTalks will resume next week." {
		t.Errorf("source %q summary %q", a[1].Source, a[1].Summary)
	}
	if a[2].URL != "https://news.example.org/2026/11/27/ceasefire" || !a[2].Published.Equal(time.Date(2026, 11, 27, 21, 15, 0, 0, time.UTC)) {
		t.Errorf("guid as link / dated: %q %v", a[2].URL, a[2].Published)
	}
	if a[0].Line != 9 || !bytes.HasPrefix(b[a[0].Offset:], []byte("<item>")) {
		t.Errorf("first item at line %d byte %d, want line 9 at <item>", a[0].Line, a[0].Offset)
	}

	b, _ = os.ReadFile("testdata/atom.xml")
	f, err = Parse(b, "https://atom.example.net/world/feed.atom")
	if err != nil {
		t.Fatal(err)
	}
	e := f.Articles[0]
	if e.URL != "https://atom.example.net/world/2026/11/28/turkey-greece" {
		t.Errorf("xml:base link %q", e.URL)
	}
	if e.Title != "Turkey criticises Greece" || e.Content != "Turkey criticised Greece on Saturday over the islands.\n\nGreece rejected the criticism." {
		t.Errorf("title %q content %q", e.Title, e.Content)
	}
	if !e.Published.Equal(time.Date(2026, 11, 28, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("published %v", e.Published)
	}
	if p := f.Articles[1]; p.Summary != "Text with a < sign kept." || p.Source != "Original Source" || p.Title != "Plain & simple" {
		t.Errorf("plain entry %+v", p)
	}

	b, _ = os.ReadFile("testdata/rdf.xml")
	f, err = Parse(b, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Articles[0].Title; got != "Café talks in São Paulo" {
		t.Errorf("ISO-8859-1 title %q", got)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"empty", "  \n", "empty document"},
		{"html", "<!DOCTYPE html>\n<html><body>hi</body></html>", "line 2"},
		{"not xml", "{\"json\": true}", "line 1"},
		{"unclosed", "<rss><channel><item><title>x</title>", "unexpected EOF"},
		{"bad tag", "<rss>\n<channel>\n<item></chanel>", "line 3"},
		{"no channel", "<rss version=\"2.0\"></rss>", "without <channel>"},
		{"other root", "<?xml version=\"1.0\"?>\n<opml/>", "root element <opml>"},
		{"charset", "<?xml version=\"1.0\" encoding=\"koi8-r\"?><rss/>", "koi8-r"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := Parse([]byte(c.in), "")
			if err == nil {
				t.Fatalf("no error, got %+v", f)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q lacks %q", err, c.want)
			}
		})
	}
	_, err := Parse([]byte("<html><body>x</body></html>"), "")
	if !errors.Is(err, ErrNotFeed) {
		t.Errorf("HTML page: %v does not wrap ErrNotFeed", err)
	}
	if _, err := Parse([]byte("<a>"+strings.Repeat("<b>", maxDepth+5)), ""); err == nil || !strings.Contains(err.Error(), "nested deeper") {
		t.Errorf("deep nesting: %v", err)
	}
}

func TestParseUTF16AndBOM(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-16"?><rss><channel><title>Ünïcode</title><item><title>É</title></item></channel></rss>`
	var b []byte
	b = append(b, 0xFF, 0xFE)
	for _, r := range doc {
		b = append(b, byte(r), byte(r>>8))
	}
	f, err := Parse(b, "")
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "Ünïcode" || f.Articles[0].Title != "É" {
		t.Errorf("UTF-16: %q %q", f.Title, f.Articles[0].Title)
	}
	f, err = Parse(append([]byte{0xEF, 0xBB, 0xBF}, "<rss><channel><title>T</title></channel></rss>"...), "")
	if err != nil || f.Title != "T" {
		t.Errorf("BOM: %v %+v", err, f)
	}
}

func TestParseDate(t *testing.T) {
	want := time.Date(2026, 3, 7, 14, 5, 9, 0, time.UTC)
	for _, s := range []string{
		"Sat, 07 Mar 2026 14:05:09 +0000",
		"Sat, 7 Mar 2026 14:05:09 GMT",
		"Sat, 07 Mar 2026 09:05:09 EST",
		"Saturday, 07 Mar 2026 07:05:09 PDT",
		"07 Mar 2026 14:05:09 UT",
		"Sat, 07 Mar 26 14:05:09 +0000",
		"Sat, 07 Mar 2026 16:05:09 +02:00",
		"Sat, 07 Mar 2026 16:05:09 GMT+2",
		"Sat,  07 Mar 2026\t14:05:09 Z",
		"2026-03-07T14:05:09Z",
		"2026-03-07T14:05:09.000Z",
		"2026-03-07T15:05:09+01:00",
		"2026-03-07T15:05:09+0100",
		"2026-03-07 14:05:09",
		"2026-03-07T14:05:09",
		"7 March 2026 14:05:09 +0000",
	} {
		got, ok := ParseDate(s)
		if !ok || !got.Equal(want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	if got, ok := ParseDate("Sat, 07 Mar 2026 14:05 +0000"); !ok || !got.Equal(want.Truncate(time.Minute)) {
		t.Errorf("no seconds: %v %v", got, ok)
	}
	if got, ok := ParseDate("2026-03-07"); !ok || !got.Equal(time.Date(2026, 3, 7, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("date only: %v %v", got, ok)
	}
	for _, s := range []string{"", "yesterday", "Sat, 99 Foo 2026", strings.Repeat("9", 200)} {
		if got, ok := ParseDate(s); ok {
			t.Errorf("ParseDate(%q) = %v, want failure", s, got)
		}
	}
}

func TestHTMLToText(t *testing.T) {
	cases := map[string]string{
		"<p>One</p><p>Two &amp; three</p>":              "One\n\nTwo & three",
		"a < b and c>d":                                 "a < b and c>d",
		"x<script>var s = '<p>';</script>y":             "xy",
		"<!-- hidden --><div class=\"a>b\">Shown</div>": "Shown",
		"Line<br/>break<br>again":                       "Line\n\nbreak\n\nagain",
		"  spaced \n\n\n\n text  ":                      "spaced\n\ntext",
		"unterminated <a href=":                         "unterminated",
		"caf&eacute; &#8212; &nbsp;ok":                  "café — ok",
		"<STYLE>p{}</STYLE><P>Upper</P>":                "Upper",
	}
	for in, want := range cases {
		if got := htmlToText(in); got != want {
			t.Errorf("htmlToText(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzParse checks that Parse never panics, returns either a feed or an
// error, keeps its text valid UTF-8 and gives item positions inside the
// input.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"rss2.xml", "atom.xml", "rdf.xml"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("<rss><channel><item><title>&lt;b&gt;x</title><description><![CDATA[<p>y]]></description></item></channel></rss>"))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html">&lt;p&gt;a</content></entry></feed>`))
	f.Add([]byte("garbage"))
	f.Fuzz(func(t *testing.T, b []byte) {
		fd, err := Parse(b, "https://example.org/feed")
		if (fd == nil) == (err == nil) {
			t.Fatalf("Parse returned feed %v and error %v", fd, err)
		}
		if err != nil {
			return
		}
		switch fd.Kind {
		case KindRSS, KindRDF, KindAtom:
		default:
			t.Fatalf("kind %q", fd.Kind)
		}
		for _, a := range fd.Articles {
			for _, s := range []string{a.GUID, a.URL, a.Title, a.Summary, a.Content, a.Source} {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 %q", s)
				}
			}
			if a.Offset < 0 || a.Line < 1 {
				t.Fatalf("position line %d byte %d", a.Line, a.Offset)
			}
			if strings.Contains(a.Title, "\n") {
				t.Fatalf("title with a line break: %q", a.Title)
			}
			if a.Key() == "" {
				t.Fatal("empty key")
			}
		}
		again, err := Parse(b, "https://example.org/feed")
		if err != nil || len(again.Articles) != len(fd.Articles) {
			t.Fatalf("second parse differs: %v", err)
		}
	})
}

func TestParseLenient(t *testing.T) {
	f, err := Parse([]byte("<rss><channel><item><title>A & B &bogus; &copy;</title><link>http://x.example/?a=1&b=2</link></item>"+
		"<item><title>unclosed</item></channel></rss>"), "")
	if err != nil {
		t.Fatalf("bare & and a missing end tag: %v", err)
	}
	if len(f.Articles) != 2 || f.Articles[0].URL != "http://x.example/?a=1&b=2" || f.Articles[0].Title != "A & B &bogus; ©" || f.Articles[1].Title != "unclosed" {
		t.Errorf("lenient parse: %+v", f.Articles)
	}
}

// FuzzHTMLToText checks that the HTML reducer never panics, keeps valid
// UTF-8 valid and leaves no blank line runs.
func FuzzHTMLToText(f *testing.F) {
	f.Add("<p>One</p><p>Two &amp; three</p>")
	f.Add("x<script>y</script><!-- c --><br/>z < w")
	f.Fuzz(func(t *testing.T, s string) {
		got := htmlToText(s)
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 from %q: %q", s, got)
		}
		if strings.Contains(got, "\n\n\n") || got != strings.TrimSpace(got) {
			t.Fatalf("untidy output %q", got)
		}
	})
}
