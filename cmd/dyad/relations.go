package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/dyad-events/dyad/analysis"
	"github.com/dyad-events/dyad/server"
	"github.com/dyad-events/dyad/store"
)

const relationsUsage = `Usage: dyad relations [flags] A B

Prints the relation between actor sets A and B over time: per period the
events in each quad class, net cooperation (coop - conflict) / total with
its 95% Wilson interval, mean Goldstein, and the share of each side's
activity the dyad takes (docs/analysis.md). An actor set is a code
(CHNGOV), a prefix (CHN*), a country (CHN, meaning CHN*) or a list
(USA,GBR,FRA or west=USA,GBR,FRA).

The table is read from the store's counts (monthly rollups, a covering
index by day and week); --json, or --evidence N, also lists the most
recent event ids of each period, which means reading every event of the
dyad (see "dyad show ID" for one).

Examples:
  dyad relations CHN AFG
  dyad relations --by week --from 2021-06 --to 2021-12 CHN AFGGOVTAL
  dyad relations --json USA,GBR RUS | jq '.periods[] | {period, net}'`

func init() {
	register(&command{name: "relations", summary: "the relation between two actors over time (net cooperation with intervals)", usage: relationsUsage + "\n\n" + dbUsage, run: runRelations})
}

// parseArgs parses flags placed before, between or after the positional
// arguments and returns the positional ones.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// analysisFlags are the flags of the analysis commands.
type analysisFlags struct {
	db, from, to, level string
	asJSON              bool
	evidence            int
}

func (a *analysisFlags) register(fs *flag.FlagSet) {
	a.db = ""
	fs.StringVar(&a.db, "db", "", "store: SQLite file `PATH` (default $DYAD_DB, else $XDG_DATA_HOME/dyad/dyad.db or ~/.local/share/dyad/dyad.db)")
	fs.StringVar(&a.from, "from", "", "first `DATE` (YYYY-MM-DD, YYYY-MM or YYYY)")
	fs.StringVar(&a.to, "to", "", "last `DATE`, inclusive")
	fs.BoolVar(&a.asJSON, "json", false, "print the result as JSON (the API's shape, docs/analysis.md)")
	fs.IntVar(&a.evidence, "evidence", 0, "event ids of evidence per item (0: 10, -1: none)")
}

func (a *analysisFlags) registerLevel(fs *flag.FlagSet) {
	fs.StringVar(&a.level, "level", "country", "group actors by `LEVEL`: country or code")
}

// dates returns [from, to+1 day).
func (a *analysisFlags) dates() (from, to time.Time, err error) {
	if from, err = parseDateFlag("from", a.from, false); err != nil {
		return
	}
	if to, err = parseDateFlag("to", a.to, true); err != nil {
		return
	}
	if !to.IsZero() {
		to = to.AddDate(0, 0, 1)
	}
	return
}

func (a *analysisFlags) lvl() (analysis.Level, error) {
	switch a.level {
	case "", "country":
		return analysis.LevelCountry, nil
	case "code":
		return analysis.LevelCode, nil
	}
	return "", usagef("--level must be country or code, not %q", a.level)
}

// source opens the store and returns it with its analysis source.
func (a *analysisFlags) source(e *env) (store.Store, analysis.Source, error) {
	st, err := openStoreEnv(a.db, e.getenv)
	if err != nil {
		return nil, nil, err
	}
	return st, server.NewSource(st), nil
}

// parseDyadArgs reads the two actor-set arguments A and B of a dyad command.
func parseDyadArgs(pos []string) (a, b analysis.Spec, err error) {
	if len(pos) != 2 {
		return a, b, usagef("want two actor sets A and B, got %d arguments", len(pos))
	}
	if a, err = parseSpecArg(pos[0]); err != nil {
		return a, b, err
	}
	b, err = parseSpecArg(pos[1])
	return a, b, err
}

func parseSpecArg(s string) (analysis.Spec, error) {
	sp, err := analysis.ParseSpec(s, nil)
	if err != nil {
		return sp, usagef("actor %q: %v", s, err)
	}
	return sp, nil
}

// parseWindow reads 90d, 26w, 6m, 1y or a Go duration.
func parseWindow(name, s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	day := 24 * time.Hour
	if n := len(s); n >= 2 {
		if v, err := strconv.ParseFloat(s[:n-1], 64); err == nil && v > 0 {
			switch s[n-1] {
			case 'd':
				return time.Duration(v * float64(day)), nil
			case 'w':
				return time.Duration(v * 7 * float64(day)), nil
			case 'm':
				return time.Duration(v * 30.436875 * float64(day)), nil
			case 'y':
				return time.Duration(v * 365.25 * float64(day)), nil
			}
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, usagef("--%s %q: want a length such as 90d, 26w, 6m or 1y", name, s)
	}
	return d, nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func fmtNet(n *analysis.NetCoop) string {
	if n == nil {
		return "-"
	}
	return fmt.Sprintf("%+.2f [%+.2f, %+.2f]", n.Net, n.Lo, n.Hi)
}

func fmtOpt(p *float64, f string) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprintf(f, *p)
}

func runRelations(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "relations", relationsUsage+"\n\n"+dbUsage)
	var af analysisFlags
	af.register(fs)
	by := fs.String("by", "month", "`PERIOD`: day, week or month")
	directed := fs.Bool("directed", false, "only A → B events (default both directions)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	a, b, err := parseDyadArgs(pos)
	if err != nil {
		return err
	}
	o := analysis.RelationsOptions{By: analysis.Period(*by), Directed: *directed, Evidence: af.evidence}
	if !af.asJSON && !flagSet(fs, "evidence") {
		// The table shows no evidence: without it the store's counts
		// answer (rollups by month, a covering index by day and week)
		// instead of every event of both actor sets.
		o.Evidence = -1
	}
	if o.From, o.To, err = af.dates(); err != nil {
		return err
	}
	st, err := openStoreEnv(af.db, e.getenv)
	if err != nil {
		return err
	}
	defer st.Close()
	src := server.NewSeriesSource(st)
	res, err := analysis.Relations(ctx, src, a, b, o)
	if err != nil {
		return err
	}
	if af.asJSON {
		return writeJSON(e.stdout, res)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(e.stdout, "%s – %s, %s, %s to %s\n", a.Label(), b.Label(), map[bool]string{true: "A → B only", false: "both directions"}[*directed], res.From, res.To)
	fmt.Fprintln(tw, "period\tevents\tv.coop\tm.coop\tv.confl\tm.confl\tnet [95%]\tgoldstein\tshare A\tshare B\t")
	row := func(p analysis.PeriodStats) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t\n", p.Period, p.Total, p.Quad.VerbalCoop, p.Quad.MaterialCoop, p.Quad.VerbalConflict, p.Quad.MaterialConflict,
			fmtNet(p.Net), fmtOpt(p.GoldsteinMean, "%.2f"), fmtOpt(p.ShareA, "%.3f"), fmtOpt(p.ShareB, "%.3f"))
	}
	for _, p := range res.Periods {
		row(p)
	}
	row(res.Overall)
	return tw.Flush()
}

// flagSet reports whether flag name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// joinIDs shortens an evidence list for tables.
func joinIDs(ids []string, n int) string {
	if len(ids) > n {
		return strings.Join(ids[:n], " ") + " …"
	}
	return strings.Join(ids, " ")
}
