package eval

import (
	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/coder"
)

// EventScore is the result of coding the gold sentences. Figures are
// fractions in [0,1]; "root" compares (source, target, CAMEO root), "code"
// the full code.
type EventScore struct {
	Sentences int `json:"sentences"`
	Expected  int `json:"expected"`
	// Monadic counts annotated events without a coded source or target
	// ("---"): dyad codes dyadic events by default (require_dyad), so they
	// are listed in the gold for readers but not scored.
	Monadic       int     `json:"monadic_not_scored"`
	Coded         int     `json:"coded"`
	RootPrecision float64 `json:"root_precision"`
	RootRecall    float64 `json:"root_recall"`
	RootF1        float64 `json:"root_f1"`
	CodePrecision float64 `json:"code_precision"`
	CodeRecall    float64 `json:"code_recall"`
	CodeF1        float64 `json:"code_f1"`
	// Errors lists the sentences whose coding differs from the gold.
	Errors []GoldError `json:"errors,omitempty"`
}

// GoldError is one sentence coded differently from its annotation.
type GoldError struct {
	Pos  string   `json:"pos"`
	Text string   `json:"text"`
	Want []Triple `json:"want"`
	Got  []Triple `json:"got"`
}

// EventTriples turns coded events into triples of source code, target code
// and CAMEO code.
func EventTriples(evs []dyad.Event) []Triple {
	out := make([]Triple, 0, len(evs))
	for _, e := range evs {
		out = append(out, Triple{orNull(e.Source.Code), orNull(e.Target.Code), e.CAMEO})
	}
	return out
}

func orNull(s string) string {
	if s == "" {
		return "---"
	}
	return s
}

// ScoreEvents codes each gold sentence as its own document and scores the
// triples against the annotations.
func ScoreEvents(c *coder.Coder, golds []GoldSentence) (EventScore, error) {
	var root, code PRF
	sc := EventScore{Sentences: len(golds)}
	for i := range golds {
		g := &golds[i]
		res, err := c.CodeDocument(&dyad.Document{ID: g.Pos(), Text: g.Text, Date: g.Date})
		if err != nil {
			return sc, err
		}
		got := EventTriples(res.Events)
		var want []Triple
		for _, w := range g.Expected {
			if w.Source == "---" || w.Target == "---" {
				sc.Monadic++
				continue
			}
			want = append(want, w)
		}
		sc.Expected += len(want)
		sc.Coded += len(got)
		root.Add(Roots(got), Roots(want))
		before := code
		code.Add(got, want)
		if code.FP != before.FP || code.FN != before.FN {
			sc.Errors = append(sc.Errors, GoldError{Pos: g.Pos(), Text: g.Text, Want: want, Got: got})
		}
	}
	r4 := func(x float64) float64 { return float64(int(x*10000+0.5)) / 10000 }
	sc.RootPrecision, sc.RootRecall, sc.RootF1 = r4(root.Precision()), r4(root.Recall()), r4(root.F1())
	sc.CodePrecision, sc.CodeRecall, sc.CodeF1 = r4(code.Precision()), r4(code.Recall()), r4(code.F1())
	return sc, nil
}
