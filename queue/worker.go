package queue

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/ingest"
	"github.com/dyad-events/dyad/store"
)

// WorkerOptions configure a Worker. Zero fields mean the defaults.
type WorkerOptions struct {
	// Concurrency is the number of coding goroutines; 0 means GOMAXPROCS.
	Concurrency int
	// Batch is the number of messages fetched at once and stored in one
	// transaction; 0 means 64.
	Batch int
	// MaxDeliver is the number of attempts a message gets: a message that
	// fails to code or store on its MaxDeliver-th delivery, or arrives for
	// the MaxDeliver+1-th time (the workers before died or timed out on
	// it), goes to the dead-letter subject. 0 means 5.
	MaxDeliver int
	// FetchWait is how long one fetch waits for a message; 0 means 2 s.
	FetchWait time.Duration
	// RetryDelay is how long a failed message waits before its next
	// delivery; it doubles with each delivery up to a minute. 0 means 1 s.
	RetryDelay time.Duration
	// StoreRetry caps the wait between attempts to store a batch while the
	// store is unreachable; 0 means 10 s.
	StoreRetry time.Duration
	// UntilEmpty makes Run return once no message is waiting or being
	// worked on by any worker.
	UntilEmpty bool
	// ID names the worker in heartbeats and dead letters; "" means
	// HOST-PID.
	ID string
	// Heartbeat is the interval of the worker's heartbeat in the workers
	// bucket and of its progress lines; 0 means 5 s.
	Heartbeat time.Duration
	// Logf receives trouble (reconnections, retries, dead letters), one
	// line per call; nil discards.
	Logf Logf
	// Progressf receives a progress line every Heartbeat while documents
	// are done; nil discards.
	Progressf Logf
	// KeepEventDates keeps the dates the coder set instead of resolving
	// them from each sentence (as ingest.RunOptions.KeepEventDates).
	KeepEventDates bool
}

// WorkerStats count what a worker did. Rates are averages from its first
// message to its last acknowledgement.
type WorkerStats struct {
	ID          string    `json:"id"`
	Host        string    `json:"host"`
	PID         int       `json:"pid"`
	Concurrency int       `json:"concurrency"`
	Batch       int       `json:"batch"`
	Started     time.Time `json:"started"`
	Updated     time.Time `json:"updated"`
	// Received counts deliveries, redeliveries included.
	Received  int `json:"received"`
	New       int `json:"new"`
	Duplicate int `json:"duplicate"`
	Dead      int `json:"dead"`
	// Retried counts messages handed back for a later attempt (coding or
	// storing failed, or the worker was stopped before coding them).
	Retried   int `json:"retried"`
	Sentences int `json:"sentences"`
	Events    int `json:"events"`
	Mentions  int `json:"mentions"`
	Batches   int `json:"batches"`
	// StoreSeconds is the time spent in store transactions (retries
	// included); a large share of the run points at the store.
	StoreSeconds float64 `json:"store_seconds"`
	// First is when the first message arrived, Last when the last one was
	// acknowledged.
	First           time.Time `json:"first"`
	Last            time.Time `json:"last"`
	DocsPerSec      float64   `json:"documents_per_sec"`
	SentencesPerSec float64   `json:"sentences_per_sec"`
	// RecentDocsPerSec is the rate over the last heartbeat interval.
	RecentDocsPerSec float64 `json:"recent_documents_per_sec"`
}

// Done is the number of messages finished: stored, duplicate or dead.
func (s *WorkerStats) Done() int { return s.New + s.Duplicate + s.Dead }

func (s *WorkerStats) rates() {
	if el := s.Last.Sub(s.First).Seconds(); el > 0 {
		s.DocsPerSec = float64(s.New+s.Duplicate) / el
		s.SentencesPerSec = float64(s.Sentences) / el
	}
}

// Worker codes and stores the documents of the queue.
type Worker struct {
	js   jetstream.JetStream
	cfg  Config
	st   store.Store
	cod  ingest.Coder
	opts WorkerOptions
	// updateAckWait is set when cfg.AckWait was chosen explicitly.
	updateAckWait bool

	cons    jetstream.Consumer
	ackWait time.Duration

	mu       sync.Mutex
	stats    WorkerStats
	inflight map[jetstream.Msg]struct{}
}

