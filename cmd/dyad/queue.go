package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/schollz/progressbar/v3"

	"github.com/dyad-events/dyad/ingest"
	"github.com/dyad-events/dyad/queue"
)

// queueUsage documents the --queue address; commands that take it append
// it to -h.
const queueUsage = `The queue: --queue names NATS servers with JetStream enabled, as
nats://HOST:4222 or a comma-separated list of a cluster's servers
(tls://, ws:// and wss:// work too), with options in a query string at
the end: replicas=3 (copies of each stream, for a 3-node cluster; used
when the streams are created), creds=FILE (NATS credentials), name=NAME
(the connection name). Without --queue, $DYAD_QUEUE is used. Documents go
to the stream DYAD_DOCS (subject dyad.docs, work-queue retention), the
workers share the durable consumer dyad-workers, and documents that
cannot be coded or stored go to DYAD_DEAD (subject dyad.dead).`

const queueStatusUsage = `Usage: dyad queue status [flags]

Shows the state of the document queue: the backlog (documents waiting,
being worked on, delivered more than once), the rates at which documents
are published and drained (measured over --interval), the live workers
with their counts and rates (from their heartbeats, which vanish 30 s
after a worker stops), and the newest dead letters with their reasons.

Exit status 1 when the servers cannot be reached or nothing was ever
published to the queue.

Examples:
  dyad queue status --queue nats://127.0.0.1:4222
  DYAD_QUEUE=nats://q1:4222,nats://q2:4222 dyad queue status --json
  watch -n 5 dyad queue status --interval 0`

func init() {
	registerSub("queue", &command{name: "status", summary: "backlog, rates, workers and dead letters of the document queue",
		usage: queueStatusUsage + "\n\n" + queueUsage, run: runQueueStatus})
}

// addQueueFlag registers --queue with $DYAD_QUEUE as its default.
func addQueueFlag(fs *flag.FlagSet, e *env) *string {
	return fs.String("queue", e.getenv("DYAD_QUEUE"), "NATS `URL`s of the queue (default $DYAD_QUEUE; see above)")
}

// openQueue parses a --queue value and connects. With wait, an
// unreachable server is waited for (workers); without, it is an error.
func openQueue(addr string, logf queue.Logf, wait bool) (*nats.Conn, jetstream.JetStream, queue.Config, error) {
	var cfg queue.Config
	if addr == "" {
		return nil, nil, cfg, usagef("no queue: give --queue nats://HOST:4222 or set $DYAD_QUEUE")
	}
	a, err := queue.ParseAddress(addr)
	if err != nil {
		return nil, nil, cfg, usagef("--queue: %v", err)
	}
	cfg.Replicas = a.Replicas
	nc, err := queue.Connect(a, logf, wait)
	if err != nil {
		return nil, nil, cfg, err
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, nil, cfg, fmt.Errorf("queue: %w", err)
	}
	return nc, js, cfg, nil
}

// stderrLog logs lines to w, each with its UTC time.
func stderrLog(w io.Writer) queue.Logf {
	return func(format string, args ...any) {
		fmt.Fprintf(w, "%s "+format+"\n", append([]any{time.Now().UTC().Format(time.RFC3339)}, args...)...)
	}
}

// runIngestQueue is "dyad ingest --queue": read the inputs and publish
// them instead of coding them.
func runIngestQueue(ctx context.Context, e *env, addr string, inputs []string, opts ingest.Options, progress string, asJSON bool) error {
	nc, js, cfg, err := openQueue(addr, stderrLog(e.stderr), false)
	if err != nil {
		return err
	}
	defer nc.Close()
	total := ingest.Count(inputs)
	pr := newPublishProgress(e.stderr, progress, total)
	sum, runErr := queue.Publish(ctx, js, cfg, ingest.Paths(inputs, e.stdin, opts), queue.PublishOptions{Total: total, Progress: pr.update})
	pr.finish()
	if sum != nil {
		if asJSON {
			enc := json.NewEncoder(e.stdout)
			enc.SetIndent("", "  ")
			if err := enc.Encode(sum); err != nil {
				return err
			}
		} else {
			fmt.Fprintf(e.stdout, "documents: %d published, %d duplicate (already queued), %d failed\n", sum.Published, sum.Duplicate, sum.Failed)
			fmt.Fprintf(e.stdout, "queue:     stream %s (subject %s) holds %d documents for the workers\n", sum.Stream, sum.Subject, sum.Backlog)
			fmt.Fprintf(e.stdout, "time:      %s, %.1f documents/s, %s\n", sum.Elapsed.Round(time.Millisecond), sum.PerSec, byteSize(sum.Bytes))
		}
		printFailures(e.stderr, sum.Failures)
	}
	if runErr != nil {
		if errors.Is(runErr, context.Canceled) {
			return fmt.Errorf("interrupted: %d documents published; publishing again adds only the rest", sum.Published)
		}
		return runErr
	}
	done := sum.Published + sum.Duplicate + sum.Failed
	if sum.Failed > 0 {
		if sum.Failed == done {
			return fmt.Errorf("all %d inputs failed", sum.Failed)
		}
		return &partialError{fmt.Sprintf("%d of %d inputs failed", sum.Failed, done)}
	}
	return nil
}

