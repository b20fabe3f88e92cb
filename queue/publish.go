package queue

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/dyad-events/dyad/ingest"
	"github.com/dyad-events/dyad/store"
)

// PublishOptions configure Publish.
type PublishOptions struct {
	// Total is the expected number of items, for the ETA; 0 if unknown.
	Total int
	// Window is the number of publications awaiting the server's
	// acknowledgement at once; 0 means 256.
	Window int
	// Retries is how often a publication that failed (no answer in time,
	// connection lost) is tried again; 0 means 5.
	Retries int
	// Progress, when set, is called at most every 500 ms and once at the
	// end. Published documents count as New, documents the stream already
	// held (same Nats-Msg-Id within the duplicate window) as Duplicate.
	Progress func(ingest.Progress)
}

// PublishSummary is the outcome of Publish.
type PublishSummary struct {
	// Read is the number of items read.
	Read int `json:"read"`
	// Published counts documents the stream took.
	Published int `json:"published"`
	// Duplicate counts documents the stream dropped as duplicates of one
	// published within its duplicate window.
	Duplicate int `json:"duplicate"`
	// Failed counts items that could not be read or published.
	Failed   int              `json:"failed"`
	Failures []ingest.Failure `json:"failures"`
	// Bytes is the size of the published message bodies.
	Bytes   int64         `json:"bytes"`
	Elapsed time.Duration `json:"elapsed"`
	PerSec  float64       `json:"documents_per_sec"`
	Stream  string        `json:"stream"`
	Subject string        `json:"subject"`
	// Backlog is the number of messages in the stream at the end.
	Backlog uint64 `json:"backlog"`
}

// pending is one publication awaiting its acknowledgement.
type pending struct {
	msg  *nats.Msg
	id   string
	pos  string
	docs string
	fut  jetstream.PubAckFuture
}

// Publish reads items from r and publishes each document to the document
// stream (created when missing) with its MsgID as Nats-Msg-Id, so that
// publishing the same input again within the duplicate window adds
// nothing. Items that fail to read or publish are listed in the summary
// and the rest goes on; the error is for the run as a whole (the stream
// cannot be created, the reader failed, ctx ended).
func Publish(ctx context.Context, js jetstream.JetStream, cfg Config, r ingest.Reader, opts PublishOptions) (*PublishSummary, error) {
	cfg = cfg.WithDefaults()
	window := opts.Window
	if window <= 0 {
		window = 256
	}
	retries := opts.Retries
	if retries <= 0 {
		retries = 5
	}
	sum := &PublishSummary{Stream: cfg.Stream, Subject: cfg.Subject}
	stream, err := EnsureStreams(ctx, js, cfg)
	if err != nil {
		return sum, err
	}
	start := time.Now()
	last := start
	report := func(final bool) {
		if opts.Progress == nil || (!final && time.Since(last) < 500*time.Millisecond) {
			return
		}
		last = time.Now()
		p := ingest.Progress{Items: sum.Read, Done: sum.Published + sum.Duplicate + sum.Failed, Total: opts.Total,
			New: sum.Published, Duplicate: sum.Duplicate, Failed: sum.Failed, Elapsed: time.Since(start)}
		if s := p.Elapsed.Seconds(); s > 0 {
			p.ItemsPerSec = float64(p.Done) / s
			if p.Total > p.Done && p.ItemsPerSec > 0 {
				p.ETA = time.Duration(float64(p.Total-p.Done) / p.ItemsPerSec * float64(time.Second))
			}
		}
		opts.Progress(p)
	}
	fail := func(pos, id string, err error) {
		sum.Failed++
		sum.Failures = append(sum.Failures, ingest.Failure{Pos: pos, ID: id, Reason: err.Error()})
	}
	// settle waits for the oldest publication; a failed one is retried
	// synchronously (the server deduplicates it if it did arrive).
	var queue []*pending
	settle := func() {
		p := queue[0]
		queue = queue[1:]
		var ack *jetstream.PubAck
		var err error
		select {
		case ack = <-p.fut.Ok():
		case err = <-p.fut.Err():
		case <-ctx.Done():
			err = ctx.Err()
		}
		for try := 0; err != nil && try < retries && ctx.Err() == nil; try++ {
			if errors.Is(err, nats.ErrMaxPayload) {
				break
			}
			time.Sleep(backoff(try, 200*time.Millisecond, 5*time.Second))
			tctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			ack, err = js.PublishMsg(tctx, p.msg, jetstream.WithMsgID(p.id), jetstream.WithExpectStream(cfg.Stream))
			cancel()
		}
		switch {
		case err != nil:
			fail(p.pos, p.docs, fmt.Errorf("%s: publish: %w", p.pos, err))
		case ack.Duplicate:
			sum.Duplicate++
		default:
			sum.Published++
		}
	}
	readErr := r.Read(ctx, func(it ingest.Item) bool {
		sum.Read++
		defer report(false)
		if it.Err != nil {
			fail(it.Pos, it.Doc.ID, it.Err)
			return true
		}
		m := Message{Doc: it.Doc, Pos: it.Pos, Coded: it.Coded}
		if m.Doc.Hash == "" && !m.Coded {
			m.Doc.Hash = store.ContentHash(m.Doc.Text)
		}
		body, err := m.Encode()
		if err != nil {
			fail(it.Pos, it.Doc.ID, err)
			return true
		}
		sum.Bytes += int64(len(body))
		msg := nats.NewMsg(cfg.Subject)
		msg.Data = body
		id := m.MsgID()
		msg.Header.Set(HeaderDocID, m.Doc.ID)
		fut, err := js.PublishMsgAsync(msg, jetstream.WithMsgID(id), jetstream.WithExpectStream(cfg.Stream))
		if err != nil {
			if errors.Is(err, nats.ErrMaxPayload) {
				fail(it.Pos, it.Doc.ID, fmt.Errorf("%s: document of %d bytes is larger than the server's max_payload: raise max_payload in the NATS configuration: %w", it.Pos, len(body), err))
				return true
			}
			// Synchronous retries happen in settle.
			fut = failedFuture{err}
		}
		queue = append(queue, &pending{msg: msg, id: id, pos: it.Pos, docs: it.Doc.ID, fut: fut})
		for len(queue) >= window {
			settle()
		}
		return ctx.Err() == nil
	})
	for len(queue) > 0 {
		settle()
	}
	sum.Elapsed = time.Since(start)
	if s := sum.Elapsed.Seconds(); s > 0 {
		sum.PerSec = float64(sum.Published+sum.Duplicate) / s
	}
	report(true)
	if info, err := stream.Info(ctx); err == nil {
		sum.Backlog = info.State.Msgs
	}
	if readErr != nil {
		return sum, fmt.Errorf("queue: read: %w", readErr)
	}
	return sum, ctx.Err()
}

// failedFuture is a PubAckFuture that failed before it was sent.
type failedFuture struct{ err error }

func (f failedFuture) Ok() <-chan *jetstream.PubAck { return nil }
func (f failedFuture) Err() <-chan error {
	c := make(chan error, 1)
	c <- f.err
	return c
}
func (f failedFuture) Msg() *nats.Msg { return nil }
