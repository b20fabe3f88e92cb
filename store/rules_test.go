package store

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
)

func TestDupIndex(t *testing.T) {
	x := NewDupIndex[int]()
	x.Add("a", "h1", "http://a", 1)
	x.AddBy(DupByContent, "h2", "b", 2)
	x.AddBy(DupByURL, "http://c", "c", 3)
	x.Add("d", "", "", 4) // no hash, no URL: indexed by id only
	for _, tc := range []struct {
		id, hash, url string
		ref           int
		dupOf, reason string
	}{
		{"a", "zz", "zz", 1, "a", "same id"},
		{"x", "h1", "http://c", 1, "a", "same content as a"},
		{"x", "h2", "", 2, "b", "same content as b"},
		{"x", "", "http://a", 1, "a", "same url as a"},
		{"x", "h9", "http://c", 3, "c", "same url as c"},
		{"x", "", "", 0, "", ""},
		{"b", "", "", 0, "", ""}, // b is indexed by content only
	} {
		ref, dupOf, kind := x.Find(tc.id, tc.hash, tc.url)
		if ref != tc.ref || dupOf != tc.dupOf || kind.Reason(dupOf) != tc.reason {
			t.Errorf("Find(%q, %q, %q) = %d, %q, %q; want %d, %q, %q", tc.id, tc.hash, tc.url, ref, dupOf, kind.Reason(dupOf), tc.ref, tc.dupOf, tc.reason)
		}
	}
}

func TestExpandPatterns(t *testing.T) {
	stored := map[string][]string{"CHN*": {"CHN", "CHNGOV"}, "BIG*": make([]string, MaxExpand+1)}
	var asked []string
	got, err := ExpandPatterns([]string{"USA", "CHN*", "ZZZ*", "BIG*", "*"}, "none", func(p string) ([]string, error) {
		asked = append(asked, p)
		return stored[p], nil
	})
	want := []string{"USA", "CHN", "CHNGOV", "none", "BIG*", "*"}
	if err != nil || !reflect.DeepEqual(got, want) || len(asked) != 3 {
		t.Errorf("ExpandPatterns = %q, %v (looked up %q); want %q", got, err, asked, want)
	}
	boom := errors.New("boom")
	if _, err := ExpandPatterns([]string{"A*"}, "none", func(string) ([]string, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Errorf("lookup error: %v", err)
	}
	if got := CAMEOPatterns([]string{"19", "03*", "0311", "1*"}); !reflect.DeepEqual(got, []string{"19*", "03*", "0311", "1*"}) {
		t.Errorf("CAMEOPatterns = %q", got)
	}
}

func TestNormalizeEventDate(t *testing.T) {
	pub := time.Date(2021, 8, 15, 23, 0, 0, 0, time.FixedZone("x", -3*3600)) // 2021-08-16 UTC
	for _, tc := range []struct {
		date, prec string
		pub        time.Time
		want       string
	}{
		{"2020-01-02", "", pub, "2020-01-02 day"},
		{"2020-01", "", pub, "2020-01 month"},
		{"2020", "", pub, "2020 year"},
		{"2020-01", "day", pub, "2020-01 day"},
		{"", "", pub, "2021-08-16 day"},
		{"Jan 2", "month", pub, "2021-08-16 day"},
		{"", "", time.Time{}, "1970-01-01 day"},
	} {
		ev := dyad.Event{Date: tc.date, DatePrecision: tc.prec}
		NormalizeEventDate(&ev, tc.pub)
		if got := ev.Date + " " + ev.DatePrecision; got != tc.want {
			t.Errorf("%q %q: %s, want %s", tc.date, tc.prec, got, tc.want)
		}
	}
}

func TestValidateDoc(t *testing.T) {
	ev := func(id, cameo string) dyad.Event { return dyad.Event{ID: id, CAMEO: cameo} }
	for _, tc := range []struct {
		d    Doc
		want string
	}{
		{Doc{Document: dyad.Document{ID: "d"}, Events: []dyad.Event{ev("a", "010"), ev("b", "020")}}, ""},
		{Doc{Document: dyad.Document{ID: " "}}, "empty document id"},
		{Doc{Document: dyad.Document{ID: "d"}, Events: []dyad.Event{ev("a", "010"), ev("", "020")}}, "event 1: empty id"},
		{Doc{Document: dyad.Document{ID: "d"}, Events: []dyad.Event{ev("a", "")}}, "event a: empty CAMEO code"},
		{Doc{Document: dyad.Document{ID: "d"}, Events: []dyad.Event{ev("a", "010"), ev("a", "020")}}, "event a: id repeated in the document"},
	} {
		if got := ValidateDoc(&tc.d); got != tc.want {
			t.Errorf("ValidateDoc(%+v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestMentionRoundTrip(t *testing.T) {
	ev := dyad.Event{ID: "m", CAMEO: "010", SentenceText: "A met B.", Source: dyad.Actor{Code: "A", Text: "A"}, Place: &dyad.Place{Name: "Kabul"}}
	js, err := EncodeMention(&ev)
	if err != nil || ev.SentenceText != "A met B." {
		t.Fatalf("EncodeMention: %v, sentence %q", err, ev.SentenceText)
	}
	back, err := DecodeMention(js, "A met B.")
	if err != nil || !reflect.DeepEqual(back, ev) {
		t.Errorf("DecodeMention = %+v, %v; want %+v", back, err, ev)
	}
	e := Event{ID: "e"}
	if err := e.SetFirst(string(js), "A met B.", "", "AFG"); err != nil || e.First == nil || e.Place.Name != "Kabul" || e.Source.Text != "A" {
		t.Errorf("SetFirst: %+v, %v", e, err)
	}
	e = Event{ID: "e"}
	if err := e.SetFirst("", "", "", "AFG"); err != nil || e.First != nil || e.Place == nil || e.Place.Country != "AFG" {
		t.Errorf("SetFirst without a mention: %+v, %v", e, err)
	}
	if err := e.SetFirst("{", "", "", ""); err == nil {
		t.Errorf("SetFirst of bad JSON: no error")
	}
}
