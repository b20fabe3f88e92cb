package dates

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/shared"
)

func TestResolveDate(t *testing.T) {
	// Thursday 2022-03-17.
	pub := time.Date(2022, 3, 17, 14, 0, 0, 0, time.UTC)
	tests := []struct {
		sentence, want, prec string
	}{
		{"China met Afghanistan on March 17.", "2022-03-17", "day"},
		{"China met Afghanistan on March 3rd.", "2022-03-03", "day"},
		{"Talks were held on Dec. 5.", "2021-12-05", "day"},     // a December after a March story: last year
		{"Leaders will meet on March 20.", "2022-03-20", "day"}, // within a week ahead
		{"The accord was reached on 4 July 2021.", "2021-07-04", "day"},
		{"Troops withdrew in July 2021.", "2021-07", "month"},
		{"Fighting resumed in late February.", "2022-02", "month"},
		{"Protests began in May.", "2021-05", "month"},  // a month after the publication month: last year
		{"Leaders may meet soon.", "2022-03-17", "day"}, // "may" the verb
		{"Russia attacked Ukraine last week.", "2022-03-10", "day"},
		{"They met on Tuesday.", "2022-03-15", "day"},
		{"They met on Thursday.", "2022-03-17", "day"},
		{"They will meet next Monday.", "2022-03-21", "day"},
		{"Rebels seized the town yesterday.", "2022-03-16", "day"},
		{"The army shelled the city two days ago.", "2022-03-15", "day"},
		{"The army shelled the city 3 weeks ago.", "2022-02-24", "day"},
		{"Sanctions were imposed in 2020.", "2020", "year"},
		{"Trade collapsed last year.", "2021", "year"},
		{"Exports fell last month.", "2022-02", "month"},
		{"China held talks with Pakistan today.", "2022-03-17", "day"},
		{"On 2021-08-15 the Taliban entered Kabul.", "2021-08-15", "day"},
		{"Iran criticised Israel.", "2022-03-17", "day"},
		{"Talks on February 30 failed.", "2022-03-17", "day"},     // no such day
		{"Yesterday, on March 2, they met.", "2022-03-16", "day"}, // leftmost wins
	}
	for _, tc := range tests {
		got, prec := ResolveDate(tc.sentence, pub)
		if s := FormatDate(got, prec); s != tc.want || prec != tc.prec {
			t.Errorf("ResolveDate(%q) = %s (%s), want %s (%s)", tc.sentence, s, prec, tc.want, tc.prec)
		}
	}
}

func TestResolveEventDateSkipsParticiples(t *testing.T) {
	pub := time.Date(2022, 6, 16, 0, 0, 0, 0, time.UTC)
	tests := []struct{ sentence, verb, want string }{
		{"India accused China of violating an agreement signed in 2020.", "accused", "2022-06-16"},
		{"Russia invaded in 2014.", "invaded", "2014"},
		{"India accused China on Monday of breaking a deal signed in 2020.", "accused", "2022-06-13"},
	}
	for _, tc := range tests {
		got, prec := ResolveEventDate(tc.sentence, tc.verb, pub)
		if s := FormatDate(got, prec); s != tc.want {
			t.Errorf("ResolveEventDate(%q, %q) = %s, want %s", tc.sentence, tc.verb, s, tc.want)
		}
	}
}

func TestDatelineDate(t *testing.T) {
	hint := time.Date(2022, 3, 28, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		text string
		want string // "" = none
	}{
		{"KABUL, March 3 (Reuters) - The Taliban said", "2022-03-03"},
		{"GENEVA, Switzerland, Jan. 5, 2021 (AFP) -- Talks", "2021-01-05"},
		{"NEW DELHI, June 16 (Wirenews) - Indian troops", "2021-06-16"},
		{"BEIJING, Dec 30 — China said", "2021-12-30"},
		{"BEIJING (AP) — no date here", ""},
		{"China met Afghanistan on March 3 - officials said", ""},
		{"", ""},
	}
	for _, tc := range tests {
		got, ok := DatelineDate(tc.text, hint)
		s := ""
		if ok {
			s = got.Format("2006-01-02")
		}
		if s != tc.want {
			t.Errorf("DatelineDate(%q) = %q, want %q", tc.text, s, tc.want)
		}
	}
}

