package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/store"
)

// commit stores the coded documents of a batch in one transaction and
// then settles every message: acknowledged once its document is stored
// (or found stored), handed back for a later attempt, or dead-lettered.
// It runs even after ctx ended, so that finished work is kept; only a
// store that stays unreachable after ctx ended makes it hand the batch
// back unstored.
func (w *Worker) commit(ctx context.Context, jobs []*job) {
	var ready []*job
	for _, j := range jobs {
		switch {
		case j.dead != "":
			w.deadLetter(j, j.dead)
		case j.skipped:
			w.retry(j, 0)
		case j.dup:
			w.ack(j)
			w.count(func(s *WorkerStats) { s.Duplicate++ })
		case j.fail != nil:
			w.failed(j, j.fail)
		default:
			ready = append(ready, j)
		}
	}
	if len(ready) == 0 {
		return
	}
	res, err := w.put(ctx, ready)
	if err != nil {
		// The store stayed unreachable and the worker is stopping.
		for _, j := range ready {
			w.retry(j, 0)
		}
		return
	}
	for i, j := range ready {
		w.settle(j, res[i])
	}
}

// put stores the jobs' documents. When the batch fails and the store
// answers, the documents are stored one by one so that one bad document
// does not sink the others (its result is then StatusFailed). When the
// store does not answer, put waits and tries again, keeping the messages
// in progress, until it succeeds or ctx has ended.
func (w *Worker) put(ctx context.Context, jobs []*job) ([]store.PutResult, error) {
	docs := make([]store.Doc, len(jobs))
	for i, j := range jobs {
		docs[i] = j.m.Doc
	}
	bg := context.Background()
	var lastLog time.Time
	for try := 0; ; try++ {
		t0 := time.Now()
		res, err := w.st.PutBatch(bg, docs)
		el := time.Since(t0).Seconds()
		w.mu.Lock()
		w.stats.StoreSeconds += el
		w.mu.Unlock()
		if err == nil {
			w.count(func(s *WorkerStats) { s.Batches++ })
			return res, nil
		}
		if w.storeUp(bg) {
			if len(docs) == 1 {
				// Transient conflicts (serialisation, deadlock) get a few
				// tries here before the attempt counts as failed.
				if try < 2 {
					sleep(bg, time.Duration(50<<try)*time.Millisecond)
					continue
				}
				return []store.PutResult{{ID: docs[0].ID, Status: store.StatusFailed, Reason: err.Error()}}, nil
			}
			res := make([]store.PutResult, len(docs))
			for i := range jobs {
				r, err := w.put(ctx, jobs[i:i+1])
				if err != nil {
					return nil, err
				}
				res[i] = r[0]
			}
			return res, nil
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("store unreachable while stopping: %w", err)
		}
		if time.Since(lastLog) > 10*time.Second {
			w.opts.Logf.printf("worker %s: store: %v; retrying %d documents", w.opts.ID, err, len(docs))
			lastLog = time.Now()
		}
		sleep(ctx, backoff(try, 250*time.Millisecond, w.opts.StoreRetry))
	}
}

// storeUp reports whether the store answers a cheap lookup.
func (w *Worker) storeUp(ctx context.Context) bool {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	_, _, err := w.st.Known(ctx, &store.Doc{Document: dyad.Document{ID: "dyad-store-probe"}})
	return err == nil
}

// settle acknowledges a stored document or deals with its failure.
func (w *Worker) settle(j *job, r store.PutResult) {
	switch r.Status {
	case store.StatusNew:
		w.ack(j)
		w.count(func(s *WorkerStats) {
			s.New++
			s.Sentences += j.sentences
			s.Events += len(j.m.Doc.Events)
			s.Mentions += r.Mentions
		})
	case store.StatusDuplicate:
		w.ack(j)
		w.count(func(s *WorkerStats) { s.Duplicate++ })
	default:
		w.failed(j, fmt.Errorf("storing: %s", r.Reason))
	}
}

func (w *Worker) count(f func(*WorkerStats)) {
	w.mu.Lock()
	f(&w.stats)
	w.stats.Last = time.Now()
	w.mu.Unlock()
}

func (w *Worker) done(j *job) {
	w.mu.Lock()
	delete(w.inflight, j.msg)
	w.mu.Unlock()
}

// ack acknowledges a message whose document is stored. A lost
// acknowledgement costs a redelivery, which the store reports as a
// duplicate.
func (w *Worker) ack(j *job) {
	w.done(j)
	if err := j.msg.Ack(); err != nil {
		w.opts.Logf.printf("worker %s: ack %d: %v", w.opts.ID, j.seq, err)
	}
}

// retry hands a message back to be delivered again after delay.
func (w *Worker) retry(j *job, delay time.Duration) {
	w.done(j)
	var err error
	if delay > 0 {
		err = j.msg.NakWithDelay(delay)
	} else {
		err = j.msg.Nak()
	}
	if err != nil {
		w.opts.Logf.printf("worker %s: nak %d: %v", w.opts.ID, j.seq, err)
	}
	w.count(func(s *WorkerStats) { s.Retried++ })
}

// failed handles a failed attempt: retried later with a growing delay, or
// dead-lettered on its last attempt.
func (w *Worker) failed(j *job, err error) {
	if j.deliveries >= uint64(w.opts.MaxDeliver) {
		w.deadLetter(j, fmt.Sprintf("%v (attempt %d of %d)", err, j.deliveries, w.opts.MaxDeliver))
		return
	}
	n := int(j.deliveries) - 1
	w.opts.Logf.printf("worker %s: %s: %v; attempt %d of %d, retrying", w.opts.ID, j.name(), err, j.deliveries, w.opts.MaxDeliver)
	w.retry(j, backoff(max(n, 0), w.opts.RetryDelay, time.Minute))
}

