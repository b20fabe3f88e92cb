package server

// This file holds the handlers of the analysis endpoints: dyad series,
// relations, trend, movers, alignment, blocs, actor profiles, the overview
// and places. handlers.go holds those over stored events and documents.

import (
	"context"
	"errors"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/analysis"
	"github.com/dyad-events/dyad/store"
)

// handleDyadSeries answers the dyad series from the store's per-period
// counts (seriesSource), in the shape of analysis.Relations without
// per-period evidence: the dashboard lists the evidence of a period
// through /api/events?a=…&b=…&from=…&to=….
func (s *Server) handleDyadSeries(r *http.Request) (any, error) {
	a, b, o, err := dyadParams(params{r})
	if err != nil {
		return nil, err
	}
	o.Evidence = -1
	res, err := analysis.Relations(r.Context(), seriesSource{st: s.st, src: s.src}, a, b, o)
	if errors.Is(err, dyad.ErrNotEnoughData) {
		// No event between the two: an empty series, not an error, so
		// that the dashboard draws it.
		res = &analysis.RelationsResult{A: a, B: b, Directed: o.Directed, By: o.By, Periods: []analysis.PeriodStats{},
			Overall: analysis.PeriodStats{Period: "all", Evidence: []string{}}}
		err = nil
	}
	return res, err
}

func evidenceOpt(p params) (int, error) { return p.int("evidence", 0, -1, 200) }

// dyadParams reads what the relations and trend endpoints share: the two
// actor sets a and b, by, directed, the date range and evidence.
func dyadParams(p params) (a, b analysis.Spec, o analysis.RelationsOptions, err error) {
	if a, _, err = p.spec("a", true); err != nil {
		return
	}
	if b, _, err = p.spec("b", true); err != nil {
		return
	}
	if o.By, err = p.period("by"); err != nil {
		return
	}
	if o.Directed, err = p.bool("directed"); err != nil {
		return
	}
	if o.From, o.To, err = p.dateRange(); err != nil {
		return
	}
	o.Evidence, err = evidenceOpt(p)
	return
}

func (s *Server) handleRelations(r *http.Request) (any, error) {
	a, b, o, err := dyadParams(params{r})
	if err != nil {
		return nil, err
	}
	return analysis.Relations(r.Context(), s.src, a, b, o)
}

func (s *Server) handleTrend(r *http.Request) (any, error) {
	p := params{r}
	a, b, ro, err := dyadParams(p)
	if err != nil {
		return nil, err
	}
	o := analysis.TrendOptions{RelationsOptions: ro}
	if o.MinEvents, err = p.int("min_events", 0, 0, 1_000_000); err != nil {
		return nil, err
	}
	if o.Alpha, err = p.float("alpha", 0, 0, 0.5); err != nil {
		return nil, err
	}
	return analysis.Trend(r.Context(), s.src, a, b, o)
}

func (s *Server) handleMovers(r *http.Request) (any, error) {
	p := params{r}
	var o analysis.MoversOptions
	var err error
	if o.Since, err = p.date("since", false); err != nil {
		return nil, err
	}
	if o.Since.IsZero() {
		return nil, badData("parameter since is required (YYYY-MM-DD)")
	}
	if o.Window, err = p.duration("window", 365*24*time.Hour); err != nil {
		return nil, err
	}
	if o.MinEvents, err = p.int("min_events", 0, 0, 1_000_000); err != nil {
		return nil, err
	}
	if o.Level, err = p.level("level"); err != nil {
		return nil, err
	}
	if o.Domestic, err = p.bool("domestic"); err != nil {
		return nil, err
	}
	if o.Alpha, err = p.float("alpha", 0, 0, 0.5); err != nil {
		return nil, err
	}
	if o.Top, err = p.int("top", 0, -1, 10000); err != nil {
		return nil, err
	}
	if o.Evidence, err = evidenceOpt(p); err != nil {
		return nil, err
	}
	return analysis.Movers(r.Context(), s.src, o)
}

func alignOpts(p params) (analysis.AlignOptions, error) {
	var o analysis.AlignOptions
	var err error
	if o.From, o.To, err = p.dateRange(); err != nil {
		return o, err
	}
	if o.Level, err = p.level("level"); err != nil {
		return o, err
	}
	if o.Directed, err = p.bool("directed"); err != nil {
		return o, err
	}
	if o.MinEvents, err = p.int("min_events", 0, 0, 1_000_000); err != nil {
		return o, err
	}
	if o.MinShared, err = p.int("min_shared", 0, 0, 1_000_000); err != nil {
		return o, err
	}
	if o.Evidence, err = evidenceOpt(p); err != nil {
		return o, err
	}
	return o, nil
}

