package analysis

import (
	"fmt"
	"time"

	"github.com/dyad-events/dyad"
)

// ObsFromEvent converts a coded event to an observation. Dates of day,
// month or year precision ("2021-08-15", "2021-08", "2021") map to their
// first day. Callers usually skip negated events (e.Negated) before
// converting: "did not attack" is not an attack.
func ObsFromEvent(e dyad.Event) (Obs, error) {
	var d time.Time
	var err error
	for _, layout := range []string{time.DateOnly, "2006-01", "2006"} {
		if d, err = time.Parse(layout, e.Date); err == nil {
			break
		}
	}
	if err != nil {
		return Obs{}, fmt.Errorf("analysis: event %s: bad date %q: %w", e.ID, e.Date, dyad.ErrInvalidInput)
	}
	return Obs{ID: e.ID, Date: d, Source: e.Source.Code, Target: e.Target.Code, Code: e.CAMEO, Root: e.Root,
		Quad: e.Quad, Goldstein: e.Goldstein, Contexts: e.Plover.Context}, nil
}
