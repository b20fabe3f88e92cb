// Package queue distributes document coding over NATS JetStream.
//
// "dyad ingest --queue" publishes documents (Publisher) to a work-queue
// stream; any number of "dyad worker" processes (Worker) pull them through
// one shared durable consumer, code them, store them with store.PutBatch
// and acknowledge each message only after the transaction that stored it
// has committed. "dyad queue status" reads the backlog, the workers'
// heartbeats and the dead letters (GetStatus).
//
// Delivery is at least once: a worker that dies before its commit leaves
// its messages unacknowledged and JetStream delivers them again after the
// consumer's ack wait. Storage is idempotent (a document with a stored id,
// content hash or URL is reported as a duplicate, never stored twice), so
// every document is stored exactly once however often it is delivered.
//
// Layout on the server (names in Config, defaults below):
//
//	stream DYAD_DOCS   subject dyad.docs, work-queue retention, file storage,
//	                   duplicate window 1 h on Nats-Msg-Id (the content hash)
//	consumer dyad-workers  durable pull consumer, explicit acks
//	stream DYAD_DEAD   subject dyad.dead, limits retention, dead letters
//	                   with the reason in Dyad-* headers, kept 30 days
//	KV dyad_workers    worker heartbeats, each key expires after 30 s
package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/dyad-events/dyad/store"
)

// Names and defaults of the JetStream objects dyad uses.
const (
	DefaultStream        = "DYAD_DOCS"
	DefaultSubject       = "dyad.docs"
	DefaultConsumer      = "dyad-workers"
	DefaultDeadStream    = "DYAD_DEAD"
	DefaultDeadSubject   = "dyad.dead"
	DefaultWorkersBucket = "dyad_workers"
	// DefaultDuplicates is the stream's duplicate window: a message whose
	// Nats-Msg-Id was published within it is dropped by the server.
	DefaultDuplicates = time.Hour
	// DefaultAckWait is how long a delivered message may stay
	// unacknowledged before JetStream delivers it again. Workers extend it
	// (InProgress) while they work on a message.
	DefaultAckWait = 30 * time.Second
	// DefaultMaxAckPending bounds the messages delivered and not yet
	// acknowledged, over all workers.
	DefaultMaxAckPending = 20000
	// DefaultDeadMaxAge is how long dead letters are kept.
	DefaultDeadMaxAge = 30 * 24 * time.Hour
	// heartbeatTTL is how long a worker's heartbeat stays visible.
	heartbeatTTL = 30 * time.Second
)

// Header names set on dead letters, next to the original body.
const (
	HeaderDeadReason = "Dyad-Dead-Reason"
	HeaderDeliveries = "Dyad-Deliveries"
	HeaderDocID      = "Dyad-Doc-Id"
	HeaderStreamSeq  = "Dyad-Stream-Seq"
	HeaderWorker     = "Dyad-Worker"
	HeaderDeadTime   = "Dyad-Dead-Time"
	HeaderPos        = "Dyad-Pos"
)

// Config names the JetStream objects and sets how they are created. The
// zero value means the defaults; a stream or consumer that already exists
// is used as it is (Replicas and Duplicates apply only on creation).
type Config struct {
	Stream        string
	Subject       string
	Consumer      string
	DeadStream    string
	DeadSubject   string
	WorkersBucket string
	// Replicas is the number of copies of each stream in a cluster (1 or
	// 3; 0 means 1).
	Replicas int
	// Duplicates is the duplicate window of the document stream.
	Duplicates time.Duration
	// AckWait is the consumer's ack wait.
	AckWait time.Duration
}

// WithDefaults returns c with its zero fields set to the defaults.
func (c Config) WithDefaults() Config {
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	def(&c.Stream, DefaultStream)
	def(&c.Subject, DefaultSubject)
	def(&c.Consumer, DefaultConsumer)
	def(&c.DeadStream, DefaultDeadStream)
	def(&c.DeadSubject, DefaultDeadSubject)
	def(&c.WorkersBucket, DefaultWorkersBucket)
	if c.Replicas <= 0 {
		c.Replicas = 1
	}
	if c.Duplicates <= 0 {
		c.Duplicates = DefaultDuplicates
	}
	if c.AckWait <= 0 {
		c.AckWait = DefaultAckWait
	}
	return c
}

// Address is a parsed --queue value: one or more server URLs separated by
// commas, with options in a query string at the end:
//
//	nats://n1:4222,nats://n2:4222,nats://n3:4222?replicas=3&creds=/etc/dyad/nats.creds
type Address struct {
	// Servers are the server URLs, as nats.Connect takes them.
	Servers string
	// Replicas is the replicas= option (0 when absent).
	Replicas int
	// Creds is the creds= option: a NATS credentials file.
	Creds string
	// Name is the name= option: the connection name shown by the server.
	Name string
}

