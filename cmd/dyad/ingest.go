package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/coder"
	"github.com/dyad-events/dyad/ingest"
	"github.com/dyad-events/dyad/nlp"
)

const ingestUsage = `Usage: dyad ingest [flags] PATH|-|FILE.export.CSV[.zip] ...

Reads news documents, codes them into events on all cores and keeps both
in the store (see --db), so that "dyad events", "dyad relations" and the
dashboard can query them. Each PATH is a file or a directory (walked
recursively; hidden files are skipped); "-" reads standard input:
  *.txt, *.md, no extension   one plain-text document per file
  *.html, *.htm               one web page per file; its main text is kept
                              (navigation, ads and comments dropped)
  *.jsonl, *.ndjson           one document per line:
                              {"id","url","title","date","source","text"}
  *.export.CSV[.zip]          GDELT 2.0 event export (61 columns): rows are
                              stored as events, SOURCEURL as their document

Documents are stored once: a document with the same id, the same text
(ignoring case and white space) or the same URL as a stored one is a
duplicate and is neither coded nor stored again, so re-running an ingest
only adds what is new. Documents are stored in transactions of --batch
documents; a document is stored with all its events or not at all.

Publication date of a document: its metadata (JSON "date", HTML meta
tags), else a dateline such as "KABUL, March 3 (Reuters) -" (year from
--date or the file time), else --date, else the file's modification time.
Each event's date is read from its sentence relative to that date ("on
March 17", "last week", "yesterday", "in 2020") with a precision of day,
month or year.

Progress goes to standard error: a bar on a terminal, a line every few
seconds otherwise. The summary goes to standard output (--json for JSON).
Exit status 3 when some inputs failed (they are listed), 1 when all did.

Examples:
  dyad ingest examples/news/
  dyad ingest --date 2022-03-28 --source reuters story.txt
  dyad --db /tmp/test.db ingest corpus.jsonl
  curl -s https://example.org/a.html | dyad ingest --source example -
  dyad ingest 20240101000000.export.CSV.zip      # GDELT 2.0 export
  dyad ingest --json archive/ > summary.json
  dyad ingest --queue nats://127.0.0.1:4222 archive/   # coded by "dyad worker"

With --queue nats://HOST:4222 the documents are read the same way but
published to the NATS JetStream queue instead (see "dyad worker -h"),
each with its content hash as message id: publishing the same input again
within the hour adds nothing, and the workers' store skips what it holds
anyway. --db, --workers, --batch, --recode and the dictionary flags do not
apply then; the workers have their own.`

func init() {
	register(&command{name: "ingest", summary: "read, code and store documents (text, HTML, JSON Lines, GDELT)", usage: ingestUsage + "\n\n" + dbUsage, run: runIngest})
}

// coderAdapter makes *coder.Coder an ingest.Coder.
type coderAdapter struct{ c *coder.Coder }

func (a coderAdapter) Code(doc *dyad.Document) ([]dyad.Event, int, error) {
	res, err := a.c.CodeDocument(doc)
	if err != nil {
		return nil, 0, err
	}
	return res.Events, res.Stats.Sentences, nil
}

func runIngest(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "ingest", ingestUsage+"\n\n"+dbUsage)
	db := addDBFlag(fs)
	var df dictFlags
	df.register(fs)
	date := fs.String("date", "", "fallback publication date `YYYY-MM-DD` for documents without one")
	source := fs.String("source", "", "source `NAME` for documents without one (e.g. reuters)")
	workers := fs.Int("workers", 0, "coding goroutines (default: all cores)")
	batch := fs.Int("batch", 64, "documents per store transaction")
	progress := fs.String("progress", "auto", "progress on stderr: auto (bar on a terminal, lines otherwise), bar, lines or none")
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	noSkip := fs.Bool("recode", false, "code documents before checking whether they are stored (slower; duplicates are still not stored)")
	queueAddr := fs.String("queue", "", "publish the documents to the NATS `URL` for \"dyad worker\" instead of coding and storing them here")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("no input: give files, directories, GDELT exports or - for standard input")
	}
	var opts ingest.Options
	opts.Source = *source
	if *date != "" {
		d, err := time.Parse("2006-01-02", *date)
		if err != nil {
			return usagef("--date %q: want YYYY-MM-DD", *date)
		}
		opts.Date = d
	}
	switch *progress {
	case "auto", "bar", "lines", "none":
	default:
		return usagef("--progress must be auto, bar, lines or none, not %q", *progress)
	}
	if *batch < 1 {
		return usagef("--batch must be at least 1")
	}
	if *queueAddr != "" {
		return runIngestQueue(ctx, e, *queueAddr, fs.Args(), opts, *progress, *asJSON)
	}
	st, err := openStoreEnv(*db, e.getenv)
	if err != nil {
		return err
	}
	defer st.Close()

	inputs := fs.Args()
	// The coder is loaded only when some input needs coding.
	var cod ingest.Coder = ingest.CoderFunc(func(*dyad.Document) ([]dyad.Event, int, error) {
		return nil, 0, errors.New("no coder")
	})
	needCoder := false
	for _, in := range inputs {
		if ingest.KindOf(in) != ingest.KindGDELT {
			needCoder = true
		}
	}
	if needCoder {
		var err error
		if cod, err = loadCoder(&df); err != nil {
			return err
		}
	}
	total := ingest.Count(inputs)
	pr := newProgressPrinter(e.stderr, *progress, total)
	sum, runErr := ingest.Run(ctx, st, cod, ingest.Paths(inputs, e.stdin, opts), ingest.RunOptions{
		Workers: *workers, BatchSize: *batch, Total: total, Progress: pr.update, NoSkipKnown: *noSkip,
	})
	pr.finish()
	if sum != nil {
		if *asJSON {
			enc := json.NewEncoder(e.stdout)
			enc.SetIndent("", "  ")
			if err := enc.Encode(sum); err != nil {
				return err
			}
		} else {
			writeIngestSummary(e.stdout, sum)
		}
		printFailures(e.stderr, sum.Failures)
	}
	if runErr != nil {
		return runErr
	}
	if sum.Failed > 0 {
		if sum.Failed == sum.Done {
			return fmt.Errorf("all %d inputs failed", sum.Failed)
		}
		return &partialError{fmt.Sprintf("%d of %d inputs failed", sum.Failed, sum.Done)}
	}
	return nil
}

