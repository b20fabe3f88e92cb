package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/dyad-events/dyad/analysis"
)

const actorUsage = `Usage: dyad actor [flags] A

Profiles actor set A: its events by quad class and net cooperation, its
partners (most cooperative events) and adversaries (most conflictual), its
CAMEO roots and PLOVER contexts, and its most cited events.

Examples:
  dyad actor RUS
  dyad actor --level code --from 2022 CHNGOV
  dyad actor --json IGOUNO | jq .partners`

func init() {
	register(&command{name: "actor", summary: "an actor's profile: partners, adversaries, event mix", usage: actorUsage + "\n\n" + dbUsage, run: runActor})
}

func runActor(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "actor", actorUsage+"\n\n"+dbUsage)
	var af analysisFlags
	af.register(fs)
	af.registerLevel(fs)
	top := fs.Int("top", 10, "partners, adversaries and cited events listed")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want one actor set, got %d arguments", len(pos))
	}
	a, err := parseSpecArg(pos[0])
	if err != nil {
		return err
	}
	o := analysis.ActorOptions{Top: *top, Evidence: af.evidence}
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
	p, err := analysis.Actor(ctx, src, a, o)
	if err != nil {
		return err
	}
	if af.asJSON {
		return writeJSON(e.stdout, p)
	}
	fmt.Fprintf(e.stdout, "%s: %d events (verbal coop %d, material coop %d, verbal conflict %d, material conflict %d), net cooperation %s\n",
		a.Label(), p.Events, p.Quad.VerbalCoop, p.Quad.MaterialCoop, p.Quad.VerbalConflict, p.Quad.MaterialConflict, fmtNet(p.Net))
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "\twith\tevents\tcoop\tconflict\tnet\t")
	for _, l := range []struct {
		name string
		cs   []analysis.Counterpart
	}{{"partner", p.Partners}, {"adversary", p.Adversaries}} {
		for _, c := range l.cs {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%s\t\n", l.name, c.Actor, c.Events, c.Coop, c.Conflict, fmtNet(c.Net))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	var roots []string
	for _, r := range p.Roots {
		roots = append(roots, fmt.Sprintf("%s %.0f%%", r.Key, 100*r.Share))
	}
	fmt.Fprintf(e.stdout, "CAMEO roots: %s\n", strings.Join(roots, ", "))
	var ctxs []string
	for _, c := range p.Contexts {
		ctxs = append(ctxs, fmt.Sprintf("%s %.0f%%", c.Key, 100*c.Share))
	}
	if len(ctxs) > 0 {
		fmt.Fprintf(e.stdout, "PLOVER contexts: %s\n", strings.Join(ctxs, ", "))
	}
	fmt.Fprintf(e.stdout, "most cited: %s\n", joinIDs(p.MostCited, *top))
	return nil
}