// publishProgress shows publishing progress on a terminal bar or as lines.
type publishProgress struct {
	w    io.Writer
	mode string
	bar  *progressbar.ProgressBar
	last time.Time
}

func newPublishProgress(w io.Writer, mode string, total int) *publishProgress {
	p := &publishProgress{w: w, mode: progressMode(w, mode)}
	if p.mode == "bar" {
		p.bar = docsBar(w, "publish", total)
	}
	return p
}

func (p *publishProgress) update(pg ingest.Progress) {
	switch p.mode {
	case "bar":
		p.bar.Describe(fmt.Sprintf("publish %d new %d dup %d failed", pg.New, pg.Duplicate, pg.Failed))
		p.bar.Set(pg.Done)
	case "lines":
		if time.Since(p.last) < 2*time.Second && (pg.Total == 0 || pg.Done < pg.Total) {
			return
		}
		p.last = time.Now()
		tot := "?"
		if pg.Total > 0 {
			tot = fmt.Sprint(pg.Total)
		}
		fmt.Fprintf(p.w, "publish: %d/%s documents (%d published, %d duplicate, %d failed), %.0f documents/s\n",
			pg.Done, tot, pg.New, pg.Duplicate, pg.Failed, pg.ItemsPerSec)
	}
}

func (p *publishProgress) finish() {
	if p.bar != nil {
		p.bar.Finish()
		fmt.Fprintln(p.w)
	}
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func runQueueStatus(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "queue status", queueStatusUsage+"\n\n"+queueUsage)
	addr := addQueueFlag(fs, e)
	asJSON := fs.Bool("json", false, "print the status as JSON")
	interval := fs.Duration("interval", time.Second, "measure rates over this `DURATION` (0: no rates)")
	dead := fs.Int("dead", 5, "list the newest `N` dead letters")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	if *interval < 0 || *dead < 0 {
		return usagef("--interval and --dead must not be negative")
	}
	nc, js, cfg, err := openQueue(*addr, nil, false)
	if err != nil {
		return err
	}
	defer nc.Close()
	ctx, cancel := context.WithTimeout(ctx, *interval+30*time.Second)
	defer cancel()
	st, err := queue.GetStatus(ctx, js, cfg, queue.StatusOptions{Interval: *interval, Dead: max(*dead, 1)})
	if err != nil {
		return err
	}
	if *dead == 0 {
		st.Dead.Last = nil
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	writeQueueStatus(e.stdout, st)
	return nil
}

func writeQueueStatus(w io.Writer, st *queue.Status) {
	s := st.Stream
	fmt.Fprintf(w, "stream:       %s (subjects %s, %s retention, %s storage, %d replica(s), duplicate window %s)\n",
		s.Name, strings.Join(s.Subjects, ","), s.Retention, s.Storage, s.Replicas, s.Duplicates)
	fmt.Fprintf(w, "backlog:      %d documents, %s", st.Backlog, byteSize(int64(s.Bytes)))
	if c := st.Consumer; c != nil {
		fmt.Fprintf(w, " (%d waiting, %d being worked on, %d delivered more than once; ack wait %s)\n", c.Pending, c.AckPending, c.Redelivered, c.AckWait)
	} else {
		fmt.Fprintf(w, " (no worker has started yet)\n")
	}
	if st.Interval > 0 {
		fmt.Fprintf(w, "rates:        %.1f published/s, %.1f drained/s (over %s)", st.PublishedPerSec, st.DrainedPerSec, st.Interval)
		if st.WorkerDocsPerSec > 0 {
			fmt.Fprintf(w, "; workers %.1f documents/s", st.WorkerDocsPerSec)
		}
		if st.ETA > 0 {
			fmt.Fprintf(w, "; ETA %s", st.ETA.Round(time.Second))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "workers:      %d live\n", len(st.Workers))
	for _, ws := range st.Workers {
		fmt.Fprintf(w, "  %-24s %d new, %d duplicate, %d dead, %d retried; %.1f documents/s now, %.0f sentences/s average; concurrency %d, batch %d, up %s\n",
			ws.ID, ws.New, ws.Duplicate, ws.Dead, ws.Retried, ws.RecentDocsPerSec, ws.SentencesPerSec, ws.Concurrency, ws.Batch,
			ws.Updated.Sub(ws.Started).Round(time.Second))
	}
	fmt.Fprintf(w, "dead letters: %d in %s (subject %s)\n", st.Dead.Messages, st.Dead.Stream, st.Dead.Subject)
	for _, d := range st.Dead.Last {
		pos := ""
		if d.Pos != "" && d.Pos != d.DocID {
			pos = " (" + d.Pos + ")"
		}
		fmt.Fprintf(w, "  #%d %s %s%s: %s [%s deliveries, worker %s]\n", d.Seq, d.Time.UTC().Format(time.RFC3339), d.DocID, pos, d.Reason, d.Deliveries, d.Worker)
	}
}
