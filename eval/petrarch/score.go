package petrarch

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/coder"
	"github.com/dyad-events/dyad/dictionary"
	"github.com/dyad-events/dyad/nlp"
	"github.com/dyad-events/dyad/text"
)

// CategoryScore counts records and correct records of one category.
type CategoryScore struct {
	Records  int     `json:"records"`
	Correct  int     `json:"correct"`
	Accuracy float64 `json:"accuracy"`
}

// Failure describes one record coded wrongly.
type Failure struct {
	ID       string   `json:"id"`
	Category string   `json:"category"`
	Line     int      `json:"line"`
	Text     string   `json:"text"`
	Want     []string `json:"want"`
	Got      []string `json:"got"`
}

// Report is the outcome of an evaluation run. Accuracy is a percentage.
type Report struct {
	Records           int                      `json:"records"`
	Correct           int                      `json:"correct"`
	Accuracy          float64                  `json:"accuracy"`
	Categories        map[string]CategoryScore `json:"categories"`
	Failures          []Failure                `json:"failures,omitempty"`
	SentencesPerSec   float64                  `json:"sentences_per_sec"`
	DictionaryLoadSec float64                  `json:"dictionary_load_sec"`
}

// LoadDictionaries loads the dictionaries named by the records file's
// <Environment>, looked up beside the records file.
func LoadDictionaries(f *File, recordsPath string) (*dictionary.Dictionary, error) {
	dir := filepath.Dir(recordsPath)
	join := func(name string) string {
		if name == "" {
			return ""
		}
		return filepath.Join(dir, name)
	}
	pf := dictionary.PetrarchFiles{Verbs: join(f.Env.Verbs), Agents: join(f.Env.Agents), Discards: join(f.Env.Discards)}
	if f.Env.Actors != "" {
		pf.Actors = []string{join(f.Env.Actors)}
	}
	d, err := dictionary.LoadPetrarch(pf)
	if err != nil {
		return nil, fmt.Errorf("loading the dictionaries of %s: %w", recordsPath, err)
	}
	return d, nil
}

// Evaluate codes every record from its raw text with dictionary d and the
// NLP pipeline p, honouring each record's options, and scores it: a record
// is correct when the set of (source, target, code) triples equals the
// expected set, or when its noevents or error expectation is met.
func Evaluate(f *File, d *dictionary.Dictionary, p *nlp.Pipeline) Report {
	return EvaluateWith(f, d, p, Config{})
}

// CoderOptions returns the coder options that code a record the way
// PETRARCH does under the record's options.
func CoderOptions(o Options) coder.Options {
	opts := coder.PetrarchOptions()
	opts.RequireDyad = o.RequireDyad
	opts.NewActorLength = o.NewActorLength
	c := o.Comma
	opts.Comma = coder.CommaOptions{Min: c["comma_min"], Max: c["comma_max"], BMin: c["comma_bmin"],
		BMax: c["comma_bmax"], EMin: c["comma_emin"], EMax: c["comma_emax"]}
	return opts
}

// Config narrows and instruments an evaluation run.
type Config struct {
	// Only, when non-empty, restricts the run to the records with these ids.
	Only map[string]bool
	// Explain, when set, codes with the coder's Explain option and is
	// called with each record and its coding result.
	Explain func(r *Record, res *coder.Result)
}

// EvaluateWith is Evaluate restricted and instrumented by cfg.
func EvaluateWith(f *File, d *dictionary.Dictionary, p *nlp.Pipeline, cfg Config) Report {
	rep := Report{Categories: map[string]CategoryScore{}}
	base := coder.New(d, p, coder.DefaultOptions())
	start := time.Now()
	sentences := 0
	for i := range f.Records {
		r := &f.Records[i]
		if len(cfg.Only) > 0 && !cfg.Only[r.ID] {
			continue
		}
		opts := CoderOptions(r.Options)
		opts.Explain = cfg.Explain != nil
		c := base.WithOptions(opts)
		ok, got, coded := scoreRecord(c, r)
		if cfg.Explain != nil && coded != nil {
			cfg.Explain(r, coded)
		}
		res := rep.Categories[r.Category]
		res.Records++
		rep.Records++
		if ok {
			res.Correct++
			rep.Correct++
		} else {
			rep.Failures = append(rep.Failures, Failure{ID: r.ID, Category: r.Category, Line: r.Line, Text: r.Text, Want: expectation(r), Got: got})
		}
		rep.Categories[r.Category] = res
		sentences += len(text.Split(r.Text))
	}
	if el := time.Since(start).Seconds(); el > 0 {
		rep.SentencesPerSec = round2(float64(sentences) / el)
	}
	for k, v := range rep.Categories {
		v.Accuracy = pct(v.Correct, v.Records)
		rep.Categories[k] = v
	}
	rep.Accuracy = pct(rep.Correct, rep.Records)
	return rep
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return round2(100 * float64(a) / float64(b))
}

func round2(x float64) float64 { return float64(int64(x*100+0.5)) / 100 }

func expectation(r *Record) []string {
	switch {
	case r.Error != "":
		return []string{"error:" + r.Error}
	case r.NoEvents:
		return []string{"noevents"}
	}
	return r.Triples()
}

// scoreRecord codes one record and reports whether it meets its expectation,
// with what was coded (as "SRC TGT CODE" strings, or a note) and the
// coding result (nil when the record was not coded).
func scoreRecord(c *coder.Coder, r *Record) (bool, []string, *coder.Result) {
	if r.Error == "bad_input_parse" {
		// dyad never uses the supplied parse, but it still rejects a record
		// whose input is malformed, as PETRARCH does.
		if !r.ParseBalanced() {
			return true, []string{"error:bad_input_parse"}, nil
		}
		return false, []string{"parse is balanced"}, nil
	}
	doc := &dyad.Document{ID: r.ID, Text: r.Text, Date: r.Date}
	res, err := c.CodeDocument(doc)
	if err != nil {
		return false, []string{"error: " + err.Error()}, nil
	}
	ok, got := judge(r, res)
	return ok, got, res
}

// judge scores one coding result against the record's expectation.
func judge(r *Record, res *coder.Result) (bool, []string) {
	got := Triples(res.Events)
	switch r.Error {
	case "storydiscard":
		return res.StoryDiscard != "" && len(got) == 0, append(got, "storydiscard="+res.StoryDiscard)
	case "sentencediscard":
		return res.Stats.Discarded > 0 && len(got) == 0, append(got, fmt.Sprintf("discarded=%d", res.Stats.Discarded))
	case "dateline":
		_, _, ok := text.Dateline(r.Text)
		return ok, append(got, fmt.Sprintf("dateline=%v", ok))
	case "":
	default:
		return false, append(got, "unknown expectation "+r.Error)
	}
	if r.NoEvents {
		return len(got) == 0, got
	}
	want := r.Triples()
	return equalStrings(got, want), got
}

// Triples renders events in PETRARCH's notation: uncoded actors as their
// quoted upper-case text, agents without a country as "---" + role, a
// missing target as "---". The result is sorted and duplicate-free.
func Triples(evs []dyad.Event) []string {
	seen := map[string]bool{}
	var out []string
	for _, e := range evs {
		t := petrarchCode(e.Source) + " " + petrarchCode(e.Target) + " " + e.CAMEO
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}

func petrarchCode(a dyad.Actor) string {
	switch {
	case a.Code == "" && a.Text == "":
		return "---"
	case a.Code == "":
		return `"` + strings.ToUpper(a.Text) + `"`
	case a.Kind == "agent":
		return "---" + a.Code
	}
	return a.Code
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
