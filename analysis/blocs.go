package analysis

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/dyad-events/dyad"
)

// EdgeWeight chooses the signed weight of a dyad in the bloc network.
type EdgeWeight string

// Edge weights.
const (
	// WeightCount is (cooperative − conflictual events); the default.
	WeightCount EdgeWeight = "count"
	// WeightGoldstein is the sum of the dyad's Goldstein values.
	WeightGoldstein EdgeWeight = "goldstein"
)

// BlocsOptions configures Blocs.
type BlocsOptions struct {
	// From and To bound the analysis ([From, To)); zero bounds follow the
	// data.
	From, To time.Time
	// Window is each window's length and Step the distance between window
	// starts (default Window). A zero Window gives one window.
	Window, Step time.Duration
	// MaxActors keeps the most active actors per window (default 50).
	MaxActors int
	// MinEvents is the number of events an actor needs in a window to
	// enter its network (default 5).
	MinEvents int
	Level     Level      // default LevelCountry
	Weight    EdgeWeight // default WeightCount
	// Seed and Restarts drive the signed Louvain search (defaults 1 and 4);
	// the partition of highest modularity is kept.
	Seed     uint64
	Restarts int
	Evidence int // ids per bloc and window (default DefaultEvidence)
}

// Bloc is one group of actors that cooperate among themselves.
type Bloc struct {
	ID      int      `json:"id"`    // 1 = most active
	Label   string   `json:"label"` // its most active member
	Members []string `json:"members"`
	// Activity counts the events of its members within the network (an
	// event between two members counts twice); Share is Activity over all
	// members' activity.
	Activity int     `json:"activity"`
	Share    float64 `json:"share"`
	// Cohesion is the within-bloc positive share: cooperative events over
	// all events between members (null for a bloc without inner events).
	Cohesion       *float64 `json:"cohesion"`
	InnerEvents    int      `json:"inner_events"`
	InnerConflicts int      `json:"inner_conflicts"`
	Evidence       []string `json:"evidence"`
}

// BlocWindow is the bloc structure of one window.
type BlocWindow struct {
	From   string `json:"from"`
	To     string `json:"to"` // exclusive
	Actors int    `json:"actors"`
	Events int    `json:"events"` // events between retained actors
	// Modularity is the signed modularity (Gómez et al. 2009) of the
	// partition.
	Modularity float64 `json:"modularity"`
	Blocs      []Bloc  `json:"blocs"`
	// EffectiveBlocs is the inverse Simpson index 1/Σ share² over bloc
	// activity shares (Laakso & Taagepera 1979).
	EffectiveBlocs float64 `json:"effective_blocs"`
	// Top2ConflictShare is the share of conflict events that run between
	// the two largest blocs (null without conflict or with one bloc).
	Top2ConflictShare *float64 `json:"top2_conflict_share"`
	// Evidence lists conflict events between the two largest blocs.
	Evidence []string `json:"evidence"`
}

// BlocsResult is the bloc structure over time.
type BlocsResult struct {
	Level   Level        `json:"level"`
	Weight  EdgeWeight   `json:"weight"`
	Windows []BlocWindow `json:"windows"`
}

