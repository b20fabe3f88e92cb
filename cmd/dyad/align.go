package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/dyad-events/dyad/analysis"
)

const alignUsage = `Usage: dyad align [flags] A [B]

With A and B: how far the two side together - cosine and Pearson
correlation of their net cooperation toward shared third parties, and
co-action (acting toward the same target with the same CAMEO code in the
same week). With A alone: the actors closest to A and most distant from it.

Examples:
  dyad align USA GBR
  dyad align --k 5 CHN
  dyad align --json RUS IRN | jq .cosine`

func init() {
	register(&command{name: "align", summary: "who sides with whom (alignment of two actors, or an actor's closest)", usage: alignUsage + "\n\n" + dbUsage, run: runAlign})
}

func runAlign(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "align", alignUsage+"\n\n"+dbUsage)
	var af analysisFlags
	af.register(fs)
	af.registerLevel(fs)
	k := fs.Int("k", 10, "with A alone: actors per list")
	minEvents := fs.Int("min-events", 3, "events with each side a third party needs")
	minShared := fs.Int("min-shared", 3, "with A alone: shared third parties a candidate needs")
	directed := fs.Bool("directed", false, "only events from each side toward third parties")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 1 || len(pos) > 2 {
		return usagef("want A or A B, got %d arguments", len(pos))
	}
	a, err := parseSpecArg(pos[0])
	if err != nil {
		return err
	}
	o := analysis.AlignOptions{MinEvents: *minEvents, MinShared: *minShared, Directed: *directed, Evidence: af.evidence}
	if o.From, o.To, err = af.dates(); err != nil {
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
	if len(pos) == 1 {
		res, err := analysis.AlignTop(ctx, src, a, *k, o)
		if err != nil {
			return err
		}
		if af.asJSON {
			return writeJSON(e.stdout, res)
		}
		fmt.Fprintf(e.stdout, "%s compared with %d actors (≥ %d shared third parties)\n", a.Label(), res.Compared, res.MinShared)
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "\tactor\tcosine\tpearson\tshared\t")
		for _, l := range []struct {
			name string
			ps   []analysis.AlignPeer
		}{{"closest", res.Closest}, {"distant", res.Distant}} {
			for _, p := range l.ps {
				fmt.Fprintf(tw, "%s\t%s\t%+.2f\t%s\t%d\t\n", l.name, p.Actor, p.Cosine, fmtOpt(p.Pearson, "%+.2f"), p.Shared)
			}
		}
		return tw.Flush()
	}
	b, err := parseSpecArg(pos[1])
	if err != nil {
		return err
	}
	res, err := analysis.Align(ctx, src, a, b, o)
	if err != nil {
		return err
	}
	if af.asJSON {
		return writeJSON(e.stdout, res)
	}
	fmt.Fprintf(e.stdout, "%s and %s: cosine %s, Pearson %s over %d shared third parties; co-action %d shared of %d / %d tuples (Jaccard %s)\n",
		a.Label(), b.Label(), fmtOpt(res.Cosine, "%+.2f"), fmtOpt(res.Pearson, "%+.2f"), res.Shared, res.CoAction.Shared, res.CoAction.TuplesA, res.CoAction.TuplesB, fmtOpt(res.CoAction.Share, "%.3f"))
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "third party\tnet %s\tnet %s\tevents\t\n", a.Label(), b.Label())
	for _, t := range res.ThirdParties {
		fmt.Fprintf(tw, "%s\t%+.2f\t%+.2f\t%d / %d\t\n", t.Actor, t.NetA, t.NetB, t.EventsA, t.EventsB)
	}
	return tw.Flush()
}