// NewWorker returns a worker that takes documents from js (objects named
// by cfg), codes them with c and stores them in st. When
// updateAckWait is set, an existing consumer gets cfg.AckWait.
func NewWorker(js jetstream.JetStream, cfg Config, updateAckWait bool, st store.Store, c ingest.Coder, opts WorkerOptions) *Worker {
	if opts.Concurrency <= 0 {
		opts.Concurrency = runtime.GOMAXPROCS(0)
	}
	if opts.Batch <= 0 {
		opts.Batch = 64
	}
	if opts.MaxDeliver <= 0 {
		opts.MaxDeliver = 5
	}
	if opts.FetchWait <= 0 {
		opts.FetchWait = 2 * time.Second
	}
	if opts.RetryDelay <= 0 {
		opts.RetryDelay = time.Second
	}
	if opts.StoreRetry <= 0 {
		opts.StoreRetry = 10 * time.Second
	}
	if opts.Heartbeat <= 0 {
		opts.Heartbeat = 5 * time.Second
	}
	host, _ := os.Hostname()
	if opts.ID == "" {
		opts.ID = fmt.Sprintf("%s-%d", host, os.Getpid())
	}
	w := &Worker{js: js, cfg: cfg.WithDefaults(), st: st, cod: c, opts: opts, updateAckWait: updateAckWait,
		inflight: map[jetstream.Msg]struct{}{}}
	w.stats = WorkerStats{ID: opts.ID, Host: host, PID: os.Getpid(), Concurrency: opts.Concurrency, Batch: opts.Batch, Started: time.Now()}
	return w
}

// Stats returns a snapshot of the worker's counts.
func (w *Worker) Stats() WorkerStats {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.stats
	s.Updated = time.Now()
	s.rates()
	return s
}

// job is one delivered message on its way through the worker.
type job struct {
	msg        jetstream.Msg
	m          *Message
	seq        uint64
	deliveries uint64
	sentences  int
	// Outcome of the coding stage: exactly one of these, or none when
	// the document is ready to store.
	dup     bool   // already stored: acknowledge
	dead    string // dead-letter at once with this reason
	fail    error  // this attempt failed
	skipped bool   // not coded: the worker is stopping
}

// Run works until ctx ends (or, with UntilEmpty, until the queue is
// empty): it fetches batches, codes them while the previous batch is
// stored, and acknowledges each message after the transaction holding it
// has committed. When ctx ends, documents already coded are stored and
// acknowledged, the rest handed back; Run then returns the stats and nil.
// It returns an error only for what retrying cannot mend.
func (w *Worker) Run(ctx context.Context) (*WorkerStats, error) {
	if err := w.setup(ctx); err != nil {
		if ctx.Err() != nil {
			s := w.Stats()
			return &s, nil
		}
		return nil, err
	}
	hbCtx, stopHB := context.WithCancel(context.Background())
	hbDone := make(chan struct{})
	go func() {
		defer close(hbDone)
		w.heartbeat(hbCtx)
	}()

	storeCh := make(chan []*job, 1)
	storerDone := make(chan struct{})
	go func() {
		defer close(storerDone)
		for b := range storeCh {
			w.commit(ctx, b)
		}
	}()
	fails := 0
	var lastLog time.Time
	for ctx.Err() == nil {
		msgs, err := w.fetch(ctx)
		if err != nil && len(msgs) == 0 {
			if ctx.Err() != nil {
				break
			}
			if errors.Is(err, jetstream.ErrConsumerNotFound) || errors.Is(err, jetstream.ErrStreamNotFound) {
				w.opts.Logf.printf("worker %s: %v: creating it again", w.opts.ID, err)
				if err := w.setup(ctx); err != nil {
					break
				}
				continue
			}
			if time.Since(lastLog) > 5*time.Second {
				w.opts.Logf.printf("worker %s: fetch: %v; retrying", w.opts.ID, err)
				lastLog = time.Now()
			}
			sleep(ctx, backoff(fails, 100*time.Millisecond, 5*time.Second))
			fails++
			continue
		}
		fails = 0
		if len(msgs) == 0 {
			if w.opts.UntilEmpty && len(storeCh) == 0 && w.inflightN() == 0 && w.empty(ctx) {
				break
			}
			continue
		}
		jobs := w.code(ctx, msgs)
		storeCh <- jobs
	}
	close(storeCh)
	<-storerDone
	stopHB()
	<-hbDone
	s := w.Stats()
	return &s, nil
}

// setup creates the streams and the consumer when missing, retrying while
// the server is unreachable.
func (w *Worker) setup(ctx context.Context) error {
	var lastLog time.Time
	for try := 0; ; try++ {
		tctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		s, err := EnsureStreams(tctx, w.js, w.cfg)
		if err == nil {
			var c jetstream.Consumer
			if c, err = EnsureConsumer(tctx, s, w.cfg, w.updateAckWait); err == nil {
				cancel()
				w.cons = c
				w.ackWait = c.CachedInfo().Config.AckWait
				if w.ackWait <= 0 {
					w.ackWait = DefaultAckWait
				}
				return nil
			}
		}
		cancel()
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if time.Since(lastLog) > 5*time.Second {
			w.opts.Logf.printf("worker %s: waiting for JetStream: %v", w.opts.ID, err)
			lastLog = time.Now()
		}
		sleep(ctx, backoff(try, 200*time.Millisecond, 5*time.Second))
	}
}