// Blocs finds blocs per window in the signed, weighted, undirected network
// of the most active actors (cooperation positive, conflict negative) by
// maximising signed modularity with a seeded Louvain search, and reports
// each bloc's members and cohesion and each window's polarity. Windows with
// fewer than 3 actors are skipped; if every window is, Blocs returns a
// NotEnoughDataError.
func Blocs(ctx context.Context, src Source, opts BlocsOptions) (*BlocsResult, error) {
	if err := opts.Level.valid(); err != nil {
		return nil, err
	}
	if opts.Level == "" {
		opts.Level = LevelCountry
	}
	switch opts.Weight {
	case "":
		opts.Weight = WeightCount
	case WeightCount, WeightGoldstein:
	default:
		return nil, fmt.Errorf("analysis: blocs: unknown weight %q: %w", opts.Weight, dyad.ErrInvalidInput)
	}
	if opts.MaxActors <= 0 {
		opts.MaxActors = 50
	}
	if opts.MinEvents <= 0 {
		opts.MinEvents = 5
	}
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	if opts.Restarts <= 0 {
		opts.Restarts = 4
	}
	if opts.Window < 0 || opts.Step < 0 {
		return nil, fmt.Errorf("analysis: blocs: negative window or step: %w", dyad.ErrInvalidInput)
	}
	obs, err := src.Observations(ctx, Selection{From: opts.From, To: opts.To, NoContexts: true})
	if err != nil {
		return nil, fmt.Errorf("analysis: blocs: %w", err)
	}
	from, to := opts.From, opts.To
	if from.IsZero() || to.IsZero() {
		var lo, hi time.Time
		for i := range obs {
			d := obs[i].Date
			if lo.IsZero() || d.Before(lo) {
				lo = d
			}
			if d.After(hi) {
				hi = d
			}
		}
		if from.IsZero() {
			from = lo
		}
		if to.IsZero() {
			to = Day.start(hi).AddDate(0, 0, 1) // the day after the last event
		}
	}
	if len(obs) == 0 || !from.Before(to) {
		return nil, notEnough("blocs", "events", len(obs), 1)
	}
	// Windows, and the observations of each, by date order.
	byDate := func(i, j int) bool { return obs[i].Date.Before(obs[j].Date) }
	if !sort.SliceIsSorted(obs, byDate) {
		obs = append([]Obs(nil), obs...) // the source's slice is read-only
		sort.SliceStable(obs, byDate)
	}
	type win struct{ from, to time.Time }
	var wins []win
	if opts.Window == 0 {
		wins = []win{{from, to}}
	} else {
		step := opts.Step
		if step == 0 {
			step = opts.Window
		}
		for s := from; s.Before(to); s = s.Add(step) {
			e := s.Add(opts.Window)
			if e.After(to) {
				e = to
			}
			wins = append(wins, win{s, e})
			if !e.Before(to) {
				break
			}
		}
	}
	in := newInterner(opts.Level)
	sid := make([]int32, len(obs))
	tid := make([]int32, len(obs))
	for i := range obs {
		o := &obs[i]
		sid[i], tid[i] = -1, -1
		if !validQuad(o.Quad) || o.Source == "" || o.Target == "" {
			continue
		}
		a, b := in.id(o.Source), in.id(o.Target)
		if a != b {
			sid[i], tid[i] = a, b
		}
	}
	res := &BlocsResult{Level: opts.Level, Weight: opts.Weight, Windows: []BlocWindow{}}
	maxActors := 0
	for _, w := range wins {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("analysis: blocs: %w", err)
		}
		lo := sort.Search(len(obs), func(i int) bool { return !obs[i].Date.Before(w.from) })
		hi := sort.Search(len(obs), func(i int) bool { return !obs[i].Date.Before(w.to) })
		bw, n := blocWindow(obs[lo:hi], sid[lo:hi], tid[lo:hi], in.names, opts)
		if n > maxActors {
			maxActors = n
		}
		if bw == nil {
			continue
		}
		bw.From, bw.To = w.from.Format(time.DateOnly), w.to.Format(time.DateOnly)
		res.Windows = append(res.Windows, *bw)
	}
	if len(res.Windows) == 0 {
		return nil, notEnough(fmt.Sprintf("blocs: actors with ≥ %d events", opts.MinEvents), "actors", maxActors, 3)
	}
	return res, nil
}

