// Package eval holds dyad's evaluation harnesses: annotated event sentences
// (eval/events/*.txt), actor-resolution sets (eval/actors/*.tsv), and the
// scoring shared by "dyad eval" and the tests.
//
// Event gold files put the expected events of each sentence inline, in the
// spirit of the /* ERROR */ annotations of Go's parser tests:
//
//	# date: 2022-03-28
//	China and the US voted for the resolution.  /* CHN IGOUNO 051; USA IGOUNO 051 */
//	Russia did not attack Ukraine.              /* */
//
// A "# date:" line sets the document date of the lines after it; other "#"
// lines are comments; each sentence line ends with "/* … */" holding
// semicolon-separated "SOURCE TARGET CODE" triples, or nothing for a
// sentence that must yield no event.
package eval

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Triple is one expected or coded event: source code, target code, CAMEO code.
type Triple struct {
	Source, Target, Code string
}

// Root returns the triple with its code cut to the CAMEO root.
func (t Triple) Root() Triple {
	r := t
	if len(r.Code) > 2 {
		r.Code = r.Code[:2]
	}
	return r
}

// String returns "SRC TGT CODE".
func (t Triple) String() string { return t.Source + " " + t.Target + " " + t.Code }

// GoldSentence is one annotated sentence.
type GoldSentence struct {
	File     string
	Line     int
	Date     time.Time
	Text     string
	Expected []Triple
}

// Pos returns "file:line".
func (g *GoldSentence) Pos() string { return fmt.Sprintf("%s:%d", g.File, g.Line) }

// ReadGold parses an annotated event file.
func ReadGold(r io.Reader, name string) ([]GoldSentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	var out []GoldSentence
	var date time.Time
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" {
			continue
		}
		if strings.HasPrefix(s, "#") {
			rest := strings.TrimSpace(strings.TrimPrefix(s, "#"))
			if v, ok := strings.CutPrefix(rest, "date:"); ok {
				d, err := time.Parse("2006-01-02", strings.TrimSpace(v))
				if err != nil {
					return out, fmt.Errorf("%s:%d: bad date %q, want YYYY-MM-DD", name, line, strings.TrimSpace(v))
				}
				date = d
			}
			continue
		}
		open := strings.LastIndex(s, "/*")
		if open < 0 || !strings.HasSuffix(s, "*/") || open+2 > len(s)-2 {
			return out, fmt.Errorf("%s:%d: sentence must end with an annotation /* SRC TGT CODE; … */ (or /* */ for none)", name, line)
		}
		g := GoldSentence{File: name, Line: line, Date: date, Text: strings.TrimSpace(s[:open])}
		if g.Text == "" {
			return out, fmt.Errorf("%s:%d: annotation without a sentence", name, line)
		}
		if date.IsZero() {
			return out, fmt.Errorf("%s:%d: no \"# date: YYYY-MM-DD\" line before the first sentence", name, line)
		}
		body := strings.TrimSpace(s[open+2 : len(s)-2])
		if body != "" {
			for _, part := range strings.Split(body, ";") {
				f := strings.Fields(part)
				if len(f) == 0 {
					continue
				}
				if len(f) != 3 {
					return out, fmt.Errorf("%s:%d: expected triple \"SOURCE TARGET CODE\", found %q", name, line, strings.TrimSpace(part))
				}
				g.Expected = append(g.Expected, Triple{f[0], f[1], f[2]})
			}
		}
		out = append(out, g)
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	return out, nil
}

// ReadGoldDir reads every *.txt file of dir, in name order.
func ReadGoldDir(dir string) ([]GoldSentence, error) {
	return readDir(dir, "*.txt", ReadGold)
}

// readDir reads every file of dir matching pattern, in name order, with read.
func readDir[T any](dir, pattern string, read func(io.Reader, string) ([]T, error)) ([]T, error) {
	files, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var all []T
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return all, err
		}
		items, err := read(fh, f)
		fh.Close()
		if err != nil {
			return all, err
		}
		all = append(all, items...)
	}
	return all, nil
}

// PRF accumulates precision and recall counts.
type PRF struct {
	TP, FP, FN int
}

// Precision returns TP/(TP+FP), or 0.
func (p PRF) Precision() float64 {
	if p.TP+p.FP == 0 {
		return 0
	}
	return float64(p.TP) / float64(p.TP+p.FP)
}

// Recall returns TP/(TP+FN), or 0.
func (p PRF) Recall() float64 {
	if p.TP+p.FN == 0 {
		return 0
	}
	return float64(p.TP) / float64(p.TP+p.FN)
}

// F1 returns the harmonic mean of precision and recall.
func (p PRF) F1() float64 {
	pr, rc := p.Precision(), p.Recall()
	if pr+rc == 0 {
		return 0
	}
	return 2 * pr * rc / (pr + rc)
}

// Add scores one sentence: got against want, as multisets.
func (p *PRF) Add(got, want []Triple) {
	w := map[Triple]int{}
	for _, t := range want {
		w[t]++
	}
	for _, t := range got {
		if w[t] > 0 {
			w[t]--
			p.TP++
		} else {
			p.FP++
		}
	}
	for _, n := range w {
		p.FN += n
	}
}

// Roots returns the triples cut to their roots.
func Roots(ts []Triple) []Triple {
	out := make([]Triple, len(ts))
	for i, t := range ts {
		out[i] = t.Root()
	}
	return out
}
