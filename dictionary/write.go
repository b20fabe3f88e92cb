package dictionary

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// ConvertReport says what WriteNative wrote and what the native format
// could not hold.
type ConvertReport struct {
	Files []string // written files, relative to the output directory
	// Entries written, by kind.
	Countries, Actors, Names, Codes, Agents, Synsets, Patterns, Contexts, Discards int
	// Skipped counts what has no native form, by reason (actor codes that are
	// not CAMEO-shaped, names the native syntax cannot hold, issue exclusions).
	Skipped map[string]int
}

func (r *ConvertReport) skip(why string) {
	if r.Skipped == nil {
		r.Skipped = map[string]int{}
	}
	r.Skipped[why]++
}

// WriteNative writes d in the native format under dir (created if needed):
// countries/, actors/ (one file per source file, numbered to keep their
// order), agents/, verbs/ (synsets, then patterns), contexts/ and
// discards/. PETRARCH names are written in lower case so that the native
// acronym rule does not make them case-sensitive; untranslatable PETRARCH
// patterns are not written (they are counted in d.Report). Loading dir with
// LoadDir gives the same entries less those counted in the report's Skipped.
func WriteNative(d *Dictionary, dir string) (*ConvertReport, error) {
	r := &ConvertReport{}
	lower := d.Petrarch != nil || len(d.Report.Files) > 0 && strings.HasPrefix(d.Report.Files[0].Format, "petrarch")
	w := &nativeWriter{dir: dir, r: r, lower: lower}
	if len(d.Countries) > 0 {
		f := w.file("countries/countries.txt", "countries")
		for _, c := range d.Countries {
			w.country(f, c)
		}
	}
	// Actors, grouped by source file in order of first appearance.
	var order []string
	groups := map[string][]*Actor{}
	for _, a := range d.Actors {
		k := a.Source.File
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], a)
	}
	for i, k := range order {
		f := w.file(fmt.Sprintf("actors/%02d-%s", i+1, safeBase(k)), "actors from "+baseName(k))
		for _, a := range groups[k] {
			w.actor(f, a)
		}
	}
	if len(d.Agents) > 0 {
		f := w.file("agents/agents.txt", "agents")
		for _, a := range d.Agents {
			w.agent(f, a)
		}
	}
	if len(d.Synsets) > 0 || len(d.Patterns) > 0 {
		f := w.file("verbs/00-synsets.txt", "synsets")
		names := make([]string, 0, len(d.Synsets))
		for n := range d.Synsets {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			w.synset(f, d.Synsets[n])
		}
		f = w.file("verbs/01-patterns.txt", "verb patterns")
		prev := ""
		for _, p := range d.Patterns {
			if p.NonCAMEO {
				r.skip("pattern code not CAMEO")
				continue
			}
			if p.Source.File != prev {
				fmt.Fprintf(f, "\n# from %s\n", p.Source.File)
				prev = p.Source.File
			}
			line := p.Text
			c := p.Comment
			if p.Origin != "" {
				c = strings.TrimSpace(fmt.Sprintf("%s:%d %s  %s", baseName(p.Source.File), p.Source.Line, p.Origin, c))
			}
			if c != "" {
				line += "   # " + oneLine(c)
			}
			fmt.Fprintln(f, line)
			r.Patterns++
		}
	}
	if len(d.ContextEntries) > 0 {
		f := w.file("contexts/contexts.txt", "contexts")
		for _, c := range d.ContextEntries {
			var ps []string
			for _, p := range c.Phrases {
				if s, ok := w.phrase(p); ok {
					ps = append(ps, s)
				}
			}
			if len(ps) == 0 || !isIdent(c.Name) {
				r.skip("context without a native name or phrase")
				continue
			}
			fmt.Fprintf(f, "context %s %s\n", c.Name, strings.Join(ps, " | "))
			r.Contexts++
		}
	}
	for range d.ContextExclusions {
		r.skip("issue exclusion (~phrase)")
	}
	if len(d.Discards) > 0 {
		f := w.file("discards/discards.txt", "discards")
		for _, x := range d.Discards {
			s, ok := w.phrase(x.Words)
			if !ok {
				r.skip("discard phrase the native syntax cannot hold")
				continue
			}
			if x.Prefix {
				s += "*"
			}
			level := "sentence"
			if x.Story {
				level = "story"
			}
			fmt.Fprintf(f, "discard %s %s\n", level, s)
			r.Discards++
		}
	}
	if err := w.close(); err != nil {
		return r, err
	}
	return r, nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func safeBase(p string) string {
	b := baseName(p)
	if !strings.HasSuffix(b, ".txt") {
		b += ".txt"
	}
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ' ' {
			return '_'
		}
		return r
	}, b)
}

