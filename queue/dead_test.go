package queue

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// TestDeadLetters sends poison documents through a worker: each goes to
// the dead-letter stream with its reason after its attempts, the others
// are stored, and the queue ends empty.
func TestDeadLetters(t *testing.T) {
	tests := []struct {
		name     string
		text     string // "" publishes a malformed body instead
		attempts int    // coder calls expected for the poison document
		reason   string
	}{
		{"coder error", "This story makes the coder FAIL. Badly", 3, "coding: fake coder failure (attempt 3 of 3)"},
		{"coder panic", "This story makes the coder PANIC. Badly", 3, "coder panicked"},
		{"store refuses", "This story is BADSTORE. Badly", 3, "storing: "},
		{"malformed", "", 0, "malformed message"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			if tc.text == "" {
				e.publish(t, docs(20))
				if _, err := e.js.Publish(context.Background(), DefaultSubject, []byte("{not json")); err != nil {
					t.Fatal(err)
				}
			} else {
				e.publish(t, docs(20, tc.text))
			}
			c := &fakeCoder{}
			s := runWorker(t, e.worker(t, e.st, c, WorkerOptions{Batch: 8, MaxDeliver: 3, UntilEmpty: true}), time.Minute)
			if s.New != 20 || s.Dead != 1 {
				t.Errorf("stats %+v", s)
			}
			if got := int(c.calls.Load()) - 20; got != tc.attempts {
				t.Errorf("poison document coded %d times, want %d", got, tc.attempts)
			}
			st := e.status(t)
			if st.Backlog != 0 || st.Dead.Messages != 1 || len(st.Dead.Last) != 1 {
				t.Fatalf("status %+v dead %+v", st, st.Dead)
			}
			d := st.Dead.Last[0]
			if !strings.Contains(d.Reason, tc.reason) || d.Worker == "" {
				t.Errorf("dead letter %+v, want reason %q", d, tc.reason)
			}
			if tc.text != "" && (d.DocID != "d20" || d.Pos != "test:21" || d.Deliveries != "3") {
				t.Errorf("dead letter %+v", d)
			}
		})
	}
}

