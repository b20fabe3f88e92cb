package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/dyad-events/dyad/analysis"
)

const blocsUsage = `Usage: dyad blocs [flags]

Finds blocs - groups of actors that cooperate among themselves and clash
with others - by maximising signed modularity on the network of the most
active actors, per window, and reports polarity: the effective number of
blocs and the share of conflict between the two largest.

Examples:
  dyad blocs
  dyad blocs --window 1y --from 2020 --to 2025
  dyad blocs --window 6m --level code --json | jq '.windows[].effective_blocs'`

func init() {
	register(&command{name: "blocs", summary: "blocs of actors and polarity over time", usage: blocsUsage + "\n\n" + dbUsage, run: runBlocs})
}

func runBlocs(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "blocs", blocsUsage+"\n\n"+dbUsage)
	var af analysisFlags
	af.register(fs)
	af.registerLevel(fs)
	window := fs.String("window", "", "window `LENGTH` (90d, 6m, 1y); default one window over everything")
	step := fs.String("step", "", "`DISTANCE` between window starts (default: the window)")
	maxActors := fs.Int("max-actors", 50, "most active actors kept per window")
	minEvents := fs.Int("min-events", 5, "events an actor needs in a window")
	weight := fs.String("weight", "count", "edge `WEIGHT`: count or goldstein")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	o := analysis.BlocsOptions{MaxActors: *maxActors, MinEvents: *minEvents, Weight: analysis.EdgeWeight(*weight), Evidence: af.evidence}
	if *weight != "count" && *weight != "goldstein" {
		return usagef("--weight must be count or goldstein, not %q", *weight)
	}
	if o.From, o.To, err = af.dates(); err != nil {
		return err
	}
	if o.Window, err = parseWindow("window", *window); err != nil {
		return err
	}
	if o.Step, err = parseWindow("step", *step); err != nil {
		return err
	}
	if o.Level, err = af.lvl(); err != nil {
		return err
	}
	st, src, err := af.source(e)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := analysis.Blocs(ctx, src, o)
	if err != nil {
		return err
	}
	if af.asJSON {
		return writeJSON(e.stdout, res)
	}
	for _, w := range res.Windows {
		fmt.Fprintf(e.stdout, "%s – %s: %d actors, %d events, %d blocs, effective number %.2f, top-2 conflict share %s, modularity %.3f\n",
			w.From, w.To, w.Actors, w.Events, len(w.Blocs), w.EffectiveBlocs, fmtOpt(w.Top2ConflictShare, "%.2f"), w.Modularity)
		for _, b := range w.Blocs {
			fmt.Fprintf(e.stdout, "  %d. %-8s share %3.0f%%  cohesion %s  %s\n", b.ID, b.Label, 100*b.Share, fmtOpt(b.Cohesion, "%.2f"), strings.Join(b.Members, " "))
		}
	}
	return nil
}
