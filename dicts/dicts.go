// Package dicts embeds dyad's own default dictionaries: countries, people
// with dated roles, international bodies, non-state groups, organisations,
// agents, verb patterns for every CAMEO root, PLOVER contexts and discards,
// all in the native format of docs/dictionary-format.md and all written for
// this project. Load them with Default, or dictionary.LoadFS(dicts.FS, ".").
package dicts

import (
	"embed"
	"sync"

	"github.com/dyad-events/dyad/dictionary"
)

// FS holds the dictionary files (every *.txt below this directory).
//
//go:embed */*.txt
var FS embed.FS

var (
	once    sync.Once
	dict    *dictionary.Dictionary
	loadErr error
)

// Default returns the embedded dictionaries, loaded once and shared. The
// returned dictionary is read-only and safe for concurrent use.
func Default() (*dictionary.Dictionary, error) {
	once.Do(func() {
		dict, loadErr = dictionary.LoadFS(FS, ".")
	})
	return dict, loadErr
}
