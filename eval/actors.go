package eval

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dyad-events/dyad/dictionary"
	"github.com/dyad-events/dyad/text"
)

// ActorCase is one line of an actor-resolution set (eval/actors/*.tsv):
// a mention, the date it is resolved for, and the expected code ("-" for a
// mention that must not resolve).
type ActorCase struct {
	Pos     string
	Mention string
	Date    time.Time
	Want    string
	Note    string
}

// ReadActorCases reads a tab-separated actor set: mention, YYYY-MM-DD, code, note.
func ReadActorCases(r io.Reader, name string) ([]ActorCase, error) {
	sc := bufio.NewScanner(r)
	var out []ActorCase
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		f := strings.Split(s, "\t")
		if len(f) < 3 {
			return out, fmt.Errorf("%s:%d: expected mention<TAB>YYYY-MM-DD<TAB>CODE[<TAB>note], found %d fields", name, line, len(f))
		}
		d, err := time.Parse("2006-01-02", strings.TrimSpace(f[1]))
		if err != nil {
			return out, fmt.Errorf("%s:%d: bad date %q, want YYYY-MM-DD", name, line, f[1])
		}
		c := ActorCase{Pos: fmt.Sprintf("%s:%d", name, line), Mention: strings.TrimSpace(f[0]), Date: d, Want: strings.TrimSpace(f[2])}
		if len(f) > 3 {
			c.Note = f[3]
		}
		out = append(out, c)
	}
	return out, sc.Err()
}

// ReadActorDir reads every *.tsv file of dir, in name order.
func ReadActorDir(dir string) ([]ActorCase, error) {
	return readDir(dir, "*.tsv", ReadActorCases)
}

// ResolveMention resolves a mention phrase with d on date: the actor
// matches are found and merged with their agents as the coder does, and the
// widest match wins (the rightmost among equals: English noun phrases end
// in their head). It returns "" when nothing resolves.
func ResolveMention(d *dictionary.Dictionary, mention string, date time.Time) string {
	toks := text.Tokenize(mention)
	ms := d.MergeAgents(toks, d.MatchActors(toks, date), date)
	best := -1
	for i := range ms {
		m := &ms[i]
		if m.Short || (len(m.Context) > 0) {
			continue // needs a story or context words around it
		}
		if best < 0 || m.End-m.Start >= ms[best].End-ms[best].Start {
			best = i
		}
	}
	if best < 0 || ms[best].Null {
		return ""
	}
	return ms[best].Code
}

// ActorScore is the result of an actor-resolution run.
type ActorScore struct {
	Cases    int         `json:"cases"`
	Correct  int         `json:"correct"`
	Accuracy float64     `json:"accuracy"` // percentage
	Errors   []ActorMiss `json:"errors,omitempty"`
}

// ActorMiss is one mention resolved wrongly.
type ActorMiss struct {
	Pos, Mention, Date, Want, Got string
}

// ScoreActors resolves every case with d.
func ScoreActors(d *dictionary.Dictionary, cases []ActorCase) ActorScore {
	sc := ActorScore{Cases: len(cases)}
	for _, c := range cases {
		got := ResolveMention(d, c.Mention, c.Date)
		want := c.Want
		if want == "-" {
			want = ""
		}
		if got == want {
			sc.Correct++
			continue
		}
		sc.Errors = append(sc.Errors, ActorMiss{c.Pos, c.Mention, c.Date.Format("2006-01-02"), c.Want, got})
	}
	if sc.Cases > 0 {
		sc.Accuracy = float64(int(10000*float64(sc.Correct)/float64(sc.Cases)+0.5)) / 100
	}
	return sc
}
