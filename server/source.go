package server

import (
	"context"
	"fmt"
	"time"

	"github.com/dyad-events/dyad/analysis"
	"github.com/dyad-events/dyad/store"
)

// ObservationLister is implemented by stores that answer analysis
// selections directly (for example with one SQL query); NewSource uses it
// when the store has it. The SQLite store (store/sqlite) does: one query
// over the events instead of paging through Events.
type ObservationLister interface {
	Observations(ctx context.Context, sel analysis.Selection) ([]analysis.Obs, error)
}

// StoreSource adapts a store.Store to analysis.Source by paging through
// Store.Events with the selection's actor patterns and dates.
type StoreSource struct {
	st store.Store
	// Page is the number of events read per store query (default 5000).
	Page int
	// Max bounds the observations of one selection (0: no bound); a
	// larger selection is an error rather than a slow answer.
	Max int
}

// NewSource returns an analysis.Source over st: st itself when it
// implements ObservationLister, a StoreSource otherwise.
func NewSource(st store.Store) analysis.Source {
	if ol, ok := st.(ObservationLister); ok {
		return ol
	}
	return &StoreSource{st: st, Page: 5000}
}

// Observations implements analysis.Source. Selection.Actors is already in
// the store's pattern form (exact code or "X*"); [From, To) becomes the
// store's inclusive day range. Merged event ids become Obs.ID, the number
// of mentions Obs.Weight, the first mention's PLOVER contexts
// Obs.Contexts. Negated events are skipped, as docs/analysis.md asks.
func (s *StoreSource) Observations(ctx context.Context, sel analysis.Selection) ([]analysis.Obs, error) {
	page := s.Page
	if page <= 0 {
		page = 5000
	}
	f := store.EventFilter{Actor: sel.Actors, From: sel.From, Order: store.OrderAdded, Limit: page}
	if !sel.To.IsZero() {
		last := sel.To.Add(-time.Nanosecond).UTC()
		f.To = time.Date(last.Year(), last.Month(), last.Day(), 0, 0, 0, 0, time.UTC)
		if f.To.Before(sel.From) && !sel.From.IsZero() {
			return nil, nil
		}
	}
	var out []analysis.Obs
	for {
		evs, err := s.st.Events(ctx, f)
		if err != nil {
			return nil, fmt.Errorf("store source: %w", err)
		}
		for i := range evs {
			ev := &evs[i]
			if ev.First != nil && ev.First.Negated {
				continue
			}
			day, ok := store.EventDay(ev.Date)
			if !ok {
				continue
			}
			o := analysis.Obs{ID: ev.ID, Date: day, Source: ev.Source.Code, Target: ev.Target.Code,
				Code: ev.CAMEO, Root: ev.Root, Quad: ev.Quad, Goldstein: ev.Goldstein, Weight: float64(ev.NumMentions)}
			if ev.First != nil {
				o.Contexts = ev.First.Plover.Context
			}
			out = append(out, o)
		}
		if s.Max > 0 && len(out) > s.Max {
			return nil, fmt.Errorf("store source: selection has more than %d events: narrow it with dates or actors", s.Max)
		}
		if len(evs) < f.Limit {
			return out, nil
		}
		f.Offset += len(evs)
	}
}