func (j *job) name() string {
	if j.m != nil {
		if j.m.Pos != "" && j.m.Pos != j.m.Doc.ID {
			return fmt.Sprintf("document %s (%s)", j.m.Doc.ID, j.m.Pos)
		}
		return "document " + j.m.Doc.ID
	}
	return fmt.Sprintf("message %d", j.seq)
}

// headerSafe keeps header values on one line.
var headerSafe = regexp.MustCompile(`[\r\n]+`)

// deadLetter publishes the message with the reason to the dead-letter
// subject and then terminates it. When the dead letter cannot be
// published, the message is handed back and tried again later.
func (w *Worker) deadLetter(j *job, reason string) {
	dm := nats.NewMsg(w.cfg.DeadSubject)
	dm.Data = j.msg.Data()
	reason = headerSafe.ReplaceAllString(reason, " ")
	dm.Header.Set(HeaderDeadReason, reason)
	dm.Header.Set(HeaderDeliveries, streamSeq(j.deliveries))
	dm.Header.Set(HeaderStreamSeq, streamSeq(j.seq))
	dm.Header.Set(HeaderWorker, w.opts.ID)
	dm.Header.Set(HeaderDeadTime, time.Now().UTC().Format(time.RFC3339))
	if j.m != nil {
		dm.Header.Set(HeaderDocID, j.m.Doc.ID)
		if j.m.Pos != "" {
			dm.Header.Set(HeaderPos, j.m.Pos)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// The id makes a dead letter published twice (a crash between publish
	// and termination) count once.
	if _, err := w.js.PublishMsg(ctx, dm, jetstream.WithMsgID(fmt.Sprintf("dead:%s:%d", w.cfg.Stream, j.seq))); err != nil {
		w.opts.Logf.printf("worker %s: dead letter for %s: %v; retrying later", w.opts.ID, j.name(), err)
		w.retry(j, w.opts.RetryDelay)
		return
	}
	w.done(j)
	if err := j.msg.TermWithReason(truncate(reason, 200)); err != nil {
		w.opts.Logf.printf("worker %s: terminate %d: %v", w.opts.ID, j.seq, err)
	}
	w.opts.Logf.printf("worker %s: %s dead-lettered to %s: %s", w.opts.ID, j.name(), w.cfg.DeadSubject, reason)
	w.count(func(s *WorkerStats) { s.Dead++ })
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// heartbeat keeps the in-flight messages from being redelivered
// (InProgress every third of the ack wait), and every Heartbeat interval
// logs progress and publishes the worker's stats to the workers bucket.
// On return it removes the worker from the bucket.
func (w *Worker) heartbeat(ctx context.Context) {
	kv := w.workersBucket(ctx)
	key := sanitizeKey(w.opts.ID)
	prog := time.NewTicker(max(w.ackWait/3, 100*time.Millisecond))
	defer prog.Stop()
	beat := time.NewTicker(w.opts.Heartbeat)
	defer beat.Stop()
	lastDone, lastT := 0, time.Now()
	publish := func(s WorkerStats) {
		if kv == nil {
			kv = w.workersBucket(ctx)
		}
		if kv == nil {
			return
		}
		b, _ := json.Marshal(s)
		tctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		kv.Put(tctx, key, b)
		cancel()
	}
	publish(w.Stats())
	for {
		select {
		case <-ctx.Done():
			if kv != nil {
				tctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
				kv.Delete(tctx, key)
				cancel()
			}
			return
		case <-prog.C:
			w.mu.Lock()
			msgs := make([]jetstream.Msg, 0, len(w.inflight))
			for m := range w.inflight {
				msgs = append(msgs, m)
			}
			w.mu.Unlock()
			for _, m := range msgs {
				m.InProgress()
			}
		case now := <-beat.C:
			s := w.Stats()
			if el := now.Sub(lastT).Seconds(); el > 0 {
				s.RecentDocsPerSec = float64(s.Done()-lastDone) / el
			}
			if s.Done() != lastDone {
				w.opts.Progressf.printf("worker %s: %d documents (%d new, %d duplicate, %d dead, %d retried), %d sentences, %.1f documents/s now, %.0f sentences/s on average",
					s.ID, s.Done(), s.New, s.Duplicate, s.Dead, s.Retried, s.Sentences, s.RecentDocsPerSec, s.SentencesPerSec)
			}
			lastDone, lastT = s.Done(), now
			publish(s)
		}
	}
}

// workersBucket opens (creating when missing) the heartbeat bucket, or
// returns nil when the server does not answer.
func (w *Worker) workersBucket(ctx context.Context) jetstream.KeyValue {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	kv, err := w.js.KeyValue(ctx, w.cfg.WorkersBucket)
	if errors.Is(err, jetstream.ErrBucketNotFound) {
		kv, err = w.js.CreateKeyValue(ctx, jetstream.KeyValueConfig{
			Bucket: w.cfg.WorkersBucket, Description: "dyad worker heartbeats",
			TTL: heartbeatTTL, Storage: jetstream.MemoryStorage, Replicas: w.cfg.Replicas,
		})
		if errors.Is(err, jetstream.ErrBucketExists) {
			kv, err = w.js.KeyValue(ctx, w.cfg.WorkersBucket)
		}
	}
	if err != nil {
		return nil
	}
	return kv
}

// keyUnsafe matches the characters a KV key may not hold.
var keyUnsafe = regexp.MustCompile(`[^-_=a-zA-Z0-9]`)

func sanitizeKey(s string) string { return keyUnsafe.ReplaceAllString(s, "_") }
