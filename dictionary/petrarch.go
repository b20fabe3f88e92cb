package dictionary

import (
	"fmt"
	"os"
	"strings"
	"time"
)

// PetrarchFiles names the PETRARCH-1/TABARI dictionary files of a set. Empty
// names are skipped; actor files are read in order.
type PetrarchFiles struct {
	Verbs    string   // verb dictionary (PETR.Validate.verbs.txt, CAMEO.verbpatterns.150430.txt)
	Actors   []string // actor dictionaries (Phoenix.Countries.actors.txt, …)
	Agents   string   // agents dictionary (Phoenix.agents.txt)
	Discards string   // discard list (Phoenix.discards.txt)
	Issues   string   // issues list (Phoenix.IssueCoding.txt), read into contexts
}

// LoadPetrarch reads a PETRARCH dictionary set as PETRARCH reads it. What
// PETRARCH itself skips with a warning (bad date restrictions, TABARI "{…}"
// patterns, undefined substitution markers) is skipped and reported in
// Dictionary.Report.Warnings; input PETRARCH could not read (binary or empty
// files, code lines with no actor, patterns outside a verb block) is an
// error.
func LoadPetrarch(files PetrarchFiles) (*Dictionary, error) {
	return LoadPetrarchOptions(files, Options{})
}

// LoadPetrarchOptions is LoadPetrarch with options: with SkipBadEntries,
// malformed lines are skipped and counted instead of failing the load.
func LoadPetrarchOptions(files PetrarchFiles, opt Options) (d *Dictionary, err error) {
	defer recoverLoad(&d, &err)
	start := time.Now()
	l := newLoader(opt)
	read := func(name string, parse func(string, []byte)) error {
		if name == "" || l.failed() {
			return nil
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return fmt.Errorf("dictionary: %w", err)
		}
		parse(name, data)
		return nil
	}
	if err := read(files.Verbs, l.petrarchVerbs); err != nil {
		return nil, err
	}
	for _, f := range files.Actors {
		if err := read(f, l.petrarchActors); err != nil {
			return nil, err
		}
	}
	for _, step := range []struct {
		name  string
		parse func(string, []byte)
	}{{files.Agents, l.petrarchAgents}, {files.Discards, l.petrarchDiscards}, {files.Issues, l.petrarchIssues}} {
		if err := read(step.name, step.parse); err != nil {
			return nil, err
		}
	}
	l.inferCountries()
	return l.finish(start)
}

// pline is one logical line of a PETRARCH file: comments removed, leading
// white space kept (it marks actor code lines).
type pline struct {
	pos     Pos
	text    string
	comment string
}

// petrarchLines applies PETRARCH's comment rules: lines starting with "#"
// or "<!" are skipped ("<!--" without "-->" skips up to the line holding
// "-->"), inline "<!-- … -->" is removed, and "#" starts a comment anywhere
// except inside "[…]" (so "[###]" stays a code). Blank lines are dropped.
func petrarchLines(name string, data []byte) []pline {
	lines := splitLines(data)
	out := make([]pline, 0, len(lines))
	inXML := false
	for i, ln := range lines {
		pos := Pos{File: name, Line: i + 1}
		if inXML {
			if strings.Contains(ln, "-->") {
				inXML = false
			}
			continue
		}
		if strings.HasPrefix(ln, "#") {
			continue
		}
		if strings.HasPrefix(ln, "<!") {
			if strings.HasPrefix(ln, "<!--") && !strings.Contains(ln, "-->") {
				inXML = true
			}
			continue
		}
		for {
			a := strings.Index(ln, "<!--")
			if a < 0 {
				break
			}
			b := strings.Index(ln[a:], "-->")
			if b < 0 {
				ln = ln[:a]
				inXML = true
				break
			}
			ln = ln[:a] + ln[a+b+3:]
		}
		text, comment := cutPetrarchComment(ln)
		if strings.TrimSpace(text) == "" {
			continue
		}
		out = append(out, pline{pos: pos, text: strings.TrimRight(text, " \t\r"), comment: comment})
	}
	return out
}

func cutPetrarchComment(s string) (string, string) {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			depth++
		case ']':
			if depth > 0 {
				depth--
			}
		case '#':
			if depth == 0 {
				return s[:i], strings.TrimSpace(strings.TrimLeft(s[i:], "#"))
			}
		}
	}
	return s, ""
}

// petrarchWords splits a PETRARCH phrase ("AL-QAEDA", "UNITED_NATIONS_",
// "HAMAS WING") into tokens as the text tokenizer would split the text: "_"
// and spaces separate words, a final "_" is dropped, and each piece is
// tokenized ("AL-QAEDA" → "AL", "-", "QAEDA").
func petrarchWords(s string) []string {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, "_")
	s = strings.ReplaceAll(s, "_", " ")
	return tokenizeName(s)
}

func petrarchName(pos Pos, s string) (Name, bool) {
	words := petrarchWords(s)
	if len(words) == 0 || len(words) > 64 {
		return Name{}, false
	}
	text := strings.Join(strings.Fields(strings.ReplaceAll(strings.TrimRight(strings.TrimSpace(s), "_"), "_", " ")), " ")
	n := Name{Text: text, Words: words, Source: pos}
	if chunks := strings.Fields(strings.TrimRight(strings.TrimSpace(s), "_")); len(chunks) > 1 {
		// "RADAGAST THE_BROWN": other words may come before "THE".
		gaps := make([]bool, 0, len(words))
		for i, ch := range chunks {
			for j := range petrarchWords(ch) {
				gaps = append(gaps, i > 0 && j == 0)
			}
		}
		if len(gaps) == len(words) {
			n.Gaps = gaps
		}
	}
	return n, true
}

// bracketGroups returns the contents of the "[…]" groups of s and the text
// before the first "[". ok is false for an unclosed "[".
func bracketGroups(s string) (before string, groups []string, ok bool) {
	i := strings.IndexByte(s, '[')
	if i < 0 {
		return s, nil, true
	}
	before = s[:i]
	rest := s[i:]
	for {
		a := strings.IndexByte(rest, '[')
		if a < 0 {
			return before, groups, true
		}
		b := strings.IndexByte(rest[a:], ']')
		if b < 0 {
			return before, groups, false
		}
		groups = append(groups, strings.TrimSpace(rest[a+1:a+b]))
		rest = rest[a+b+1:]
	}
}