// blocWindow analyses one window; sid and tid are the interned actor ids of
// obs (−1 when unusable). It returns nil and the number of eligible actors
// when there are fewer than 3.
func blocWindow(obs []Obs, sid, tid []int32, names []string, opts BlocsOptions) (*BlocWindow, int) {
	act := make([]int, len(names))
	for i := range obs {
		if sid[i] >= 0 {
			act[sid[i]]++
			act[tid[i]]++
		}
	}
	var cand []int32
	for a, n := range act {
		if n >= opts.MinEvents {
			cand = append(cand, int32(a))
		}
	}
	sort.Slice(cand, func(i, j int) bool {
		if act[cand[i]] != act[cand[j]] {
			return act[cand[i]] > act[cand[j]]
		}
		return names[cand[i]] < names[cand[j]]
	})
	if len(cand) > opts.MaxActors {
		cand = cand[:opts.MaxActors]
	}
	n := len(cand)
	if n < 3 {
		return nil, n
	}
	actors := make([]string, n)
	local := make([]int32, len(names)) // global id → local index + 1
	idx := make(map[string]int, n)
	for i, g := range cand {
		actors[i] = names[g]
		local[g] = int32(i + 1)
		idx[names[g]] = i
	}
	pos := make([]float64, n*n) // signed weight split in parts
	neg := make([]float64, n*n)
	coop := make([]int, n*n)
	conf := make([]int, n*n)
	type pairObs struct{ i, j, k int }
	kept := make([]pairObs, 0, len(obs))
	for k := range obs {
		if sid[k] < 0 {
			continue
		}
		o := &obs[k]
		i, j := int(local[sid[k]])-1, int(local[tid[k]])-1
		if i < 0 || j < 0 {
			continue
		}
		if i > j {
			i, j = j, i
		}
		kept = append(kept, pairObs{i, j, k})
		w := 1.0
		if opts.Weight == WeightGoldstein {
			w = o.Goldstein
		} else if isConflict(o.Quad) {
			w = -1
		}
		pos[i*n+j] += w // accumulate the signed sum here, split below
		if isCoop(o.Quad) {
			coop[i*n+j]++
		} else {
			conf[i*n+j]++
		}
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			w := pos[i*n+j]
			pos[i*n+j] = 0
			if w > 0 {
				pos[i*n+j], pos[j*n+i] = w, w
			} else if w < 0 {
				neg[i*n+j], neg[j*n+i] = -w, -w
			}
		}
	}
	comm, q := signedLouvain(n, pos, neg, opts.Seed, opts.Restarts)

	// Blocs ordered by activity.
	nb := 0
	for _, c := range comm {
		if c+1 > nb {
			nb = c + 1
		}
	}
	activity := make([]int, nb)
	deg := make([]int, n)
	totalConf := 0
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			e := coop[i*n+j] + conf[i*n+j]
			deg[i] += e
			deg[j] += e
			totalConf += conf[i*n+j]
		}
	}
	totalAct := 0
	for i, c := range comm {
		activity[c] += deg[i]
		totalAct += deg[i]
	}
	order := make([]int, nb)
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(x, y int) bool {
		if activity[order[x]] != activity[order[y]] {
			return activity[order[x]] > activity[order[y]]
		}
		return order[x] < order[y]
	})
	rank := make([]int, nb) // community → bloc index
	for r, c := range order {
		rank[c] = r
	}
	bw := &BlocWindow{Actors: n, Events: len(kept), Modularity: q, Evidence: []string{}}
	nev := evidenceN(opts.Evidence)
	bw.Blocs = make([]Bloc, nb)
	bufs := make([]evBuf, nb)
	for r := range bw.Blocs {
		bw.Blocs[r].ID = r + 1
		bw.Blocs[r].Activity = activity[order[r]]
		if totalAct > 0 {
			bw.Blocs[r].Share = float64(bw.Blocs[r].Activity) / float64(totalAct)
		}
		bufs[r] = newEvBuf(nev)
	}
	for _, a := range actors { // actors are in activity order
		r := rank[comm[idx[a]]]
		bw.Blocs[r].Members = append(bw.Blocs[r].Members, a)
	}
	innerCoop := make([]int, nb)
	top2 := 0
	top2ev := newEvBuf(nev)
	for _, p := range kept {
		ri, rj := rank[comm[p.i]], rank[comm[p.j]]
		o := &obs[p.k]
		switch {
		case ri == rj:
			bw.Blocs[ri].InnerEvents++
			if isCoop(o.Quad) {
				innerCoop[ri]++
				bufs[ri].add(o)
			} else {
				bw.Blocs[ri].InnerConflicts++
			}
		case ri+rj == 1 && isConflict(o.Quad): // blocs 0 and 1
			top2++
			top2ev.add(o)
		}
	}
	var simpson float64
	for r := range bw.Blocs {
		b := &bw.Blocs[r]
		b.Label = b.Members[0]
		if b.InnerEvents > 0 {
			c := float64(innerCoop[r]) / float64(b.InnerEvents)
			b.Cohesion = &c
		}
		b.Evidence = bufs[r].ids()
		simpson += b.Share * b.Share
	}
	if simpson > 0 {
		bw.EffectiveBlocs = 1 / simpson
	}
	if nb >= 2 && totalConf > 0 {
		s := float64(top2) / float64(totalConf)
		bw.Top2ConflictShare = &s
		bw.Evidence = top2ev.ids()
	}
	return bw, n
}

// signedLouvain maximises the signed modularity of Gómez, Jensen & Arenas
// (2009) on a dense symmetric graph given as positive and negative weight
// matrices (n×n, row-major, zero diagonal) by the Louvain method (local
// moves, then aggregation), restarted with node orders drawn from seeded
// generators. It returns community labels 0..k−1 and the modularity.
func signedLouvain(n int, pos, neg []float64, seed uint64, restarts int) ([]int, float64) {
	var best []int
	bestQ := -2.0
	for r := 0; r < restarts; r++ {
		rng := rand.New(rand.NewPCG(seed, uint64(r)+1))
		comm := louvainOnce(n, pos, neg, rng)
		q := signedModularity(n, pos, neg, comm)
		if q > bestQ+1e-12 {
			best, bestQ = comm, q
		}
	}
	return best, bestQ
}

