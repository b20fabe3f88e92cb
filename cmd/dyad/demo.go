package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/ingest"
	"github.com/dyad-events/dyad/server"
	"github.com/dyad-events/dyad/server/demo"
	"github.com/dyad-events/dyad/store/sqlite"
)

const demoUsage = `Usage: dyad demo [flags]

Ingests the sample corpus embedded in the binary (113 stories, 2020-2026,
from examples/news) into a fresh store - a temporary one unless --db is
given - then serves the API and the dashboard (as "dyad serve") and
prints what to look at. Ctrl-C stops it; the temporary store is removed.

Examples:
  dyad demo
  dyad demo --addr 127.0.0.1:9000 --db demo.db`

func init() {
	register(&command{name: "demo", summary: "ingest the sample stories and open the dashboard", usage: demoUsage, run: runDemo})
}

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "demo", demoUsage)
	db := fs.String("db", "", "keep the demo store in SQLite file `PATH` (default: a temporary file)")
	noServe := fs.Bool("no-serve", false, "ingest and exit without serving")
	var sf serveFlags
	sf.register(fs)
	sf.df.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	cfg, err := sf.config(e)
	if err != nil {
		return err
	}
	path := *db
	if path == "" {
		dir, err := os.MkdirTemp("", "dyad-demo-")
		if err != nil {
			return fmt.Errorf("temporary store: %w", err)
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "demo.db")
	}
	st, err := sqlite.Open(path)
	if err != nil {
		return fmt.Errorf("store %s: %w", path, err)
	}
	defer st.Close()
	cod, err := cfg.Coder()
	if err != nil {
		return err
	}
	total, err := demo.Count()
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "dyad demo: coding %d sample stories into %s ...\n", total, path)
	t0 := time.Now()
	sum, err := ingest.Run(ctx, st, ingestCoder{cod}, demo.Reader(), ingest.RunOptions{Total: total})
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	fmt.Fprintf(e.stdout, "dyad demo: %d new documents (%d already stored, %d failed), %d events coded, %d new events in %s\n",
		sum.New, sum.Duplicate, sum.Failed, sum.Events, sum.NewEvents, time.Since(t0).Round(time.Millisecond))
	for _, f := range sum.Failures {
		fmt.Fprintf(e.stderr, "failed: %s: %s\n", f.Pos, f.Reason)
	}
	if *noServe {
		return nil
	}
	srv, err := server.New(st, cfg)
	if err != nil {
		return err
	}
	return srv.ListenAndServe(ctx, sf.grace, func(addr string) {
		u := "http://" + addr + "/"
		fmt.Fprintf(e.stdout, `
dyad demo is running at %s   (Ctrl-C to stop)

What to click:
  1. Overview            %s#/           volume per month and the busiest dyads
  2. A dyad              %s#/dyad?a=CHN&b=AFG
                         net cooperation China-Afghanistan with its 95%% band and
                         change points; click a point to list the sentences behind it
  3. An event            click any evidence sentence: source, verb and target marked,
                         the dictionary pattern that fired, the date and its precision
  4. Blocs               %s#/blocs      who cooperates with whom, and polarity over time
  5. Map                 %s#/map        events by place (and how many have none yet)
  6. Actor               %s#/actor?a=RUS
  7. Code text           %s#/code       paste a news paragraph and see it coded

API: %sapi/openapi.json   metrics: %smetrics
`, u, u, u, u, u, u, u, u, u)
	})
}

// ingestCoder makes a server.Coder an ingest.Coder.
type ingestCoder struct{ c server.Coder }

// Code codes doc and returns its events and sentence count.
func (a ingestCoder) Code(doc *dyad.Document) ([]dyad.Event, int, error) {
	res, err := a.c.CodeDocument(doc)
	if err != nil {
		return nil, 0, err
	}
	return res.Events, res.Stats.Sentences, nil
}