// fetch returns up to Batch messages: those waiting now, else the first
// to arrive within FetchWait with those waiting behind it.
func (w *Worker) fetch(ctx context.Context) ([]jetstream.Msg, error) {
	b, err := w.cons.FetchNoWait(w.opts.Batch)
	if err != nil {
		return nil, err
	}
	msgs, err := w.collect(b)
	if len(msgs) > 0 || err != nil {
		return msgs, err
	}
	fctx, cancel := context.WithTimeout(ctx, w.opts.FetchWait)
	defer cancel()
	b, err = w.cons.Fetch(1, jetstream.FetchContext(fctx))
	if err != nil {
		return nil, err
	}
	msgs, err = w.collect(b)
	if errors.Is(err, context.DeadlineExceeded) {
		err = nil
	}
	if len(msgs) == 0 || w.opts.Batch == 1 {
		return msgs, err
	}
	if b, err := w.cons.FetchNoWait(w.opts.Batch - 1); err == nil {
		more, _ := w.collect(b)
		msgs = append(msgs, more...)
	}
	return msgs, nil
}

// collect drains a fetch and registers its messages as in flight.
func (w *Worker) collect(b jetstream.MessageBatch) ([]jetstream.Msg, error) {
	var msgs []jetstream.Msg
	for m := range b.Messages() {
		msgs = append(msgs, m)
	}
	if len(msgs) > 0 {
		now := time.Now()
		w.mu.Lock()
		for _, m := range msgs {
			w.inflight[m] = struct{}{}
		}
		w.stats.Received += len(msgs)
		if w.stats.First.IsZero() {
			w.stats.First = now
		}
		w.mu.Unlock()
	}
	err := b.Error()
	if errors.Is(err, jetstream.ErrNoMessages) || errors.Is(err, nats.ErrTimeout) {
		err = nil
	}
	return msgs, err
}

func (w *Worker) inflightN() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.inflight)
}

// empty reports whether no message is waiting or unacknowledged.
func (w *Worker) empty(ctx context.Context) bool {
	tctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	info, err := w.cons.Info(tctx)
	return err == nil && info.NumPending == 0 && info.NumAckPending == 0
}

// code decodes the messages and codes their documents on Concurrency
// goroutines. Documents not coded when ctx ends are marked skipped.
func (w *Worker) code(ctx context.Context, msgs []jetstream.Msg) []*job {
	jobs := make([]*job, len(msgs))
	ch := make(chan *job)
	var wg sync.WaitGroup
	for i := 0; i < min(w.opts.Concurrency, len(msgs)); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range ch {
				w.codeOne(ctx, j)
			}
		}()
	}
	for i, msg := range msgs {
		jobs[i] = &job{msg: msg}
		ch <- jobs[i]
	}
	close(ch)
	wg.Wait()
	return jobs
}

// codeOne decides what to do with one message and codes its document.
func (w *Worker) codeOne(ctx context.Context, j *job) {
	if md, err := j.msg.Metadata(); err == nil {
		j.seq, j.deliveries = md.Sequence.Stream, md.NumDelivered
	}
	m, err := Decode(j.msg.Data())
	if err != nil {
		j.dead = err.Error()
		return
	}
	j.m = m
	if ctx.Err() != nil {
		j.skipped = true
		return
	}
	d := &m.Doc
	if !d.AppendEvents {
		if d.Hash == "" {
			d.Hash = store.ContentHash(d.Text)
		}
		if dup, _, err := w.st.Known(ctx, d); err == nil && dup != "" {
			j.dup = true
			return
		}
	}
	if j.deliveries > uint64(w.opts.MaxDeliver) {
		j.dead = fmt.Sprintf("delivered %d times without being acknowledged (max %d): workers died or timed out on it", j.deliveries, w.opts.MaxDeliver)
		return
	}
	if m.Coded {
		return
	}
	doc := d.Document
	evs, n, err := safeCode(w.cod, &doc)
	j.sentences = n
	if err != nil {
		j.fail = fmt.Errorf("coding: %w", err)
		return
	}
	if !w.opts.KeepEventDates {
		for i := range evs {
			t, p := ingest.ResolveEventDate(evs[i].SentenceText, evs[i].Verb.Text, d.Date)
			if t.IsZero() {
				continue
			}
			evs[i].Date, evs[i].DatePrecision = ingest.FormatDate(t, p), p
		}
	}
	for i := range evs {
		evs[i].DocID = d.ID
	}
	d.Events = evs
}

// safeCode calls the coder and turns a panic into an error.
func safeCode(c ingest.Coder, doc *dyad.Document) (evs []dyad.Event, n int, err error) {
	defer func() {
		if r := recover(); r != nil {
			evs, n, err = nil, 0, fmt.Errorf("coder panicked: %v", r)
		}
	}()
	return c.Code(doc)
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// streamSeq formats a stream sequence for headers.
func streamSeq(seq uint64) string { return strconv.FormatUint(seq, 10) }