func (s *Server) handleAlign(r *http.Request) (any, error) {
	p := params{r}
	a, _, err := p.spec("a", true)
	if err != nil {
		return nil, err
	}
	o, err := alignOpts(p)
	if err != nil {
		return nil, err
	}
	b, hasB, err := p.spec("b", false)
	if err != nil {
		return nil, err
	}
	if hasB {
		return analysis.Align(r.Context(), s.src, a, b, o)
	}
	k, err := p.int("k", 10, 1, 500)
	if err != nil {
		return nil, err
	}
	return analysis.AlignTop(r.Context(), s.src, a, k, o)
}

func (s *Server) handleBlocs(r *http.Request) (any, error) {
	p := params{r}
	var o analysis.BlocsOptions
	var err error
	if o.From, o.To, err = p.dateRange(); err != nil {
		return nil, err
	}
	if o.Window, err = p.duration("window", 0); err != nil {
		return nil, err
	}
	if o.Step, err = p.duration("step", 0); err != nil {
		return nil, err
	}
	if o.Level, err = p.level("level"); err != nil {
		return nil, err
	}
	if o.MaxActors, err = p.int("max_actors", 0, 0, 500); err != nil {
		return nil, err
	}
	if o.MinEvents, err = p.int("min_events", 0, 0, 1_000_000); err != nil {
		return nil, err
	}
	switch w := p.str("weight"); w {
	case "", "count":
		o.Weight = analysis.WeightCount
	case "goldstein":
		o.Weight = analysis.WeightGoldstein
	default:
		return nil, badData("parameter weight=%q: want count or goldstein", w)
	}
	if o.Evidence, err = evidenceOpt(p); err != nil {
		return nil, err
	}
	if o.Window > 0 && !o.From.IsZero() && !o.To.IsZero() {
		step := o.Step
		if step <= 0 {
			step = o.Window
		}
		if o.To.Sub(o.From)/step > 500 {
			return nil, badData("more than 500 windows: use a longer step")
		}
	}
	res, err := analysis.Blocs(r.Context(), s.src, o)
	if err != nil {
		return nil, err
	}
	return s.blocEdges(r.Context(), res, o.Level, o.Weight)
}

// Edge is a signed tie between two actors of a bloc window: cooperative
// and conflictual event counts and the weight the bloc search used.
type Edge struct {
	A        string  `json:"a"`
	B        string  `json:"b"`
	Coop     int     `json:"coop"`
	Conflict int     `json:"conflict"`
	Weight   float64 `json:"weight"`
}

// BlocWindow is a window of analysis.Blocs with the edges of its network.
type BlocWindow struct {
	analysis.BlocWindow
	Edges []Edge `json:"edges"`
}

// BlocsAnswer is analysis.BlocsResult with the edges of each window, so
// that the dashboard can draw the signed network.
type BlocsAnswer struct {
	Level   analysis.Level      `json:"level"`
	Weight  analysis.EdgeWeight `json:"weight"`
	Windows []BlocWindow        `json:"windows"`
}

func levelKey(l analysis.Level, code string) string {
	if l == analysis.LevelCode {
		return code
	}
	return countryKey(code)
}

func (s *Server) blocEdges(ctx context.Context, res *analysis.BlocsResult, level analysis.Level, weight analysis.EdgeWeight) (*BlocsAnswer, error) {
	out := &BlocsAnswer{Level: res.Level, Weight: res.Weight, Windows: make([]BlocWindow, 0, len(res.Windows))}
	for _, w := range res.Windows {
		bw := BlocWindow{BlocWindow: w, Edges: []Edge{}}
		from, _ := store.EventDay(w.From)
		to, _ := store.EventDay(w.To)
		members := map[string]bool{}
		for _, b := range w.Blocs {
			for _, m := range b.Members {
				members[m] = true
			}
		}
		obs, err := s.src.Observations(ctx, analysis.Selection{From: from, To: to, NoContexts: true})
		if err != nil {
			return nil, err
		}
		idx := map[[2]string]int{}
		for _, o := range obs {
			if o.Quad < 1 || o.Quad > 4 {
				continue
			}
			x, y := levelKey(level, o.Source), levelKey(level, o.Target)
			if x == y || !members[x] || !members[y] {
				continue
			}
			if y < x {
				x, y = y, x
			}
			k := [2]string{x, y}
			i, ok := idx[k]
			if !ok {
				i = len(bw.Edges)
				idx[k] = i
				bw.Edges = append(bw.Edges, Edge{A: x, B: y})
			}
			e := &bw.Edges[i]
			coop := o.Quad <= 2
			if coop {
				e.Coop++
			} else {
				e.Conflict++
			}
			if weight == analysis.WeightGoldstein {
				e.Weight += o.Goldstein
			} else if coop {
				e.Weight++
			} else {
				e.Weight--
			}
		}
		out.Windows = append(out.Windows, bw)
	}
	return out, nil
}