// TestTooManyDeliveries delivers a message to a "worker" that never
// answers (as one that dies on it would): the real worker then finds it
// past its attempts and dead-letters it without coding it.
func TestTooManyDeliveries(t *testing.T) {
	e := newEnv(t)
	e.cfg.AckWait = 300 * time.Millisecond
	e.publish(t, docs(1))
	w := e.worker(t, e.st, &fakeCoder{}, WorkerOptions{MaxDeliver: 2, UntilEmpty: true})
	if err := w.setup(context.Background()); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		b, err := w.cons.Fetch(1, jetstream.FetchMaxWait(5*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for range b.Messages() {
			n++ // dropped without an answer
		}
		if n != 1 {
			t.Fatalf("fetch %d: %d messages", i, n)
		}
	}
	c := &fakeCoder{}
	w = e.worker(t, e.st, c, WorkerOptions{MaxDeliver: 2, UntilEmpty: true})
	s := runWorker(t, w, 30*time.Second)
	if s.Dead != 1 || s.New != 0 || c.calls.Load() != 0 {
		t.Errorf("stats %+v, coder calls %d", s, c.calls.Load())
	}
	st := e.status(t)
	if len(st.Dead.Last) != 1 || !strings.Contains(st.Dead.Last[0].Reason, "delivered 3 times") {
		t.Errorf("dead %+v", st.Dead)
	}
}

// TestGracefulStop cancels a worker in the middle of a batch: Run returns
// without error, documents coded are stored and acknowledged, the rest
// are handed back, and a second worker finishes the queue with every
// document stored once.
func TestGracefulStop(t *testing.T) {
	e := newEnv(t)
	e.publish(t, docs(200))
	c := &fakeCoder{delay: 5 * time.Millisecond}
	ctx, cancel := context.WithCancel(context.Background())
	w := e.worker(t, e.st, c, WorkerOptions{Batch: 40, Concurrency: 2})
	var s1 *WorkerStats
	var err error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s1, err = w.Run(ctx)
	}()
	for c.calls.Load() < 50 {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if s1.New == 0 || s1.New >= 200 {
		t.Errorf("first worker stored %d documents: want a part", s1.New)
	}
	st := e.status(t)
	if st.Consumer.AckPending != 0 {
		// Handed back messages are ack-pending only until the server
		// processed the naks.
		time.Sleep(200 * time.Millisecond)
		st = e.status(t)
	}
	if int(st.Backlog) != 200-s1.New {
		t.Errorf("after stop: backlog %d, stored %d", st.Backlog, s1.New)
	}
	s2 := runWorker(t, e.worker(t, e.st, c, WorkerOptions{UntilEmpty: true}), time.Minute)
	if s1.New+s2.New != 200 || s2.Dead != 0 {
		t.Errorf("stored %d + %d", s1.New, s2.New)
	}
	ss, _ := e.st.Stats(context.Background())
	if ss.Documents != 200 {
		t.Errorf("store %+v", ss)
	}
}

// TestStatusWorkers checks that a running worker shows in the status with
// its counts, and that the JSON form carries them.
func TestStatusWorkers(t *testing.T) {
	e := newEnv(t)
	e.publish(t, docs(100))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w := e.worker(t, e.st, &fakeCoder{delay: 20 * time.Millisecond}, WorkerOptions{ID: "alpha", Batch: 10, Concurrency: 1, Heartbeat: 200 * time.Millisecond})
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.Run(ctx)
	}()
	var st *Status
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		s, err := GetStatus(ctx, e.js, e.cfg, StatusOptions{Interval: 300 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Workers) == 1 && s.Workers[0].New > 0 && s.DrainedPerSec > 0 {
			st = s
			break
		}
	}
	if st == nil {
		t.Fatal("no worker with progress in the status")
	}
	ws := st.Workers[0]
	if ws.ID != "alpha" || ws.Concurrency != 1 || ws.Batch != 10 || st.Backlog == 0 || st.Consumer.AckPending == 0 {
		t.Errorf("status %+v worker %+v", st, ws)
	}
	b, err := json.Marshal(st)
	if err != nil || !strings.Contains(string(b), `"id":"alpha"`) || !strings.Contains(string(b), `"backlog":`) {
		t.Errorf("json %s %v", b, err)
	}
	cancel()
	<-done
	// The stopped worker removed its heartbeat.
	if s := e.status(t); len(s.Workers) != 0 {
		t.Errorf("workers after stop: %+v", s.Workers)
	}
}

// TestServerRestart stops the NATS server while two workers run and
// starts it again on the same port and store: the workers reconnect and
// finish, and every document is stored exactly once.
func TestServerRestart(t *testing.T) {
	e := newEnv(t)
	const n = 400
	e.publish(t, docs(n))
	c := &fakeCoder{delay: 3 * time.Millisecond}
	var wg sync.WaitGroup
	stats := make([]*WorkerStats, 2)
	for i := range stats {
		// Each worker has its own connection, as separate processes would.
		we := &env{srv: e.srv, cfg: e.cfg}
		we.connect(t)
		wg.Add(1)
		go func() {
			defer wg.Done()
			stats[i] = runWorker(t, we.worker(t, e.st, c, WorkerOptions{Batch: 16, Concurrency: 1, UntilEmpty: true}), 2*time.Minute)
		}()
	}
	for c.calls.Load() < n/4 {
		time.Sleep(5 * time.Millisecond)
	}
	e.srv.Stop()
	time.Sleep(1500 * time.Millisecond)
	e.srv.Restart(t)
	wg.Wait()
	if t.Failed() {
		return
	}
	ss, _ := e.st.Stats(context.Background())
	if ss.Documents != n || ss.Mentions != 3*n {
		t.Errorf("store after restart: %+v; workers %+v %+v", ss, stats[0], stats[1])
	}
	if d := stats[0].Dead + stats[1].Dead; d != 0 {
		t.Errorf("%d dead letters", d)
	}
	st := e.status(t)
	if st.Backlog != 0 {
		t.Errorf("backlog %d after the run", st.Backlog)
	}
	t.Logf("workers: %d+%d new, %d+%d duplicate, %d+%d received", stats[0].New, stats[1].New, stats[0].Duplicate, stats[1].Duplicate, stats[0].Received, stats[1].Received)
}
