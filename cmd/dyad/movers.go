package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/dyad-events/dyad/analysis"
)

const moversUsage = `Usage: dyad movers --since DATE [flags]

Lists the dyads whose net cooperation changed most between the window
before DATE and the window after it (two-proportion z-test with
Benjamini-Hochberg q-values; significant ones first).

Examples:
  dyad movers --since 2022-02-24
  dyad movers --since 2021-08-15 --window 6m --min-events 5 --level code
  dyad movers --since 2022-02-24 --json | jq '.movers[0]'`

func init() {
	register(&command{name: "movers", summary: "dyads whose relation changed after a date", usage: moversUsage + "\n\n" + dbUsage, run: runMovers})
}

func runMovers(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "movers", moversUsage+"\n\n"+dbUsage)
	var af analysisFlags
	fs.StringVar(&af.db, "db", "", "store: SQLite file `PATH` (see below)")
	fs.BoolVar(&af.asJSON, "json", false, "print the result as JSON")
	fs.IntVar(&af.evidence, "evidence", 0, "event ids of evidence per window (0: 10, -1: none)")
	af.registerLevel(fs)
	since := fs.String("since", "", "the `DATE` splitting the windows (YYYY-MM-DD)")
	window := fs.String("window", "1y", "window `LENGTH` before and after (90d, 26w, 6m, 1y)")
	minEvents := fs.Int("min-events", 10, "events a dyad needs in each window")
	alpha := fs.Float64("alpha", 0.05, "false discovery rate")
	top := fs.Int("top", 20, "dyads listed (-1: all)")
	domestic := fs.Bool("domestic", false, "keep same-country dyads at --level code")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if *since == "" {
		return usagef("--since DATE is required")
	}
	o := analysis.MoversOptions{MinEvents: *minEvents, Alpha: *alpha, Top: *top, Domestic: *domestic, Evidence: af.evidence}
	if o.Since, err = parseDateFlag("since", *since, false); err != nil {
		return err
	}
	if o.Window, err = parseWindow("window", *window); err != nil {
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
	res, err := analysis.Movers(ctx, src, o)
	if err != nil {
		return err
	}
	if af.asJSON {
		return writeJSON(e.stdout, res)
	}
	fmt.Fprintf(e.stdout, "before %s – %s – after until %s: %d dyads tested (≥ %d events in each window), %d significant at FDR %.2g\n",
		res.BeforeFrom, res.Since, res.AfterTo, res.Tested, res.MinEvents, res.Significant, res.Alpha)
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "dyad\tbefore\tafter\tchange\tz\tq\t")
	for _, m := range res.Movers {
		mark := ""
		if m.Significant {
			mark = " *"
		}
		fmt.Fprintf(tw, "%s – %s%s\t%s (%d)\t%s (%d)\t%+.2f\t%+.2f\t%.3g\t\n", m.A, m.B, mark, fmtNet(m.Before.Net), m.Before.Events, fmtNet(m.After.Net), m.After.Events, m.Change, m.Z, m.Q)
	}
	return tw.Flush()
}
