package server

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/analysis"
	"github.com/dyad-events/dyad/store"
)

// errPanic turns a recovered panic value into an error.
func errPanic(p any) error { return fmt.Errorf("internal error: %v", p) }

// Event is a merged event as the API lists it: the store's event with the
// first mention's sentence cut into marked segments.
type Event struct {
	store.Event
	Segments []Segment `json:"segments,omitempty"`
}

// EventList is a page of events.
type EventList struct {
	Events []Event `json:"events"`
	Limit  int     `json:"limit"`
	Offset int     `json:"offset"`
	// NextOffset is the offset of the next page, null on the last page.
	NextOffset *int `json:"next_offset"`
}

func apiEvent(ev store.Event) Event {
	e := Event{Event: ev}
	if ev.First != nil {
		e.Segments = eventSegments(ev.First)
	}
	return e
}

// eventFilter reads the filters of "dyad events" from the query.
func eventFilter(p params) (store.EventFilter, error) {
	var f store.EventFilter
	f.Actor, f.Source, f.Target = p.list("actor"), p.list("source"), p.list("target")
	f.Country, f.CAMEO, f.Root = p.list("country"), p.list("cameo"), p.list("root")
	for _, list := range [][]string{f.Actor, f.Source, f.Target} {
		for _, c := range list {
			if strings.ContainsAny(strings.TrimSuffix(c, "*"), "*%_ ") {
				return f, badData("actor pattern %q: want a code (CHNGOV) or a prefix ending in * (CHN*)", c)
			}
		}
	}
	for _, q := range p.list("quad") {
		n, err := strconv.Atoi(q)
		if err != nil || n < 1 || n > 4 {
			return f, badData("parameter quad=%q: want 1, 2, 3 or 4", q)
		}
		f.Quad = append(f.Quad, n)
	}
	var err error
	if f.From, err = p.date("from", false); err != nil {
		return f, err
	}
	if f.To, err = p.date("to", true); err != nil {
		return f, err
	}
	f.Place, f.Text, f.DocID = p.str("place"), p.str("text"), p.str("doc")
	switch o := p.str("order"); o {
	case "", "date":
		f.Order = store.OrderDateDesc
	case "date-asc":
		f.Order = store.OrderDateAsc
	case "mentions":
		f.Order = store.OrderMentionsDesc
	case "added":
		f.Order = store.OrderAdded
	default:
		return f, badData("parameter order=%q: want date, date-asc, mentions or added", o)
	}
	if f.Limit, err = p.int("limit", 50, 1, 1000); err != nil {
		return f, err
	}
	if f.Offset, err = p.int("offset", 0, 0, 1_000_000); err != nil {
		return f, err
	}
	return f, nil
}

func (s *Server) handleEvents(r *http.Request) (any, error) {
	p := params{r}
	f, err := eventFilter(p)
	if err != nil {
		return nil, err
	}
	a, hasA, err := p.spec("a", false)
	if err != nil {
		return nil, err
	}
	b, hasB, err := p.spec("b", false)
	if err != nil {
		return nil, err
	}
	if hasA != hasB {
		return nil, badData("a dyad needs both a and b")
	}
	directed, err := p.bool("directed")
	if err != nil {
		return nil, err
	}
	limit, offset := f.Limit, f.Offset
	var evs []store.Event
	if hasA {
		evs, err = s.dyadEvents(r.Context(), f, a, b, directed)
	} else {
		f.Limit++
		evs, err = s.st.Events(r.Context(), f)
	}
	if err != nil {
		return nil, err
	}
	out := EventList{Events: make([]Event, 0, min(len(evs), limit)), Limit: limit, Offset: offset}
	if len(evs) > limit {
		evs = evs[:limit]
		n := offset + limit
		out.NextOffset = &n
	}
	for _, ev := range evs {
		out.Events = append(out.Events, apiEvent(ev))
	}
	return out, nil
}

// dyadEvents returns up to f.Limit+1 events of the dyad A–B (both
// directions unless directed) after f.Offset, in f's order: the two
// directions are read separately and merged.
func (s *Server) dyadEvents(ctx context.Context, f store.EventFilter, a, b analysis.Spec, directed bool) ([]store.Event, error) {
	if len(f.Source) > 0 || len(f.Target) > 0 {
		return nil, badData("use either a and b or source and target")
	}
	if f.Order == store.OrderAdded {
		return nil, badData("order=added is not available for a dyad (a and b)")
	}
	want := f.Offset + f.Limit + 1
	q := f
	q.Offset, q.Limit = 0, want
	q.Source, q.Target = a.Patterns(), b.Patterns()
	ab, err := s.st.Events(ctx, q)
	if err != nil {
		return nil, err
	}
	all := ab
	if !directed {
		q.Source, q.Target = b.Patterns(), a.Patterns()
		ba, err := s.st.Events(ctx, q)
		if err != nil {
			return nil, err
		}
		seen := map[string]bool{}
		for _, e := range ab {
			seen[e.ID] = true
		}
		for _, e := range ba {
			if !seen[e.ID] {
				all = append(all, e)
			}
		}
		less := func(x, y *store.Event) bool {
			dx, dy := x.Date, y.Date
			switch f.Order {
			case store.OrderDateAsc:
				if dx != dy {
					return dx < dy
				}
			case store.OrderMentionsDesc:
				if x.NumMentions != y.NumMentions {
					return x.NumMentions > y.NumMentions
				}
				if dx != dy {
					return dx > dy
				}
			default:
				if dx != dy {
					return dx > dy
				}
			}
			return x.ID < y.ID
		}
		sort.SliceStable(all, func(i, j int) bool { return less(&all[i], &all[j]) })
	}
	if f.Offset >= len(all) {
		return nil, nil
	}
	all = all[f.Offset:]
	if len(all) > f.Limit+1 {
		all = all[:f.Limit+1]
	}
	return all, nil
}