// ParseAddress parses a --queue value (see Address).
func ParseAddress(s string) (Address, error) {
	var a Address
	s = strings.TrimSpace(s)
	if s == "" {
		return a, errors.New("empty queue address")
	}
	servers, query, _ := strings.Cut(s, "?")
	for _, u := range strings.Split(servers, ",") {
		u = strings.TrimSpace(u)
		if u == "" {
			return a, fmt.Errorf("queue address %q: empty server URL", s)
		}
		pu, err := url.Parse(u)
		if err != nil {
			return a, fmt.Errorf("queue address %q: %w", s, err)
		}
		switch pu.Scheme {
		case "nats", "tls", "ws", "wss":
		default:
			return a, fmt.Errorf("queue address %q: want nats://HOST:PORT (or tls://, ws://, wss://), not scheme %q", s, pu.Scheme)
		}
		if pu.Host == "" {
			return a, fmt.Errorf("queue address %q: no host in %q", s, u)
		}
	}
	a.Servers = servers
	q, err := url.ParseQuery(query)
	if err != nil {
		return a, fmt.Errorf("queue address %q: options: %w", s, err)
	}
	for k, v := range q {
		val := v[len(v)-1]
		switch k {
		case "replicas":
			n, err := strconv.Atoi(val)
			if err != nil || n < 1 || n > 5 {
				return a, fmt.Errorf("queue address %q: replicas=%q: want 1 to 5", s, val)
			}
			a.Replicas = n
		case "creds":
			a.Creds = val
		case "name":
			a.Name = val
		default:
			return a, fmt.Errorf("queue address %q: unknown option %q (known: replicas, creds, name)", s, k)
		}
	}
	return a, nil
}

// Logf logs one line; nil discards.
type Logf func(format string, args ...any)

func (l Logf) printf(format string, args ...any) {
	if l != nil {
		l(format, args...)
	}
}

// Connect connects to the servers of a, reconnecting forever with a
// backoff of 100 ms doubling to 5 s (with jitter) whenever the connection
// is lost, and logging disconnections and reconnections through logf.
// With waitFirst the first connection is retried the same way, so that a
// worker may start before its servers (the returned connection is then
// still connecting); without it an unreachable server is an error.
func Connect(a Address, logf Logf, waitFirst bool) (*nats.Conn, error) {
	name := a.Name
	if name == "" {
		name = "dyad"
	}
	opts := []nats.Option{
		nats.Name(name),
		nats.MaxReconnects(-1),
		nats.RetryOnFailedConnect(waitFirst),
		nats.CustomReconnectDelay(reconnectDelay),
		nats.ReconnectBufSize(64 << 20),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			// A nil error is a deliberate close: nothing to report.
			if err != nil {
				logf.printf("queue: disconnected: %v; reconnecting", err)
			}
		}),
		nats.ReconnectHandler(func(c *nats.Conn) {
			logf.printf("queue: reconnected to %s", c.ConnectedUrlRedacted())
		}),
		nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) {
			logf.printf("queue: %v", err)
		}),
	}
	if a.Creds != "" {
		opts = append(opts, nats.UserCredentials(a.Creds))
	}
	nc, err := nats.Connect(a.Servers, opts...)
	if err != nil {
		return nil, fmt.Errorf("queue: connect %s: %w", redact(a.Servers), err)
	}
	return nc, nil
}

// reconnectDelay is the wait before reconnect attempt n: 100 ms doubling
// to 5 s, plus up to 20% jitter.
func reconnectDelay(attempts int) time.Duration {
	d := backoff(attempts, 100*time.Millisecond, 5*time.Second)
	return d + time.Duration(rand.Int64N(int64(d)/5+1))
}

// backoff returns base·2^n capped at max.
func backoff(n int, base, max time.Duration) time.Duration {
	d := base
	for i := 0; i < n && d < max; i++ {
		d *= 2
	}
	return min(d, max)
}

// redact removes passwords from server URLs for messages.
func redact(servers string) string {
	parts := strings.Split(servers, ",")
	for i, p := range parts {
		if u, err := url.Parse(strings.TrimSpace(p)); err == nil && u.User != nil {
			parts[i] = u.Redacted()
		}
	}
	return strings.Join(parts, ",")
}

// EnsureStreams returns the document stream, creating it and the dead
// letter stream when missing. Existing streams are used as they are.
func EnsureStreams(ctx context.Context, js jetstream.JetStream, cfg Config) (jetstream.Stream, error) {
	cfg = cfg.WithDefaults()
	docs, err := ensureStream(ctx, js, jetstream.StreamConfig{
		Name:        cfg.Stream,
		Description: "dyad documents waiting to be coded (dyad ingest --queue → dyad worker)",
		Subjects:    []string{cfg.Subject},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
		Replicas:    cfg.Replicas,
		Duplicates:  cfg.Duplicates,
		Discard:     jetstream.DiscardOld,
	})
	if err != nil {
		return nil, err
	}
	if _, err := ensureStream(ctx, js, jetstream.StreamConfig{
		Name:        cfg.DeadStream,
		Description: "dyad documents that could not be coded or stored (dead letters)",
		Subjects:    []string{cfg.DeadSubject},
		Retention:   jetstream.LimitsPolicy,
		Storage:     jetstream.FileStorage,
		Replicas:    cfg.Replicas,
		MaxAge:      DefaultDeadMaxAge,
		Duplicates:  10 * time.Minute,
	}); err != nil {
		return nil, err
	}
	return docs, nil
}