func signedModularity(n int, pos, neg []float64, comm []int) float64 {
	var wp, wn float64
	kp := make([]float64, n)
	kn := make([]float64, n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			kp[i] += pos[i*n+j]
			kn[i] += neg[i*n+j]
		}
		wp += kp[i]
		wn += kn[i]
	}
	if wp+wn == 0 {
		return 0
	}
	var q float64
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if comm[i] != comm[j] {
				continue
			}
			v := pos[i*n+j] - neg[i*n+j]
			if wp > 0 {
				v -= kp[i] * kp[j] / wp
			}
			if wn > 0 {
				v += kn[i] * kn[j] / wn
			}
			q += v
		}
	}
	return q / (wp + wn)
}

// louvainOnce runs one Louvain search and returns dense labels.
func louvainOnce(n0 int, pos0, neg0 []float64, rng *rand.Rand) []int {
	// node → community of the original nodes, refined level by level.
	member := make([]int, n0)
	for i := range member {
		member[i] = i
	}
	n, pos, neg := n0, pos0, neg0
	for {
		comm, moved := localMoves(n, pos, neg, rng)
		k := relabel(comm)
		for i := range member {
			member[i] = comm[member[i]]
		}
		if !moved || k == n {
			break
		}
		// Aggregate: community graph with self loops.
		np := make([]float64, k*k)
		nn := make([]float64, k*k)
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				np[comm[i]*k+comm[j]] += pos[i*n+j]
				nn[comm[i]*k+comm[j]] += neg[i*n+j]
			}
		}
		n, pos, neg = k, np, nn
	}
	relabel(member)
	return member
}

// relabel maps labels to 0..k−1 in order of first appearance and returns k.
func relabel(c []int) int {
	m := map[int]int{}
	for i, v := range c {
		r, ok := m[v]
		if !ok {
			r = len(m)
			m[v] = r
		}
		c[i] = r
	}
	return len(m)
}

// localMoves is Louvain's first phase on a graph that may carry self loops.
func localMoves(n int, pos, neg []float64, rng *rand.Rand) ([]int, bool) {
	kp := make([]float64, n)
	kn := make([]float64, n)
	var wp, wn float64
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			kp[i] += pos[i*n+j]
			kn[i] += neg[i*n+j]
		}
		wp += kp[i]
		wn += kn[i]
	}
	comm := make([]int, n)
	totP := make([]float64, n) // Σ degrees per community
	totN := make([]float64, n)
	for i := range comm {
		comm[i] = i
		totP[i], totN[i] = kp[i], kn[i]
	}
	if wp+wn == 0 {
		return comm, false
	}
	order := rng.Perm(n)
	linkP := make([]float64, n)
	linkN := make([]float64, n)
	touched := make([]int, 0, n)
	moved := false
	for pass := 0; pass < 100; pass++ {
		changed := false
		for _, i := range order {
			ci := comm[i]
			touched = touched[:0]
			for j := 0; j < n; j++ {
				if j == i {
					continue
				}
				if p, q := pos[i*n+j], neg[i*n+j]; p != 0 || q != 0 {
					c := comm[j]
					if linkP[c] == 0 && linkN[c] == 0 {
						touched = append(touched, c)
					}
					linkP[c] += p
					linkN[c] += q
				}
			}
			// Remove i from its community.
			totP[ci] -= kp[i]
			totN[ci] -= kn[i]
			gain := func(c int) float64 {
				g := linkP[c] - linkN[c]
				if wp > 0 {
					g -= kp[i] * totP[c] / wp
				}
				if wn > 0 {
					g += kn[i] * totN[c] / wn
				}
				return g
			}
			best, bestGain := ci, gain(ci)
			for _, c := range touched {
				if g := gain(c); g > bestGain+1e-12 {
					best, bestGain = c, g
				}
			}
			// An empty community of its own (gain 0) is always possible.
			if bestGain < -1e-12 {
				for c := 0; c < n; c++ {
					if totP[c] == 0 && totN[c] == 0 && !occupied(comm, c, i) {
						best, bestGain = c, 0
						break
					}
				}
			}
			totP[best] += kp[i]
			totN[best] += kn[i]
			if best != ci {
				comm[i] = best
				changed, moved = true, true
			}
			for _, c := range touched {
				linkP[c], linkN[c] = 0, 0
			}
			linkP[ci], linkN[ci] = 0, 0
		}
		if !changed {
			break
		}
	}
	return comm, moved
}

func occupied(comm []int, c, except int) bool {
	for j, v := range comm {
		if v == c && j != except {
			return true
		}
	}
	return false
}
