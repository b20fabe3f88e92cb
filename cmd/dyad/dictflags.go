package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/dyad-events/dyad/dictionary"
	"github.com/dyad-events/dyad/dicts"
)

// dictFlags are the dictionary-selection flags shared by the commands that
// code text: the embedded defaults, optionally extended or replaced by a
// native set, or a PETRARCH set read as it is.
type dictFlags struct {
	dir, only                                   string
	pVerbs, pActors, pAgents, pDiscards, pIssue string
	skipBad                                     bool
}

func init() { defaultDictFS = dicts.FS }

func (d *dictFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.dir, "dict", "", "native dictionary `DIR` added on top of the embedded defaults (its entries win)")
	fs.StringVar(&d.only, "dict-only", "", "native dictionary `DIR` used instead of the embedded defaults")
	fs.StringVar(&d.pVerbs, "petrarch-verbs", "", "PETRARCH verb dictionary `FILE` (selects a PETRARCH set instead of the defaults)")
	fs.StringVar(&d.pActors, "petrarch-actors", "", "PETRARCH actor dictionary `FILES`, comma-separated")
	fs.StringVar(&d.pAgents, "petrarch-agents", "", "PETRARCH agents `FILE`")
	fs.StringVar(&d.pDiscards, "petrarch-discards", "", "PETRARCH discards `FILE`")
	fs.StringVar(&d.pIssue, "petrarch-issues", "", "PETRARCH issues `FILE`")
	fs.BoolVar(&d.skipBad, "skip-bad-entries", false, "skip malformed dictionary lines (counted on stderr) instead of failing")
}

func (d *dictFlags) petrarch() bool {
	return d.pVerbs != "" || d.pActors != "" || d.pAgents != "" || d.pDiscards != "" || d.pIssue != ""
}

// load returns the selected dictionary set.
func (d *dictFlags) load() (*dictionary.Dictionary, error) {
	opts := dictionary.Options{SkipBadEntries: d.skipBad}
	switch {
	case d.petrarch():
		if d.dir != "" || d.only != "" {
			return nil, usagef("--petrarch-* flags cannot be combined with --dict or --dict-only")
		}
		pf := dictionary.PetrarchFiles{Verbs: d.pVerbs, Agents: d.pAgents, Discards: d.pDiscards, Issues: d.pIssue}
		for _, a := range strings.Split(d.pActors, ",") {
			if a = strings.TrimSpace(a); a != "" {
				pf.Actors = append(pf.Actors, a)
			}
		}
		return dictionary.LoadPetrarchOptions(pf, opts)
	case d.only != "":
		if d.dir != "" {
			return nil, usagef("use --dict or --dict-only, not both")
		}
		return dictionary.LoadDirOptions(d.only, opts)
	}
	def, err := dicts.Default()
	if err != nil {
		return nil, fmt.Errorf("embedded dictionaries: %w", err)
	}
	if d.dir == "" {
		return def, nil
	}
	user, err := dictionary.LoadDirOptions(d.dir, opts)
	if err != nil {
		return nil, err
	}
	return dictionary.Merge(def, user), nil
}