type nativeWriter struct {
	dir   string
	r     *ConvertReport
	lower bool
	files []*os.File
	bufs  []*bufio.Writer
	err   error
}

func (w *nativeWriter) file(rel, title string) io.Writer {
	if w.err != nil {
		return io.Discard
	}
	p := filepath.Join(w.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		w.err = err
		return io.Discard
	}
	f, err := os.Create(p)
	if err != nil {
		w.err = err
		return io.Discard
	}
	b := bufio.NewWriterSize(f, 1<<16)
	w.files = append(w.files, f)
	w.bufs = append(w.bufs, b)
	w.r.Files = append(w.r.Files, path.Clean(rel))
	fmt.Fprintf(b, "# %s, written by dyad dict convert (native format, see docs/dictionary-format.md)\n\n", title)
	return b
}

func (w *nativeWriter) close() error {
	for i, b := range w.bufs {
		if err := b.Flush(); err != nil && w.err == nil {
			w.err = err
		}
		if err := w.files[i].Close(); err != nil && w.err == nil {
			w.err = err
		}
	}
	return w.err
}

// name writes a name in native syntax, or reports that it cannot.
func (w *nativeWriter) name(n *Name) (string, bool) {
	s, ok := w.phrase(n.Words)
	if !ok {
		return "", false
	}
	if !w.lower {
		s = n.Text
		if strings.ContainsAny(s, "|[") || strings.Contains(s, " #") || strings.HasPrefix(s, "#") {
			return "", false
		}
	} else {
		s = w.nameText(n, s)
	}
	if n.Short {
		s += "~"
	}
	if len(n.Context) > 0 {
		s += " [ctx: " + strings.Join(n.Context, " | ") + "]"
	}
	return s, true
}

// phrase joins words with spaces (lower case for PETRARCH sets).
func (w *nativeWriter) phrase(words []string) (string, bool) {
	if len(words) == 0 {
		return "", false
	}
	for _, x := range words {
		if strings.ContainsAny(x, "|[") || strings.HasPrefix(x, "#") {
			return "", false
		}
	}
	if last := words[len(words)-1]; strings.HasSuffix(last, "~") || strings.HasSuffix(last, "*") {
		return "", false
	}
	s := strings.Join(words, " ")
	if w.lower {
		s = strings.ToLower(s)
	}
	return s, true
}

// nameText prefers the name as written (lower case for PETRARCH sets) when
// it tokenizes to the same words: "al-qaeda" rather than "al - qaeda".
func (w *nativeWriter) nameText(n *Name, joined string) string {
	t := n.Text
	if w.lower {
		t = strings.ToLower(t)
	}
	if t == joined || strings.ContainsAny(t, "|[") || strings.Contains(t, " #") || strings.HasSuffix(t, "~") || strings.HasSuffix(t, "*") {
		return joined
	}
	got := tokenizeName(t)
	if len(got) != len(n.Words) {
		return joined
	}
	for i := range got {
		if !strings.EqualFold(got[i], n.Words[i]) {
			return joined
		}
	}
	return t
}

