package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/dyad-events/dyad/store"
)

const docsUsage = `Usage: dyad docs [flags]

Lists stored documents, newest publication date first: date, id, number
of event mentions, source and title. "dyad events --doc ID" lists the
events of one document.

Examples:
  dyad docs
  dyad docs --source reuters --from 2022-03 --limit 20
  dyad docs --text ukraine --json`

func init() {
	register(&command{name: "docs", summary: "list stored documents", usage: docsUsage + "\n\n" + dbUsage, run: runDocs})
}

func runDocs(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "docs", docsUsage+"\n\n"+dbUsage)
	db := addDBFlag(fs)
	var f store.DocFilter
	fs.StringVar(&f.Source, "source", "", "only documents from source `NAME`")
	fs.StringVar(&f.Text, "text", "", "only documents whose title, URL or id contains `TEXT`")
	from := fs.String("from", "", "first publication `DATE` (YYYY-MM-DD, YYYY-MM or YYYY)")
	to := fs.String("to", "", "last publication `DATE` (inclusive)")
	fs.IntVar(&f.Limit, "limit", 50, "at most `N` documents")
	fs.IntVar(&f.Offset, "offset", 0, "skip the first `N` documents")
	asJSON := fs.Bool("json", false, "write JSON Lines instead of a table")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if f.Limit < 1 {
		return usagef("--limit must be at least 1")
	}
	var err error
	if f.From, err = parseDateFlag("from", *from, false); err != nil {
		return err
	}
	if f.To, err = parseDateFlag("to", *to, true); err != nil {
		return err
	}
	if !f.To.IsZero() {
		f.To = f.To.AddDate(0, 0, 1).Add(-1)
	}
	st, err := openStoreEnv(*db, e.getenv)
	if err != nil {
		return err
	}
	defer st.Close()
	docs, err := st.Documents(ctx, f)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		for _, d := range docs {
			if err := enc.Encode(d); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tID\tMENTIONS\tSOURCE\tTITLE")
	for _, d := range docs {
		date := "-"
		if !d.Date.IsZero() {
			date = d.Date.Format("2006-01-02")
		}
		title := d.Title
		if len([]rune(title)) > 60 {
			title = string([]rune(title)[:57]) + "..."
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\n", date, d.ID, d.Mentions, orDash(d.Source), title)
	}
	return tw.Flush()
}