// ActorAnswer is an actor profile with the actor's names in the store.
type ActorAnswer struct {
	*analysis.ActorProfile
	Names []store.ActorCount `json:"names"`
}

func (s *Server) handleActor(r *http.Request) (any, error) {
	p := params{r}
	a, _, err := p.spec("a", true)
	if err != nil {
		return nil, err
	}
	var o analysis.ActorOptions
	if o.From, o.To, err = p.dateRange(); err != nil {
		return nil, err
	}
	if o.Level, err = p.level("level"); err != nil {
		return nil, err
	}
	if o.Top, err = p.int("top", 0, 0, 500); err != nil {
		return nil, err
	}
	if o.Evidence, err = evidenceOpt(p); err != nil {
		return nil, err
	}
	prof, err := analysis.Actor(r.Context(), s.src, a, o)
	if err != nil {
		return nil, err
	}
	out := ActorAnswer{ActorProfile: prof, Names: []store.ActorCount{}}
	for _, m := range a.Members {
		as, err := s.st.Actors(r.Context(), store.ActorQuery{Query: strings.TrimSuffix(m, "*"), Limit: 10})
		if err != nil {
			return nil, err
		}
		for _, x := range as {
			if strings.HasPrefix(x.Code, strings.TrimSuffix(m, "*")) {
				out.Names = append(out.Names, x)
			}
		}
	}
	return out, nil
}

// VolumePoint is one month of the overall event volume.
type VolumePoint struct {
	Period string `json:"period"`
	// Quad counts events per quad class (index 0: none).
	Quad  [5]int `json:"quad"`
	Total int    `json:"total"`
}

// DyadTotal is a pair of actors (at country level) with its event counts.
type DyadTotal struct {
	A        string            `json:"a"`
	B        string            `json:"b"`
	Events   int               `json:"events"`
	Coop     int               `json:"coop"`
	Conflict int               `json:"conflict"`
	Net      *analysis.NetCoop `json:"net"`
}

// Overview is the answer of /api/overview.
type Overview struct {
	Stats  store.Stats   `json:"stats"`
	Volume []VolumePoint `json:"volume"`
	// First and Last are the first and last months with events.
	First string `json:"first"`
	Last  string `json:"last"`
	// TopDyads are the busiest country-level dyads of the last Window
	// before Last (both directions).
	TopDyads []DyadTotal `json:"top_dyads"`
	// TopFrom is the first day counted in TopDyads.
	TopFrom string `json:"top_from"`
}

// countryKey collapses a code as analysis.LevelCountry does.
func countryKey(code string) string {
	if len(code) <= 3 {
		return code
	}
	switch code[:3] {
	case "IGO", "NGO", "IMG", "MNC", "NGM", "UIS":
		if len(code) >= 6 {
			return code[:6]
		}
		return code
	}
	return code[:3]
}

