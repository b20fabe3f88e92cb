package dictionary

import (
	"sort"

	"github.com/dyad-events/dyad"
)

// Entry kinds of the phrase tries.
const (
	phraseDiscard Kind = 100 + iota
	phraseContext
	phraseExclusion
)

func (d *Dictionary) buildPhrases() {
	dt := newTrie()
	for i, x := range d.Discards {
		if len(x.Words) == 0 {
			continue
		}
		dt.insert(x.Words, trieEntry{kind: phraseDiscard, ref: int32(i)}, x.Prefix)
	}
	d.discard = dt
	ct := newTrie()
	for i, c := range d.ContextEntries {
		for _, p := range c.Phrases {
			if len(p) > 0 {
				ct.insert(p, trieEntry{kind: phraseContext, ref: int32(i)}, false)
			}
		}
	}
	for i, x := range d.ContextExclusions {
		if len(x.Phrase) > 0 {
			ct.insert(x.Phrase, trieEntry{kind: phraseExclusion, ref: int32(i)}, false)
		}
	}
	d.context = ct
}

func textAndLemma(toks []dyad.Token) func(int) (string, string) {
	return func(j int) (string, string) { return toks[j].Text, toks[j].Lemma }
}

func textOnly(toks []dyad.Token) func(int) (string, string) {
	return func(j int) (string, string) { return toks[j].Text, "" }
}

// FindDiscard returns the first discard phrase occurring in toks (story-level
// ones only when storyOnly is set), or nil.
func (d *Dictionary) FindDiscard(toks []dyad.Token, storyOnly bool) *Discard {
	if d.discard == nil || len(d.discard.entries) == 0 {
		return nil
	}
	var found *Discard
	texts := textOnly(toks)
	for i := range toks {
		d.discard.phrasesAt(texts, len(toks), i, func(e int32, _ int) {
			x := d.Discards[d.discard.entries[e].ref]
			if found == nil && (!storyOnly || x.Story) {
				found = x
			}
		})
		if found != nil {
			return found
		}
	}
	return nil
}

// FindDiscards walks toks once for both kinds of discard phrase: it
// reports whether any occurs (DiscardSentence) and returns the story-level
// one FindDiscard(toks, true) would return, or nil.
func (d *Dictionary) FindDiscards(toks []dyad.Token) (any bool, story *Discard) {
	if d.discard == nil || len(d.discard.entries) == 0 {
		return false, nil
	}
	texts := textOnly(toks)
	for i := range toks {
		d.discard.phrasesAt(texts, len(toks), i, func(e int32, _ int) {
			any = true
			if x := d.Discards[d.discard.entries[e].ref]; story == nil && x.Story {
				story = x
			}
		})
		if story != nil {
			return true, story
		}
	}
	return any, nil
}

// DiscardSentence reports whether a discard phrase (sentence or story level)
// occurs in toks, so the sentence must not be coded.
func (d *Dictionary) DiscardSentence(toks []dyad.Token) bool {
	return d.FindDiscard(toks, false) != nil
}

// DiscardStory reports whether a story-level discard phrase occurs in toks,
// so the whole document must not be coded. Call it per sentence (or on all
// tokens of the document at once).
func (d *Dictionary) DiscardStory(toks []dyad.Token) bool { return d.FindDiscard(toks, true) != nil }

// Contexts returns the names of the contexts (PLOVER contexts, PETRARCH issue
// codes) whose keywords occur in toks, sorted and without duplicates. A word
// matches the token text or its lemma, case-insensitively. When a PETRARCH
// exclusion phrase ("~…", "~~…") of a category occurs, no context of that
// category is returned.
func (d *Dictionary) Contexts(toks []dyad.Token) []string {
	if d.context == nil || len(d.context.entries) == 0 {
		return nil
	}
	var hits []int32
	var excluded map[string]bool
	texts := textAndLemma(toks)
	for i := range toks {
		d.context.phrasesAt(texts, len(toks), i, func(e int32, _ int) {
			en := d.context.entries[e]
			if en.kind == phraseExclusion {
				if excluded == nil {
					excluded = map[string]bool{}
				}
				excluded[d.ContextExclusions[en.ref].Category] = true
				return
			}
			hits = append(hits, en.ref)
		})
	}
	if len(hits) == 0 {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for _, h := range hits {
		c := d.ContextEntries[h]
		if excluded[c.Category] || seen[c.Name] {
			continue
		}
		seen[c.Name] = true
		out = append(out, c.Name)
	}
	sort.Strings(out)
	return out
}