func (w *nativeWriter) names(f io.Writer, field string, ns []Name) {
	for i := range ns {
		if s, ok := w.name(&ns[i]); ok {
			fmt.Fprintf(f, "  %-8s %s\n", field, s)
			w.r.Names++
		} else {
			w.r.skip("name the native syntax cannot hold")
		}
	}
}

func (w *nativeWriter) country(f io.Writer, c *Country) {
	n, ok := w.name(&c.Name)
	if !ok {
		w.r.skip("name the native syntax cannot hold")
		return
	}
	fmt.Fprintf(f, "country %s %s\n", c.ISO3, n)
	w.r.Countries++
	w.r.Names++
	w.names(f, "alias", c.Aliases)
	w.names(f, "adj", c.Adj)
	w.names(f, "people", c.People)
	w.names(f, "capital", c.Capital)
	w.names(f, "govt", c.Govt)
	for _, r := range c.Exists {
		fmt.Fprintf(f, "  code     %s %s\n", c.ISO3, r)
	}
	fmt.Fprintln(f)
}

func (w *nativeWriter) actor(f io.Writer, a *Actor) {
	n, ok := w.name(&a.Name)
	if !ok {
		w.r.skip("actor whose name the native syntax cannot hold")
		return
	}
	fmt.Fprintf(f, "actor %s\n", n)
	w.r.Actors++
	w.r.Names++
	w.names(f, "alias", a.Aliases)
	for _, c := range a.Codes {
		if !IsActorCode(c.Code) {
			w.r.skip("actor code not CAMEO-shaped")
			continue
		}
		fmt.Fprintf(f, "  code     %s", c.Code)
		if !c.Range.Open() {
			fmt.Fprintf(f, " %s", c.Range)
		}
		fmt.Fprintln(f)
		w.r.Codes++
	}
	if a.Country != "" {
		fmt.Fprintf(f, "  country  %s\n", a.Country)
	}
	if a.Sector != "" {
		fmt.Fprintf(f, "  sector   %s\n", a.Sector)
	}
	for _, r := range a.Roles {
		fmt.Fprintf(f, "  role     %s %s\n", r.Text, r.Range)
	}
	if len(a.Members) > 0 {
		fmt.Fprintf(f, "  member   %s\n", strings.Join(a.Members, " | "))
	}
}

func (w *nativeWriter) agent(f io.Writer, a *Agent) {
	if !IsActorCode(a.Code) || a.Code == NullCode {
		w.r.skip("agent code not CAMEO-shaped")
		return
	}
	var ns []string
	for i := range a.Names {
		if s, ok := w.name(&a.Names[i]); ok {
			ns = append(ns, s)
		} else {
			w.r.skip("name the native syntax cannot hold")
		}
	}
	if len(ns) == 0 {
		w.r.skip("agent without a writable name")
		return
	}
	code := a.Code
	if a.Before {
		code += "~"
	}
	fmt.Fprintf(f, "agent %s %s\n", code, ns[0])
	for i := 1; i < len(ns); i += 8 {
		j := min(i+8, len(ns))
		fmt.Fprintf(f, "  | %s\n", strings.Join(ns[i:j], " | "))
	}
	fmt.Fprintf(f, "  noplural\n")
	w.r.Agents++
}

func (w *nativeWriter) synset(f io.Writer, s *Synset) {
	var ms []string
	for _, m := range s.Members {
		if m == "" || strings.ContainsAny(m, "|#") {
			w.r.skip("synset member the native syntax cannot hold")
			continue
		}
		ms = append(ms, m)
	}
	if len(ms) == 0 {
		w.r.skip("synset without members")
		return
	}
	fmt.Fprintf(f, "synset %s %s\n", s.Name, strings.Join(ms[:min(10, len(ms))], " | "))
	for i := 10; i < len(ms); i += 10 {
		fmt.Fprintf(f, "  | %s\n", strings.Join(ms[i:min(i+10, len(ms))], " | "))
	}
	w.r.Synsets++
}