func writeIngestSummary(w io.Writer, s *ingest.Summary) {
	fmt.Fprintf(w, "documents: %d new, %d duplicate, %d failed", s.New, s.Duplicate, s.Failed)
	if s.Merged > 0 {
		fmt.Fprintf(w, ", %d GDELT rows joined stored articles", s.Merged)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "events:    %d coded, %d mentions stored, %d new events\n", s.Events, s.Mentions, s.NewEvents)
	fmt.Fprintf(w, "time:      %s, %.0f sentences/s, %.1f documents/s, %d transactions\n",
		s.Elapsed.Round(time.Millisecond), s.SentencesPerSec, s.ItemsPerSec, s.Batches)
	reasons := map[string]int{}
	for _, d := range s.Duplicates {
		r := d.Reason
		if i := strings.Index(r, " as "); i >= 0 {
			r = r[:i]
		}
		reasons[r]++
	}
	if len(reasons) > 0 {
		var parts []string
		for _, r := range []string{"same id", "same content", "same url"} {
			if reasons[r] > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", reasons[r], r))
			}
		}
		fmt.Fprintf(w, "duplicates: %s\n", strings.Join(parts, ", "))
	}
}

// progressPrinter shows ingest progress on a terminal bar or as lines.
type progressPrinter struct {
	w     io.Writer
	mode  string
	bar   *progressbar.ProgressBar
	last  time.Time
	total int
}

func newProgressPrinter(w io.Writer, mode string, total int) *progressPrinter {
	p := &progressPrinter{w: w, mode: progressMode(w, mode), total: total}
	if p.mode == "bar" {
		p.bar = docsBar(w, "ingest", total, progressbar.OptionSetPredictTime(true))
	}
	return p
}

// loadCoder loads the dictionaries named by df and the embedded models
// into a coder with the default options, as ingest, watch and worker use.
func loadCoder(df *dictFlags) (ingest.Coder, error) {
	dict, err := df.load()
	if err != nil {
		return nil, err
	}
	pipe, err := nlp.Default()
	if err != nil {
		return nil, err
	}
	return coderAdapter{coder.New(dict, pipe, coder.DefaultOptions())}, nil
}

// printFailures lists the inputs that failed, one line each, naming the
// position unless the reason already starts with it.
func printFailures(w io.Writer, fs []ingest.Failure) {
	for _, f := range fs {
		if strings.HasPrefix(f.Reason, f.Pos) {
			fmt.Fprintf(w, "failed: %s\n", f.Reason)
		} else {
			fmt.Fprintf(w, "failed: %s: %s\n", f.Pos, f.Reason)
		}
	}
}

// progressMode resolves --progress auto: a bar on a terminal, lines
// otherwise.
func progressMode(w io.Writer, mode string) string {
	if mode != "auto" {
		return mode
	}
	if isTTY(w) {
		return "bar"
	}
	return "lines"
}

// docsBar is the progress bar of commands that count documents; a total
// of 0 or less means unknown.
func docsBar(w io.Writer, desc string, total int, extra ...progressbar.Option) *progressbar.ProgressBar {
	max := int64(total)
	if max <= 0 {
		max = -1
	}
	opts := append([]progressbar.Option{progressbar.OptionSetWriter(w), progressbar.OptionSetDescription(desc),
		progressbar.OptionShowCount(), progressbar.OptionSetItsString("docs"), progressbar.OptionShowIts(),
		progressbar.OptionThrottle(200 * time.Millisecond), progressbar.OptionSetWidth(30)}, extra...)
	return progressbar.NewOptions64(max, opts...)
}

func (p *progressPrinter) update(pg ingest.Progress) {
	switch p.mode {
	case "bar":
		p.bar.Describe(fmt.Sprintf("ingest %d new %d dup %d failed, %d events, %.0f sent/s", pg.New, pg.Duplicate, pg.Failed, pg.Events, pg.SentencesPerSec))
		p.bar.Set(pg.Done)
	case "lines":
		if time.Since(p.last) < 2*time.Second && (pg.Total == 0 || pg.Done < pg.Total) {
			return
		}
		p.last = time.Now()
		eta := "?"
		if pg.ETA > 0 {
			eta = pg.ETA.Round(time.Second).String()
		}
		tot := "?"
		if pg.Total > 0 {
			tot = fmt.Sprint(pg.Total)
		}
		fmt.Fprintf(p.w, "ingest: %d/%s documents (%d new, %d duplicate, %d failed), %d events, %.0f sentences/s, ETA %s\n",
			pg.Done, tot, pg.New, pg.Duplicate, pg.Failed, pg.Events, pg.SentencesPerSec, eta)
	}
}

func (p *progressPrinter) finish() {
	if p.bar != nil {
		p.bar.Finish()
		fmt.Fprintln(p.w)
	}
}