func ensureStream(ctx context.Context, js jetstream.JetStream, sc jetstream.StreamConfig) (jetstream.Stream, error) {
	s, err := js.Stream(ctx, sc.Name)
	if err == nil {
		return s, nil
	}
	if !errors.Is(err, jetstream.ErrStreamNotFound) {
		return nil, fmt.Errorf("queue: stream %s: %w", sc.Name, err)
	}
	s, err = js.CreateStream(ctx, sc)
	if errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
		// Another process created it in the meantime.
		s, err = js.Stream(ctx, sc.Name)
	}
	if err != nil {
		return nil, fmt.Errorf("queue: create stream %s: %w", sc.Name, err)
	}
	return s, nil
}

// EnsureConsumer returns the workers' durable pull consumer, creating it
// when missing. When updateAckWait is set and the existing consumer has
// another ack wait, it is updated to cfg.AckWait.
func EnsureConsumer(ctx context.Context, s jetstream.Stream, cfg Config, updateAckWait bool) (jetstream.Consumer, error) {
	cfg = cfg.WithDefaults()
	cc := jetstream.ConsumerConfig{
		Durable:       cfg.Consumer,
		Description:   "dyad workers: code, store, then acknowledge",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       cfg.AckWait,
		MaxDeliver:    -1, // the workers dead-letter after --max-deliver
		MaxAckPending: DefaultMaxAckPending,
		FilterSubject: cfg.Subject,
		DeliverPolicy: jetstream.DeliverAllPolicy,
		Replicas:      0, // as the stream
	}
	c, err := s.Consumer(ctx, cfg.Consumer)
	switch {
	case err == nil:
		if updateAckWait && c.CachedInfo().Config.AckWait != cfg.AckWait {
			cur := c.CachedInfo().Config
			cur.AckWait = cfg.AckWait
			if c, err = s.UpdateConsumer(ctx, cur); err != nil {
				return nil, fmt.Errorf("queue: update consumer %s: %w", cfg.Consumer, err)
			}
		}
		return c, nil
	case !errors.Is(err, jetstream.ErrConsumerNotFound):
		return nil, fmt.Errorf("queue: consumer %s: %w", cfg.Consumer, err)
	}
	c, err = s.CreateConsumer(ctx, cc)
	if errors.Is(err, jetstream.ErrConsumerExists) {
		c, err = s.Consumer(ctx, cfg.Consumer)
	}
	if err != nil {
		return nil, fmt.Errorf("queue: create consumer %s: %w", cfg.Consumer, err)
	}
	return c, nil
}

// Message is the body of a queued document (JSON).
type Message struct {
	// Doc is the document as read, with its publication date resolved and
	// its content hash set; for coded items also its events.
	Doc store.Doc `json:"doc"`
	// Pos is where it was read ("file:line").
	Pos string `json:"pos,omitempty"`
	// Coded reports that Doc.Events are already coded (GDELT rows): the
	// worker stores them without coding.
	Coded bool `json:"coded,omitempty"`
	// AppendEvents is Doc.AppendEvents (which JSON does not carry).
	AppendEvents bool `json:"append_events,omitempty"`
}

// MsgID returns the Nats-Msg-Id of a message: "sha:" and the content hash
// for documents with text (the same text is the same document, whatever
// its id, exactly as the store deduplicates), else "id:" and the document
// id, and for coded rows "ev:" and the first event id.
func (m *Message) MsgID() string {
	switch {
	case m.Coded && len(m.Doc.Events) > 0:
		return "ev:" + m.Doc.Events[0].ID
	case m.Doc.Hash != "":
		return "sha:" + m.Doc.Hash
	}
	return "id:" + m.Doc.ID
}

// Encode returns the JSON body of m.
func (m *Message) Encode() ([]byte, error) {
	m.AppendEvents = m.Doc.AppendEvents
	b, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("queue: encode %s: %w", m.Doc.ID, err)
	}
	return b, nil
}

// Decode parses a message body.
func Decode(b []byte) (*Message, error) {
	var m Message
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("malformed message: %w", err)
	}
	if m.Doc.ID == "" {
		return nil, errors.New("malformed message: document without id")
	}
	m.Doc.AppendEvents = m.AppendEvents
	return &m, nil
}
