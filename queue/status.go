package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Status describes the queue: backlog, rates, workers and dead letters.
type Status struct {
	Stream   StreamStatus    `json:"stream"`
	Consumer *ConsumerStatus `json:"consumer,omitempty"`
	// Backlog is the number of documents not yet stored: waiting plus
	// being worked on.
	Backlog uint64 `json:"backlog"`
	// Rates are measured over Interval between two samples.
	Interval time.Duration `json:"interval"`
	// PublishedPerSec is the rate at which documents entered the stream.
	PublishedPerSec float64 `json:"published_per_sec"`
	// DrainedPerSec is the rate at which documents left it (stored,
	// duplicate or dead-lettered).
	DrainedPerSec float64 `json:"drained_per_sec"`
	// WorkerDocsPerSec is the sum of the workers' recent rates.
	WorkerDocsPerSec float64 `json:"worker_documents_per_sec"`
	// ETA is Backlog at the workers' rate; 0 when unknown.
	ETA     time.Duration `json:"eta"`
	Workers []WorkerStats `json:"workers"`
	Dead    DeadStatus    `json:"dead"`
}

// StreamStatus is the document stream's state.
type StreamStatus struct {
	Name      string    `json:"name"`
	Subjects  []string  `json:"subjects"`
	Messages  uint64    `json:"messages"`
	Bytes     uint64    `json:"bytes"`
	FirstSeq  uint64    `json:"first_seq"`
	LastSeq   uint64    `json:"last_seq"`
	LastTime  time.Time `json:"last_time"`
	Replicas  int       `json:"replicas"`
	Storage   string    `json:"storage"`
	Retention string    `json:"retention"`
	// Duplicates is the duplicate window.
	Duplicates time.Duration `json:"duplicates"`
}

// ConsumerStatus is the workers' consumer's state.
type ConsumerStatus struct {
	Name string `json:"name"`
	// Pending counts messages not yet delivered.
	Pending uint64 `json:"pending"`
	// AckPending counts messages delivered and not yet acknowledged
	// (being coded or stored, or waiting for redelivery).
	AckPending int `json:"ack_pending"`
	// Redelivered counts unacknowledged messages delivered more than once.
	Redelivered int `json:"redelivered"`
	// Waiting counts open pull requests (idle workers).
	Waiting int           `json:"waiting"`
	AckWait time.Duration `json:"ack_wait"`
}

// DeadStatus describes the dead letters.
type DeadStatus struct {
	Stream   string `json:"stream"`
	Subject  string `json:"subject"`
	Messages uint64 `json:"messages"`
	// Last are the newest dead letters, newest first.
	Last []DeadLetter `json:"last"`
}

// DeadLetter is one document that could not be coded or stored.
type DeadLetter struct {
	Seq        uint64    `json:"seq"`
	Time       time.Time `json:"time"`
	DocID      string    `json:"doc_id"`
	Pos        string    `json:"pos,omitempty"`
	Reason     string    `json:"reason"`
	Deliveries string    `json:"deliveries"`
	Worker     string    `json:"worker"`
}

// StatusOptions configure GetStatus.
type StatusOptions struct {
	// Interval between the two samples the rates come from; 0 measures
	// no rates.
	Interval time.Duration
	// Dead is the number of newest dead letters to list; 0 means 5.
	Dead int
}

// ErrNoStream is returned by GetStatus when the document stream does not
// exist yet (nothing was ever published or worked on).
var ErrNoStream = errors.New("no document stream: nothing was published to this queue yet")

