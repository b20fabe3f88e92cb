package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dyad-events/dyad/queue"
)

const workerUsage = `Usage: dyad worker --queue nats://HOST:4222 --db postgres://…|PATH [flags]

Codes the documents that "dyad ingest --queue" published, on any number
of machines at once: each worker pulls batches of --batch documents from
the queue's shared durable consumer, codes them on --concurrency cores
(with the same dictionaries and options as "dyad ingest"), stores each
batch in one transaction (see --db: PostgreSQL for several machines; an
SQLite file serves the workers of one machine) and acknowledges each
document only after that transaction has committed.

Delivery is at least once: documents a worker was holding when it died
are delivered again after the ack wait (--ack-wait; a working worker
keeps its documents by telling the server every third of it). The store
keeps a document once, by id, normalised text or URL, so a document
delivered twice is reported as a duplicate and acknowledged: every
document is stored exactly once.

A document that fails to code or store is retried after --retry-delay
(doubling per attempt, up to a minute). On its --max-deliver-th failure,
or when it arrives for the (--max-deliver+1)-th time because the workers
before died or stalled on it, it goes to the dead-letter subject
dyad.dead (stream DYAD_DEAD, kept 30 days) with the reason in its
Dyad-Dead-Reason header, and is removed from the queue. Malformed
messages go there at once. "dyad queue status" lists them.

When the servers go away the worker reconnects forever (backoff 100 ms to
5 s, logged); when the store goes away it keeps its coded batch and
retries. SIGINT or SIGTERM stops it gracefully: documents already coded
are stored and acknowledged, the others handed back at once, and the
exit status is 0. With --until-empty it exits once no document is
waiting or being worked on by any worker: status 3 then when some
documents were dead-lettered.

Progress lines go to standard error every --heartbeat, and to the
queue's worker list ("dyad queue status"); the summary goes to standard
output at exit (--json for JSON).

Examples:
  dyad worker --queue nats://127.0.0.1:4222 --db postgres://dyad@db/dyad
  dyad worker --queue 'nats://q1:4222,nats://q2:4222,nats://q3:4222?replicas=3' --db postgres://dyad@db/dyad --concurrency 4
  dyad worker --queue nats://127.0.0.1:4222 --db /srv/dyad/dyad.db --until-empty --json`

func init() {
	register(&command{name: "worker", summary: "code and store documents from the NATS queue (see ingest --queue)",
		usage: workerUsage + "\n\n" + queueUsage + "\n\n" + dbUsage, run: runWorker})
}

// newWorkerCoder loads the coder for worker; tests may replace it.
var newWorkerCoder = loadCoder

func runWorker(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "worker", workerUsage+"\n\n"+queueUsage+"\n\n"+dbUsage)
	addr := addQueueFlag(fs, e)
	db := addDBFlag(fs)
	var df dictFlags
	df.register(fs)
	conc := fs.Int("concurrency", 0, "coding goroutines (default: all cores)")
	batch := fs.Int("batch", 64, "documents per fetch and per store transaction")
	maxDeliver := fs.Int("max-deliver", 5, "attempts per document before it is dead-lettered")
	ackWait := fs.Duration("ack-wait", queue.DefaultAckWait, "redeliver a document when its worker was silent this `DURATION` (set on the shared consumer)")
	retryDelay := fs.Duration("retry-delay", time.Second, "wait before a failed document's next attempt (doubles per attempt)")
	untilEmpty := fs.Bool("until-empty", false, "exit when no document is waiting or being worked on")
	id := fs.String("id", "", "worker `NAME` in the status and dead letters (default HOST-PID)")
	heartbeat := fs.Duration("heartbeat", 5*time.Second, "interval of progress lines and status heartbeats")
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	quiet := fs.Bool("quiet", false, "no progress lines (trouble is still logged)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments: %s (the worker reads documents from the queue)", strings.Join(fs.Args(), " "))
	}
	switch {
	case *batch < 1:
		return usagef("--batch must be at least 1")
	case *maxDeliver < 1:
		return usagef("--max-deliver must be at least 1")
	case *ackWait < time.Second:
		return usagef("--ack-wait must be at least 1s")
	case *retryDelay <= 0 || *heartbeat <= 0:
		return usagef("--retry-delay and --heartbeat must be positive")
	case *conc < 0:
		return usagef("--concurrency must not be negative")
	}
	if *addr == "" {
		return usagef("no queue: give --queue nats://HOST:4222 or set $DYAD_QUEUE")
	}
	if _, err := queue.ParseAddress(*addr); err != nil {
		return usagef("--queue: %v", err)
	}
	ackWaitSet := flagSet(fs, "ack-wait")

	cod, err := newWorkerCoder(&df)
	if err != nil {
		return err
	}
	st, err := openStoreEnv(*db, e.getenv)
	if err != nil {
		return err
	}
	defer st.Close()
	logf := stderrLog(e.stderr)
	nc, js, cfg, err := openQueue(*addr, logf, true)
	if err != nil {
		return err
	}
	defer nc.Close()
	cfg.AckWait = *ackWait
	progress := logf
	if *quiet {
		progress = nil
	}
	w := queue.NewWorker(js, cfg, ackWaitSet, st, cod, queue.WorkerOptions{
		Concurrency: *conc, Batch: *batch, MaxDeliver: *maxDeliver, RetryDelay: *retryDelay,
		UntilEmpty: *untilEmpty, ID: *id, Heartbeat: *heartbeat, Logf: logf, Progressf: progress,
	})
	stats, err := w.Run(ctx)
	// The last acknowledgements are in the connection's buffer.
	if ferr := nc.FlushTimeout(5 * time.Second); ferr != nil && err == nil {
		logf("queue: flushing the last acknowledgements: %v (their documents will be delivered again and found stored)", ferr)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(stats); err != nil {
			return err
		}
	} else {
		writeWorkerSummary(e.stdout, stats)
	}
	if *untilEmpty && stats.Dead > 0 {
		return &partialError{fmt.Sprintf("%d documents dead-lettered to %s (see dyad queue status)", stats.Dead, queue.DefaultDeadSubject)}
	}
	return nil
}

func writeWorkerSummary(w io.Writer, s *queue.WorkerStats) {
	fmt.Fprintf(w, "worker %s: %d documents: %d new, %d duplicate, %d dead-lettered, %d retried\n", s.ID, s.Done(), s.New, s.Duplicate, s.Dead, s.Retried)
	fmt.Fprintf(w, "events:    %d coded, %d mentions stored, %d transactions\n", s.Events, s.Mentions, s.Batches)
	if !s.First.IsZero() {
		fmt.Fprintf(w, "time:      %s from first document to last acknowledgement, %.1f documents/s, %.0f sentences/s\n",
			s.Last.Sub(s.First).Round(time.Millisecond), s.DocsPerSec, s.SentencesPerSec)
	}
}
