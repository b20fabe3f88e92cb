package main

import (
	"context"
	"fmt"

	"github.com/dyad-events/dyad/analysis"
)

const trendUsage = `Usage: dyad trend [flags] A B

Tests whether the relation between A and B is changing: Theil-Sen slope of
net cooperation with Sen's interval, the Mann-Kendall test, PELT change
points, and a one-line verdict ("drawing closer since 2021-08 …").
Periods with fewer than --min-events events are left out.

Examples:
  dyad trend CHN AFG
  dyad trend --by week --min-events 3 CHN AFGGOVTAL
  dyad trend --json USA RUS | jq .verdict`

func init() {
	register(&command{name: "trend", summary: "is a relation changing, and since when (trend test, change points)", usage: trendUsage + "\n\n" + dbUsage, run: runTrend})
}

func runTrend(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "trend", trendUsage+"\n\n"+dbUsage)
	var af analysisFlags
	af.register(fs)
	by := fs.String("by", "month", "`PERIOD`: day, week or month")
	directed := fs.Bool("directed", false, "only A → B events")
	minEvents := fs.Int("min-events", 5, "events a period needs to count")
	alpha := fs.Float64("alpha", 0.05, "significance level")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	a, b, err := parseDyadArgs(pos)
	if err != nil {
		return err
	}
	o := analysis.TrendOptions{RelationsOptions: analysis.RelationsOptions{By: analysis.Period(*by), Directed: *directed, Evidence: af.evidence},
		MinEvents: *minEvents, Alpha: *alpha}
	if o.From, o.To, err = af.dates(); err != nil {
		return err
	}
	st, src, err := af.source(e)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := analysis.Trend(ctx, src, a, b, o)
	if err != nil {
		return err
	}
	if af.asJSON {
		return writeJSON(e.stdout, res)
	}
	fmt.Fprintf(e.stdout, "%s – %s: %s\n", a.Label(), b.Label(), res.Verdict)
	fmt.Fprintf(e.stdout, "  slope %+.3f per year [%+.3f, %+.3f per period], Mann-Kendall S = %d, p = %.3g, tau = %.2f; %d periods, %d events\n",
		res.SlopePerYear, res.SlopeLo, res.SlopeHi, res.MannKendall.S, res.MannKendall.P, res.MannKendall.Tau, res.Periods, res.Events)
	for _, cp := range res.ChangePoints {
		fmt.Fprintf(e.stdout, "  change in %s: %+.2f → %+.2f (shift %+.2f; %d events before, %d after) evidence: %s\n",
			cp.Period, cp.Before, cp.After, cp.Shift, cp.EventsBefore, cp.EventsAfter, joinIDs(cp.Evidence, 3))
	}
	return nil
}