// Mention is one evidence sentence of an event, with its marked segments.
type Mention struct {
	store.Mention
	Segments []Segment `json:"segments"`
}

// EventDetail is one merged event with all its evidence.
type EventDetail struct {
	Event
	Mentions []Mention `json:"mentions"`
}

func (s *Server) handleEvent(r *http.Request) (any, error) {
	id := r.PathValue("id")
	ev, err := s.st.Event(r.Context(), id)
	if err != nil {
		return nil, err
	}
	ms := ev.Mentions
	ev.Mentions = nil
	out := EventDetail{Event: apiEvent(*ev), Mentions: make([]Mention, 0, len(ms))}
	for _, m := range ms {
		out.Mentions = append(out.Mentions, Mention{Mention: m, Segments: eventSegments(&m.Event)})
	}
	return out, nil
}

// DocumentList is a page of documents.
type DocumentList struct {
	Documents  []store.DocInfo `json:"documents"`
	Limit      int             `json:"limit"`
	Offset     int             `json:"offset"`
	NextOffset *int            `json:"next_offset"`
}

func (s *Server) handleDocuments(r *http.Request) (any, error) {
	p := params{r}
	var f store.DocFilter
	var err error
	f.Source, f.Text = p.str("source"), p.str("text")
	if f.From, err = p.date("from", false); err != nil {
		return nil, err
	}
	if f.To, err = p.date("to", true); err != nil {
		return nil, err
	}
	if !f.To.IsZero() {
		f.To = f.To.Add(24*time.Hour - time.Second)
	}
	if f.Limit, err = p.int("limit", 50, 1, 1000); err != nil {
		return nil, err
	}
	if f.Offset, err = p.int("offset", 0, 0, 1_000_000); err != nil {
		return nil, err
	}
	limit := f.Limit
	f.Limit++
	docs, err := s.st.Documents(r.Context(), f)
	if err != nil {
		return nil, err
	}
	out := DocumentList{Documents: docs, Limit: limit, Offset: f.Offset}
	if out.Documents == nil {
		out.Documents = []store.DocInfo{}
	}
	if len(docs) > limit {
		out.Documents = docs[:limit]
		n := f.Offset + limit
		out.NextOffset = &n
	}
	return out, nil
}

// DocumentEvent is a mention of a document with its marked segments.
type DocumentEvent struct {
	dyad.Event
	Segments []Segment `json:"segments"`
}

// Document is a stored document with its text and coded mentions.
type Document struct {
	store.Doc
	Events []DocumentEvent `json:"events"`
}

func (s *Server) handleDocument(r *http.Request) (any, error) {
	d, err := s.st.Document(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	out := Document{Doc: *d, Events: make([]DocumentEvent, 0, len(d.Events))}
	out.Doc.Events = nil
	for i := range d.Events {
		out.Events = append(out.Events, DocumentEvent{Event: d.Events[i], Segments: eventSegments(&d.Events[i])})
	}
	return out, nil
}

func (s *Server) handleActors(r *http.Request) (any, error) {
	p := params{r}
	limit, err := p.int("limit", 20, 1, 1000)
	if err != nil {
		return nil, err
	}
	as, err := s.st.Actors(r.Context(), store.ActorQuery{Query: p.str("q"), Limit: limit})
	if err != nil {
		return nil, err
	}
	if as == nil {
		as = []store.ActorCount{}
	}
	return map[string]any{"actors": as}, nil
}

// Stats is the answer of /api/stats.
type Stats struct {
	store.Stats
	Version  string `json:"version"`
	Writable bool   `json:"writable"`
	Coder    bool   `json:"coder"`
	Uptime   string `json:"uptime"`
}

func (s *Server) handleStats(r *http.Request) (any, error) {
	st, err := s.st.Stats(r.Context())
	if err != nil {
		return nil, err
	}
	return Stats{Stats: st, Version: s.cfg.Version, Writable: s.cfg.Token != "" || IsLoopback(s.cfg.Addr),
		Coder: s.cfg.Coder != nil, Uptime: time.Since(s.started).Round(time.Second).String()}, nil
}
