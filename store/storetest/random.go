package storetest

import (
	"math/rand/v2"

	"github.com/dyad-events/dyad/store"
)

// RandomDyadDocs returns n random documents with events among a few
// Chinese, Afghan, American, Pakistani and UN actors over 2020–2022, with
// every quad class, negated events and events repeated across documents:
// the input of CountSourceMatchesObservations, for other count paths to be
// checked the same way.
func RandomDyadDocs(r *rand.Rand, n int) []store.Doc { return randomDyadDocs(r, n) }