func (s *Server) handleOverview(r *http.Request) (any, error) {
	p := params{r}
	top, err := p.int("top", 10, 1, 100)
	if err != nil {
		return nil, err
	}
	ctx := r.Context()
	st, err := s.st.Stats(ctx)
	if err != nil {
		return nil, err
	}
	// The busiest dyads are counted from the events themselves; on a big
	// store a year is too much to read for a landing page.
	def := 365 * 24 * time.Hour
	if st.Events > 200_000 {
		def = 90 * 24 * time.Hour
	}
	window, err := p.duration("window", def)
	if err != nil {
		return nil, err
	}
	counts, err := s.st.DyadCounts(ctx, store.CountQuery{By: "month"})
	if err != nil {
		return nil, err
	}
	out := Overview{Stats: st, Volume: []VolumePoint{}, TopDyads: []DyadTotal{}}
	for _, c := range counts {
		out.Volume = append(out.Volume, VolumePoint{Period: c.Period.Format("2006-01"), Quad: c.Events, Total: c.Total})
	}
	if len(counts) == 0 {
		return out, nil
	}
	out.First, out.Last = out.Volume[0].Period, out.Volume[len(out.Volume)-1].Period
	end := counts[len(counts)-1].Period.AddDate(0, 1, 0)
	from := end.Add(-window)
	from = time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
	out.TopFrom = from.Format("2006-01-02")
	obs, err := s.src.Observations(ctx, analysis.Selection{From: from, To: end, NoContexts: true})
	if err != nil {
		return nil, err
	}
	type key struct{ a, b string }
	m := map[key]*DyadTotal{}
	for _, o := range obs {
		if o.Quad < 1 || o.Quad > 4 {
			continue
		}
		x, y := countryKey(o.Source), countryKey(o.Target)
		if x == y || x == "" || y == "" {
			continue
		}
		if y < x {
			x, y = y, x
		}
		d := m[key{x, y}]
		if d == nil {
			d = &DyadTotal{A: x, B: y}
			m[key{x, y}] = d
		}
		d.Events++
		if o.Quad <= 2 {
			d.Coop++
		} else {
			d.Conflict++
		}
	}
	for _, d := range m {
		d.Net = analysis.NetCoopOf(d.Coop, d.Events)
		out.TopDyads = append(out.TopDyads, *d)
	}
	sort.Slice(out.TopDyads, func(i, j int) bool {
		x, y := out.TopDyads[i], out.TopDyads[j]
		if x.Events != y.Events {
			return x.Events > y.Events
		}
		return x.A+x.B < y.A+y.B
	})
	if len(out.TopDyads) > top {
		out.TopDyads = out.TopDyads[:top]
	}
	return out, nil
}

// Place is a place with the events that happened there.
type Place struct {
	Name     string   `json:"name"`
	Country  string   `json:"country"`
	Lat      *float64 `json:"lat"`
	Lon      *float64 `json:"lon"`
	Events   int      `json:"events"`
	Coop     int      `json:"coop"`
	Conflict int      `json:"conflict"`
	Evidence []string `json:"evidence"`
}

// Places is the answer of /api/places.
type Places struct {
	Places []Place `json:"places"`
	// Scanned counts the events read; Truncated says the scan stopped at
	// the limit (the newest events are read first).
	Scanned   int  `json:"scanned"`
	Truncated bool `json:"truncated"`
	// WithPlace counts the scanned events with a place, WithCoords those
	// whose place has coordinates, WithoutPlace those without a place.
	WithPlace    int `json:"with_place"`
	WithCoords   int `json:"with_coords"`
	WithoutPlace int `json:"without_place"`
}

func (s *Server) handlePlaces(r *http.Request) (any, error) {
	p := params{r}
	f, err := eventFilter(p)
	if err != nil {
		return nil, err
	}
	scan, err := p.int("scan", 20000, 1, 200000)
	if err != nil {
		return nil, err
	}
	f.Order, f.Offset = store.OrderDateDesc, 0
	f.Limit = min(scan, 5000)
	out := Places{Places: []Place{}}
	idx := map[string]int{}
	for out.Scanned < scan {
		evs, err := s.st.Events(r.Context(), f)
		if err != nil {
			return nil, err
		}
		for i := range evs {
			if out.Scanned >= scan {
				out.Truncated = true
				break
			}
			out.Scanned++
			ev := &evs[i]
			pl := ev.Place
			if pl == nil || (pl.Name == "" && pl.Country == "") {
				out.WithoutPlace++
				continue
			}
			out.WithPlace++
			has := pl.Lat != 0 || pl.Lon != 0
			if has {
				out.WithCoords++
			}
			k := pl.Name + "\x00" + pl.Country
			j, ok := idx[k]
			if !ok {
				j = len(out.Places)
				idx[k] = j
				np := Place{Name: pl.Name, Country: pl.Country, Evidence: []string{}}
				if has {
					lat, lon := pl.Lat, pl.Lon
					np.Lat, np.Lon = &lat, &lon
				}
				out.Places = append(out.Places, np)
			}
			x := &out.Places[j]
			x.Events++
			if ev.Quad == 1 || ev.Quad == 2 {
				x.Coop++
			} else if ev.Quad >= 3 {
				x.Conflict++
			}
			if len(x.Evidence) < 5 {
				x.Evidence = append(x.Evidence, ev.ID)
			}
		}
		if len(evs) < f.Limit {
			break
		}
		if out.Scanned >= scan {
			out.Truncated = true
			break
		}
		f.Offset += len(evs)
	}
	sort.SliceStable(out.Places, func(i, j int) bool { return out.Places[i].Events > out.Places[j].Events })
	return out, nil
}

// errNoCoder answers coding requests when the server has no coder.
var errNoCoder = &APIError{ErrUnavailable, errors.New("this server has no coder")}
