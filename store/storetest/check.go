package storetest

import (
	"context"
	"testing"

	"github.com/dyad-events/dyad/store"
)

// Checker is a store with a consistency check, as store/sqlite and
// store/postgres have: Check returns the problems it finds.
type Checker interface {
	store.Store
	Check(ctx context.Context) ([]string, error)
}

// CheckConsistency runs s.Check and reports each problem it finds, and a
// failing check, as an error of t.
func CheckConsistency(t testing.TB, s Checker) {
	t.Helper()
	probs, err := s.Check(context.Background())
	if err != nil {
		t.Errorf("Check: %v", err)
	}
	for _, p := range probs {
		t.Errorf("consistency: %s", p)
	}
}

// Checked returns s with a Close that runs CheckConsistency first, so that
// every test of the contract suite (see Run) ends with a consistent store.
func Checked(t testing.TB, s Checker) store.Store {
	return checked{s, t}
}

type checked struct {
	Checker
	t testing.TB
}

func (c checked) Close() error {
	CheckConsistency(c.t, c.Checker)
	return c.Checker.Close()
}