func TestParseMetaDate(t *testing.T) {
	for in, want := range map[string]string{
		"2022-03-17":                    "2022-03-17",
		"2022-03-17T23:30:00+02:00":     "2022-03-17",
		"Thu, 17 Mar 2022 10:00:00 GMT": "2022-03-17",
		"20220317101500":                "2022-03-17",
		"March 17, 2022":                "2022-03-17",
	} {
		got, ok := ParseMetaDate(in)
		if !ok || got.Format("2006-01-02") != want {
			t.Errorf("ParseMetaDate(%q) = %v, %v; want %s", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "soon", "2022-13-45"} {
		if _, ok := ParseMetaDate(in); ok {
			t.Errorf("ParseMetaDate(%q) succeeded", in)
		}
	}
}

func FuzzResolveDate(f *testing.F) {
	for _, s := range []string{"on March 17", "in July 2021", "late February", "last week", "on Tuesday", "yesterday",
		"two days ago", "in 2020", "17 March 2022", "next Friday", "3 months ago", "on Feb. 29", "2021-02-29", "999 years ago"} {
		f.Add(s, int64(1647475200))
	}
	f.Fuzz(func(t *testing.T, s string, unix int64) {
		pub := time.Unix(unix%(1<<34), 0).UTC()
		if pub.Year() < 1900 || pub.Year() > 2200 {
			pub = time.Date(2022, 3, 17, 0, 0, 0, 0, time.UTC)
		}
		got, prec := ResolveDate(s, pub)
		if all, allPrec := resolveEventDate(s, "", pub, false); !all.Equal(got) || allPrec != prec {
			t.Fatalf("%q: the clues changed the date: %v %s, every rule gives %v %s", s, got, prec, all, allPrec)
		}
		switch prec {
		case PrecisionDay, PrecisionMonth, PrecisionYear:
		default:
			t.Fatalf("precision %q", prec)
		}
		if got.IsZero() {
			t.Fatalf("zero date for %q", s)
		}
		if got != got.Truncate(24*time.Hour) {
			t.Fatalf("date %v is not a day start", got)
		}
		if prec == PrecisionMonth && got.Day() != 1 || prec == PrecisionYear && got.YearDay() != 1 {
			t.Fatalf("%v at precision %s is not the period start", got, prec)
		}
		if _, ok := ParseMetaDate(FormatDate(got, PrecisionDay)); !ok && got.Year() >= 1 && got.Year() <= 9999 {
			t.Fatalf("FormatDate(%v) does not parse back", got)
		}
	})
}

func FuzzDatelineDate(f *testing.F) {
	f.Add("KABUL, March 3 (Reuters) - text")
	f.Add("GENEVA, Switzerland, Jan. 5, 2021 (AFP) -- Talks")
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := DatelineDate(s, time.Date(2022, 3, 28, 0, 0, 0, 0, time.UTC))
		if ok && (got.Year() < 1 || got.Year() > 9999) {
			t.Fatalf("DatelineDate(%q) = %v", s, got)
		}
	})
}

// TestCluesChangeNothing resolves the dates of every sentence of the
// project's texts (sample news, gold event sentences) and of the GUM news
// with and without the clue test that skips rules, at several publication
// dates, and requires the same answers.
func TestCluesChangeNothing(t *testing.T) {
	var texts []string
	for _, pat := range []string{"../examples/news/*.jsonl", "../eval/events/*"} {
		files, _ := filepath.Glob(pat)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, strings.Split(string(b), "\n")...)
		}
	}
	if dir, ok := shared.Optional("data/gum-news"); ok {
		files, _ := filepath.Glob(filepath.Join(dir, "*.conllu"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range strings.Split(string(b), "\n") {
				if strings.HasPrefix(l, "# text = ") {
					texts = append(texts, l[len("# text = "):])
				}
			}
		}
	}
	if len(texts) < 500 {
		t.Fatalf("only %d lines of text", len(texts))
	}
	dated := 0
	for _, pub := range []time.Time{time.Date(2022, 3, 28, 0, 0, 0, 0, time.UTC), time.Date(2017, 1, 2, 0, 0, 0, 0, time.UTC)} {
		for _, s := range texts {
			for _, verb := range []string{"", "signed"} {
				got, prec := resolveEventDate(s, verb, pub, true)
				want, wantPrec := resolveEventDate(s, verb, pub, false)
				if !got.Equal(want) || prec != wantPrec {
					t.Fatalf("%q: clues give %v %s, every rule %v %s", s, got, prec, want, wantPrec)
				}
				if !got.Equal(pubDay(pub)) {
					dated++
				}
			}
		}
	}
	t.Logf("%d lines, %d resolutions to a date other than the publication day", len(texts), dated)
	if dated == 0 {
		t.Fatal("no line holds a date: the test compares nothing")
	}
}
