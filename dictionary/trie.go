package dictionary

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// trie is a word trie over lower-cased token texts. Nodes are integers;
// words are interned to integers and an edge is found in one map lookup keyed
// on (node, word), so a step costs two map lookups and no allocation for
// ASCII tokens of up to 64 bytes.
type trie struct {
	words   map[string]int32
	edges   map[uint64]int32
	ends    []int32 // per node: first entry ending there, -1 if none
	entries []trieEntry
	// prefix holds entries whose last word matches as a prefix, keyed by the
	// node before that word and the stem's first byte (0 for an empty
	// stem), in insertion order (see prefixKey).
	prefix map[uint64][]prefixEntry
	// prefixNodes marks the nodes with prefix entries.
	prefixNodes map[int32]bool
}

// prefixKey is the key of the prefix entries at node whose stem starts
// with byte b.
func prefixKey(node int32, b byte) uint64 { return uint64(uint32(node))<<8 | uint64(b) }

// stemByte is the byte prefix entries of stem s are filed under.
func stemByte(s string) byte {
	if s == "" {
		return 0
	}
	return s[0]
}

type prefixEntry struct {
	stem  string // lower case
	entry int32
}

// trieEntry is one name (or phrase) ending at a node.
type trieEntry struct {
	next  int32 // next entry ending at the same node, -1 at the end
	kind  Kind
	ref   int32  // index into the owner's slice (countries, actors, agents, discards, contexts)
	name  *Name  // for actor names
	exact uint64 // bit i: word i must equal the token text exactly (acronym rule)
	words []string
}

func newTrie() *trie { return newTrieSize(0) }

// newTrieSize returns a trie with room for about n phrases.
func newTrieSize(n int) *trie {
	return &trie{words: make(map[string]int32, n), edges: make(map[uint64]int32, 2*n),
		ends: append(make([]int32, 0, 2*n+1), -1), entries: make([]trieEntry, 0, n)}
}

func (t *trie) wordID(w string, add bool) (int32, bool) {
	if id, ok := t.words[w]; ok {
		return id, true
	}
	if !add {
		return 0, false
	}
	id := int32(len(t.words))
	t.words[w] = id
	return id, true
}

// insert adds words (already lower case) ending in entry e and returns the
// entry's index. With prefix, the last word matches any token it begins.
func (t *trie) insert(words []string, e trieEntry, prefix bool) int32 {
	node := int32(0)
	last := len(words)
	if prefix {
		last--
	}
	for _, w := range words[:last] {
		id, _ := t.wordID(w, true)
		k := uint64(uint32(node))<<32 | uint64(uint32(id))
		child, ok := t.edges[k]
		if !ok {
			child = int32(len(t.ends))
			t.ends = append(t.ends, -1)
			t.edges[k] = child
		}
		node = child
	}
	idx := int32(len(t.entries))
	if prefix {
		e.next = -1
		t.entries = append(t.entries, e)
		if t.prefix == nil {
			t.prefix, t.prefixNodes = map[uint64][]prefixEntry{}, map[int32]bool{}
		}
		k := prefixKey(node, stemByte(words[last]))
		t.prefix[k] = append(t.prefix[k], prefixEntry{stem: words[last], entry: idx})
		t.prefixNodes[node] = true
		return idx
	}
	e.next = t.ends[node]
	t.entries = append(t.entries, e)
	t.ends[node] = idx
	return idx
}

// step follows the edge for token text tok from node.
func (t *trie) step(node int32, tok string) (int32, bool) {
	if k := strings.IndexByte(tok, '_'); k > 0 && k < len(tok)-1 {
		// "Dol_Amroth": a token joined with "_" (PETRARCH's connector in
		// texts prepared for it) matches the words it joins.
		for _, part := range strings.Split(tok, "_") {
			if part == "" {
				return 0, false
			}
			child, ok := t.step1(node, part)
			if !ok {
				return 0, false
			}
			node = child
		}
		return node, true
	}
	return t.step1(node, tok)
}

// step1 is step for a token without "_" joins.
func (t *trie) step1(node int32, tok string) (int32, bool) {
	var buf [64]byte
	var id int32
	var ok bool
	if b, fast := lowerASCII(tok, &buf); fast {
		id, ok = t.words[string(b)]
	} else {
		id, ok = t.words[foldSlow(tok)]
	}
	if !ok {
		return 0, false
	}
	child, ok := t.edges[uint64(uint32(node))<<32|uint64(uint32(id))]
	return child, ok
}

// lowerASCII lower-cases an ASCII token into buf. It reports false for
// non-ASCII or long tokens, which need foldSlow.
func lowerASCII(s string, buf *[64]byte) ([]byte, bool) {
	if len(s) > len(buf) {
		return nil, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return nil, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(s)], true
}

// foldSlow lower-cases s and maps typographic apostrophes and dashes to
// their ASCII forms, as names are stored.
func foldSlow(s string) string {
	s = strings.ToLower(s)
	if strings.ContainsAny(s, "’‘–—") {
		s = strings.NewReplacer("’", "'", "‘", "'", "–", "-", "—", "-").Replace(s)
	}
	return s
}

// fold is the key form of a dictionary word.
func fold(s string) string {
	var buf [64]byte
	if b, ok := lowerASCII(s, &buf); ok {
		if string(b) == s {
			return s
		}
		return string(b)
	}
	return foldSlow(s)
}

// phraseAt reports whether some phrase of t starts at toks[i], and returns
// the longest one's end and entry. Words match the token text or, when
// useLemma is set, its lemma.
func (t *trie) phrasesAt(texts func(int) (string, string), n, i int, visit func(entry int32, end int)) {
	var walk func(node int32, j int)
	walk = func(node int32, j int) {
		if j < n && t.prefixNodes[node] {
			text, lem := texts(j)
			t.prefixesAt(node, fold(text), fold(lem), func(e int32) { visit(e, j+1) })
		}
		if j >= n {
			return
		}
		text, lem := texts(j)
		child, ok := t.step(node, text)
		if ok {
			for e := t.ends[child]; e >= 0; e = t.entries[e].next {
				visit(e, j+1)
			}
			walk(child, j+1)
		}
		if lem != "" && !strings.EqualFold(lem, text) {
			if c2, ok2 := t.step(node, lem); ok2 && (!ok || c2 != child) {
				for e := t.ends[c2]; e >= 0; e = t.entries[e].next {
					visit(e, j+1)
				}
				walk(c2, j+1)
			}
		}
	}
	walk(0, i)
}

// prefixesAt visits, in insertion order, the prefix entries at node whose
// stem begins the folded token text ft or its folded lemma fl.
func (t *trie) prefixesAt(node int32, ft, fl string, visit func(int32)) {
	var hits [8]int32
	found := hits[:0]
	add := func(pe []prefixEntry) {
		for _, p := range pe {
			if strings.HasPrefix(ft, p.stem) || (fl != "" && strings.HasPrefix(fl, p.stem)) {
				found = append(found, p.entry)
			}
		}
	}
	add(t.prefix[prefixKey(node, 0)])
	if ft != "" {
		add(t.prefix[prefixKey(node, ft[0])])
	}
	if fl != "" && (ft == "" || fl[0] != ft[0]) {
		add(t.prefix[prefixKey(node, fl[0])])
	}
	if len(found) > 1 {
		slices.Sort(found)
		found = slices.Compact(found)
	}
	for _, e := range found {
		visit(e)
	}
}
