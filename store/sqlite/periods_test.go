package sqlite

import (
	"testing"

	"github.com/dyad-events/dyad/store/storetest"
)

// TestDyadPeriodsMatchObservations checks that Relations answered from the
// rollups (DyadPeriods) equals Relations computed from every observation,
// evidence included, on random event sets.
func TestDyadPeriodsMatchObservations(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	def := evidenceReadAll
	storetest.CountSourceMatchesObservations(t, s, func(walk bool) {
		evidenceReadAll = def
		if walk {
			evidenceReadAll = -100 // every month read backwards by days
		}
	})
}
