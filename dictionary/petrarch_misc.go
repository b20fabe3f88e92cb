package dictionary

import (
	"strings"
)

// petrarchDiscards reads a PETRARCH discard list: one phrase per line, "+"
// in front for a story-level discard. A phrase ending in "_" must match
// whole words; otherwise its last word is a stem (matches as a prefix).
// Matching is case-insensitive.
func (l *loader) petrarchDiscards(name string, data []byte) {
	l.beginFile(name, "petrarch-discards")
	if !l.checkFile(name, data, false) {
		return
	}
	for _, ln := range petrarchLines(name, data) {
		t := strings.TrimSpace(ln.text)
		x := &Discard{Source: ln.pos}
		if strings.HasPrefix(t, "+") {
			x.Story = true
			t = strings.TrimSpace(t[1:])
		}
		x.Prefix = !strings.HasSuffix(t, "_")
		x.Text = t
		x.Words = lowerWords(petrarchWords(t))
		if len(x.Words) == 0 {
			l.bad(errorf(ln.pos, "discard %q: expected a phrase", ln.text))
			continue
		}
		l.d.Discards = append(l.d.Discards, x)
		l.entry()
	}
}

// petrarchIssues reads a PETRARCH issues file into contexts:
//
//	<ISSUE CATEGORY="EDUCATION" TYPE="ALL">   starts a category
//	n:teacher [TEACHERS]     n: singular and plural of the noun that follows
//	ethnic v:purge [ID_ATROCITY]   v: the regular verb forms (s, ed, ing)
//	pre+k [EARLY_CHILDHOOD_EDUCATION]   +: both "pre k" and "pre-k"
//	~a head start            sentence-level exclusion for the category
//	~~Armenian genocide      story-level exclusion
//	</ISSUE>
//
// Each line with a code becomes one Context named by the code, whose
// phrases are all the generated forms.
func (l *loader) petrarchIssues(name string, data []byte) {
	l.beginFile(name, "petrarch-issues")
	if !l.checkFile(name, data, false) {
		return
	}
	category := ""
	for _, ln := range petrarchLines(name, data) {
		t := strings.TrimSpace(ln.text)
		if strings.HasPrefix(t, "<") {
			if c, ok := xmlAttr(t, "CATEGORY"); ok && !strings.HasPrefix(t, "</") {
				category = c
			} else if strings.HasPrefix(t, "</") {
				category = ""
			}
			continue
		}
		if strings.HasPrefix(t, "~") {
			story := strings.HasPrefix(t, "~~")
			phrase := strings.TrimSpace(strings.TrimLeft(t, "~"))
			for _, f := range issueForms(phrase) {
				l.d.ContextExclusions = append(l.d.ContextExclusions, &ContextExclusion{Category: category, Phrase: f, Story: story, Source: ln.pos})
			}
			l.entry()
			continue
		}
		before, groups, ok := bracketGroups(t)
		if !ok || len(groups) == 0 {
			// PETRARCH skips lines without a code.
			l.warn(errorf(ln.pos, "issue %q: expected PHRASE [CODE]; line skipped", t))
			continue
		}
		phrase := strings.TrimSpace(before)
		if phrase == "" || groups[0] == "" {
			l.bad(errorf(ln.pos, "issue %q: expected PHRASE [CODE]", t))
			continue
		}
		c := &Context{Name: groups[0], Category: category, Phrases: issueForms(phrase), Source: ln.pos}
		if c.Category == "" {
			c.Category = c.Name
		}
		l.d.ContextEntries = append(l.d.ContextEntries, c)
		l.entry()
	}
}

func xmlAttr(tag, attr string) (string, bool) {
	i := strings.Index(tag, attr+"=\"")
	if i < 0 {
		return "", false
	}
	rest := tag[i+len(attr)+2:]
	j := strings.IndexByte(rest, '"')
	if j < 0 {
		return "", false
	}
	return rest[:j], true
}

// issueForms expands the n:, v: and + markers of an issue phrase into the
// lower-case token sequences to match.
func issueForms(phrase string) [][]string {
	forms := []string{strings.ToLower(phrase)}
	for changed := true; changed; {
		changed = false
		var next []string
		for _, f := range forms {
			switch {
			case strings.Contains(f, "+"):
				next = append(next, strings.Replace(f, "+", " ", 1), strings.Replace(f, "+", "-", 1))
				changed = true
			case strings.Contains(f, "n:"):
				pre, post, _ := strings.Cut(f, "n:")
				w, rest, _ := strings.Cut(post, " ")
				if rest != "" {
					rest = " " + rest
				}
				next = append(next, pre+w+rest, pre+Plural(w)+rest)
				changed = true
			case strings.Contains(f, "v:"):
				pre, post, _ := strings.Cut(f, "v:")
				w, rest, _ := strings.Cut(post, " ")
				if rest != "" {
					rest = " " + rest
				}
				for _, vf := range verbForms(w) {
					next = append(next, pre+vf+rest)
				}
				changed = true
			default:
				next = append(next, f)
			}
		}
		forms = next
	}
	seen := map[string]bool{}
	var out [][]string
	for _, f := range forms {
		ws := lowerWords(tokenizeName(f))
		k := strings.Join(ws, " ")
		if len(ws) == 0 || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, ws)
	}
	return out
}

// verbForms returns a verb and its regular forms (s, ed, ing), as PETRARCH
// generates them.
func verbForms(w string) []string {
	if w == "" {
		return nil
	}
	if strings.HasSuffix(w, "e") {
		return []string{w, w + "s", w + "d", w[:len(w)-1] + "ing"}
	}
	s := w + "s"
	if strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") || strings.HasSuffix(w, "z") || strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh") {
		s = w + "es"
	}
	return []string{w, s, w + "ed", w + "ing"}
}
