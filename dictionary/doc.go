// Package dictionary holds dyad's coding dictionaries in memory and reads
// them from disk: the native format of docs/dictionary-format.md (dyad's own
// defaults in dicts/ and users' --dict sets) and PETRARCH-1/TABARI files as
// they are (verbs, actors, agents, discards, issues).
//
// # For the coder
//
// Load a set once and share it: a *Dictionary is read-only after loading
// and every method is safe for concurrent use.
//
//	d, err := dictionary.LoadDir("dicts")           // native set
//	d, err := dictionary.LoadFS(dicts.FS, ".")       // embedded defaults
//	d, err := dictionary.LoadPetrarch(dictionary.PetrarchFiles{...})
//	d = dictionary.Merge(defaults, user)              // later sets override earlier ones
//
// LoadDirOptions, Load and LoadPetrarchOptions take Options (SkipBadEntries
// to skip and count malformed lines instead of failing).
//
// Actors. MatchActors finds the actor mentions of one sentence: the longest
// name starting at each token, left to right, without overlaps. Each
// ActorMatch gives the token range, the Kind of name (country name,
// adjective, people, capital or government metonym, named actor, agent), the
// entry it came from and the code valid on the document date ("" when no
// code covers the date). Agents ("government", "police") match alone; join
// them with a preceding country, adjective or actor match (and "'s") or a
// following "of COUNTRY" with CombineAgent, or let MergeAgents do it:
//
//	ms := d.MatchActors(sent.Tokens, doc.Date)
//	ms = d.MergeAgents(sent.Tokens, ms, doc.Date) // "Chinese companies" → CHNBUS
//
// A match with Short set is a short alias ("Wang~") that the coder accepts
// only after the full name occurred in the story; a match with Context set
// resolves only when ContextOK(documentTokens) holds. Null marks an entry
// that deliberately codes nothing on the date (PETRARCH "---").
//
// Codes. SplitCode splits an actor code into its country (a known ISO 3166
// alpha-3 code) and its first role code: SplitCode("CHNGOV") is ("CHN",
// "GOV"), SplitCode("IGOUNO") is ("", "IGO"). CodeParts does the same for a
// match, honouring an actor's explicit country and sector fields.
//
// Verbs. PatternsFor(lemma) returns the verb patterns whose head is lemma
// (NounPatternsFor for event nouns such as "invasion"), in definition
// order. Each Pattern's slots are typed fields (Obj, ObjTarget, Preps, ...),
// synsets already expanded; pick the matching pattern with the highest
// Specificity, later patterns winning ties. Pattern.Source ("file:line") is
// what an event cites. Code is a canonical CAMEO code or NullCode ("---": the
// pattern matches but codes nothing); Reverse, when set, is the code of the
// reciprocal event (PETRARCH's "[042:043]": A 042 B and B 043 A). Slot words
// are lower-case lemmas; a phrase ("humanitarian aid") keeps its words
// separated by spaces, its last word being the head.
//
// Discards and contexts. DiscardSentence and DiscardStory report whether a
// discard phrase voids a sentence or the whole document; Contexts returns
// the context (PLOVER context or PETRARCH issue) names whose keywords occur.
//
// # PETRARCH files
//
// LoadPetrarch reads PETRARCH-1 dictionaries faithfully (Dictionary.Petrarch
// keeps every verb block and pattern as written, with pre- and post-verb
// word sequences, markers and raw codes) and translates what it can into
// native Patterns so the same coder runs on both. Patterns that have no
// native equivalent (words before the verb, "%" compounds, invalid codes,
// ...) are counted in LoadReport.Untranslatable. WriteNative writes a whole
// Dictionary in the native format ("dyad dict convert").
//
// # Errors
//
// Every load error is a *LoadError naming file:line and saying what was
// expected there; all of them wrap dyad.ErrInvalidInput. With
// Options.SkipBadEntries the loaders skip bad lines instead, and count them
// in the LoadReport.
package dictionary