// GetStatus reads the queue's state from the server.
func GetStatus(ctx context.Context, js jetstream.JetStream, cfg Config, opts StatusOptions) (*Status, error) {
	cfg = cfg.WithDefaults()
	if opts.Dead <= 0 {
		opts.Dead = 5
	}
	s, err := js.Stream(ctx, cfg.Stream)
	if errors.Is(err, jetstream.ErrStreamNotFound) {
		return nil, fmt.Errorf("stream %s: %w", cfg.Stream, ErrNoStream)
	}
	if err != nil {
		return nil, fmt.Errorf("queue: stream %s: %w", cfg.Stream, err)
	}
	st := &Status{Interval: opts.Interval}
	info1, cons1, err := sample(ctx, s, cfg)
	if err != nil {
		return nil, err
	}
	info, cons := info1, cons1
	if opts.Interval > 0 {
		t0 := time.Now()
		select {
		case <-time.After(opts.Interval):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if info, cons, err = sample(ctx, s, cfg); err != nil {
			return nil, err
		}
		el := time.Since(t0).Seconds()
		pub := float64(info.State.LastSeq - info1.State.LastSeq)
		st.PublishedPerSec = pub / el
		// Messages left = messages before + published - messages after.
		st.DrainedPerSec = (float64(info1.State.Msgs) + pub - float64(info.State.Msgs)) / el
	}
	c := info.Config
	st.Stream = StreamStatus{Name: c.Name, Subjects: c.Subjects, Messages: info.State.Msgs, Bytes: info.State.Bytes,
		FirstSeq: info.State.FirstSeq, LastSeq: info.State.LastSeq, LastTime: info.State.LastTime,
		Replicas: c.Replicas, Storage: c.Storage.String(), Retention: c.Retention.String(), Duplicates: c.Duplicates}
	st.Backlog = info.State.Msgs
	if cons != nil {
		st.Consumer = &ConsumerStatus{Name: cons.Name, Pending: cons.NumPending, AckPending: cons.NumAckPending,
			Redelivered: cons.NumRedelivered, Waiting: cons.NumWaiting, AckWait: cons.Config.AckWait}
	}
	st.Workers = workers(ctx, js, cfg)
	for _, w := range st.Workers {
		st.WorkerDocsPerSec += w.RecentDocsPerSec
	}
	if st.WorkerDocsPerSec > 0 && st.Backlog > 0 {
		st.ETA = time.Duration(float64(st.Backlog) / st.WorkerDocsPerSec * float64(time.Second))
	}
	st.Dead = deadLetters(ctx, js, cfg, opts.Dead)
	return st, nil
}

// sample reads the stream's and the consumer's state; the consumer is
// nil when no worker created it yet.
func sample(ctx context.Context, s jetstream.Stream, cfg Config) (*jetstream.StreamInfo, *jetstream.ConsumerInfo, error) {
	info, err := s.Info(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("queue: stream %s: %w", cfg.Stream, err)
	}
	c, err := s.Consumer(ctx, cfg.Consumer)
	if errors.Is(err, jetstream.ErrConsumerNotFound) {
		return info, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("queue: consumer %s: %w", cfg.Consumer, err)
	}
	ci, err := c.Info(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("queue: consumer %s: %w", cfg.Consumer, err)
	}
	return info, ci, nil
}

// workers reads the live workers' heartbeats, by id.
func workers(ctx context.Context, js jetstream.JetStream, cfg Config) []WorkerStats {
	kv, err := js.KeyValue(ctx, cfg.WorkersBucket)
	if err != nil {
		return nil
	}
	keys, err := kv.Keys(ctx)
	if err != nil {
		return nil
	}
	var out []WorkerStats
	for _, k := range keys {
		e, err := kv.Get(ctx, k)
		if err != nil {
			continue
		}
		var ws WorkerStats
		if json.Unmarshal(e.Value(), &ws) == nil {
			out = append(out, ws)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// deadLetters counts the dead letters and reads the newest n.
func deadLetters(ctx context.Context, js jetstream.JetStream, cfg Config, n int) DeadStatus {
	d := DeadStatus{Stream: cfg.DeadStream, Subject: cfg.DeadSubject}
	s, err := js.Stream(ctx, cfg.DeadStream)
	if err != nil {
		return d
	}
	info, err := s.Info(ctx)
	if err != nil {
		return d
	}
	d.Messages = info.State.Msgs
	for seq := info.State.LastSeq; seq >= info.State.FirstSeq && seq > 0 && len(d.Last) < n; seq-- {
		m, err := s.GetMsg(ctx, seq)
		if err != nil {
			continue
		}
		d.Last = append(d.Last, DeadLetter{Seq: seq, Time: m.Time, DocID: m.Header.Get(HeaderDocID), Pos: m.Header.Get(HeaderPos),
			Reason: m.Header.Get(HeaderDeadReason), Deliveries: m.Header.Get(HeaderDeliveries), Worker: m.Header.Get(HeaderWorker)})
	}
	return d
}
