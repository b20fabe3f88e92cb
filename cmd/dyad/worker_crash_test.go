package main

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dyad-events/dyad/queue"
	"github.com/dyad-events/dyad/queue/queuetest"
	"github.com/dyad-events/dyad/store"
)

// TestDyadChild is dyad itself in the child processes of the process
// tests: it runs the command line in $DYAD_CHILD_ARGS (a JSON array) with
// the signal handling of main and exits with its status.
func TestDyadChild(t *testing.T) {
	raw := os.Getenv("DYAD_CHILD_ARGS")
	if raw == "" {
		t.Skip("run by the process tests")
	}
	var args []string
	if err := json.Unmarshal([]byte(raw), &args); err != nil {
		t.Fatal(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}, args)
	stop()
	os.Exit(code)
}

// syncBuffer is a bytes.Buffer safe for a child's two output streams.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// child is a dyad process started by a test.
type child struct {
	cmd  *exec.Cmd
	out  *syncBuffer
	done chan struct{}
	err  error
}

func startChild(t *testing.T, args ...string) *child {
	t.Helper()
	b, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^TestDyadChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "DYAD_CHILD_ARGS="+string(b))
	c := &child{cmd: cmd, out: &syncBuffer{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = c.out, c.out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		c.err = cmd.Wait()
		close(c.done)
	}()
	t.Cleanup(func() {
		select {
		case <-c.done:
		default:
			cmd.Process.Kill()
			<-c.done
		}
	})
	return c
}

func (c *child) exited() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// wait waits for the child to exit and returns its status (-1 on timeout).
func (c *child) wait(timeout time.Duration) int {
	select {
	case <-c.done:
	case <-time.After(timeout):
		return -1
	}
	if c.err == nil {
		return 0
	}
	if ee, ok := c.err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	return -1
}

// storeStats opens the store, checks it and counts what it holds.
func storeStats(t *testing.T, url string) store.Stats {
	t.Helper()
	st, err := openStore(url)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if c, ok := st.(interface {
		Check(context.Context) ([]string, error)
	}); ok {
		if probs, err := c.Check(ctx); err != nil || len(probs) > 0 {
			t.Errorf("store check: %v %v", probs, err)
		}
	}
	s, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// queueStatus reads the queue's status.
func queueStatus(t *testing.T, url string) *queue.Status {
	t.Helper()
	s, err := queue.GetStatus(context.Background(), jsFor(t, url), queue.Config{}, queue.StatusOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// processCorpusCopies is the size of the process tests' corpus, in copies
// of examples/news (114 stories each).
const processCorpusCopies = 8

func setupProcessTest(t *testing.T) (srv *queuetest.Server, corpus string, n int, db string) {
	t.Helper()
	srv = queuetest.Start(t)
	corpus, n = writeQueueCorpus(t, t.TempDir(), processCorpusCopies)
	code, out, stderr := runStoreCLI(t, "", "ingest", "--queue", srv.URL, "--progress", "none", corpus)
	if code != exitOK {
		t.Fatalf("publish: exit %d\n%s\n%s", code, out, stderr)
	}
	return srv, corpus, n, testStoreURL(t, "workers")
}

// waitStored polls the store until it holds more than n documents or the
// child exits.
func waitStored(t *testing.T, db string, n int, c *child, timeout time.Duration) int {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) && !c.exited() {
		st, err := openStore(db)
		if err != nil {
			t.Fatal(err)
		}
		s, err := st.Stats(context.Background())
		st.Close()
		if err == nil && s.Documents > n {
			return s.Documents
		}
		time.Sleep(20 * time.Millisecond)
	}
	return -1
}

// TestWorkerCrash kills a worker process with SIGKILL ten times at random
// moments while it codes and stores, restarting it each time, then lets
// one finish: no document may be lost or stored twice, and the store must
// equal a single-process ingest of the same input.
func TestWorkerCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 10 worker processes (15 to 40 s)")
	}
	srv, corpus, n, db := setupProcessTest(t)
	args := []string{"worker", "--queue", srv.URL, "--db", db, "--batch", "8", "--concurrency", "1",
		"--ack-wait", "2s", "--max-deliver", "100", "--heartbeat", "1s"}
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 8))
	stored := 0
	for i := 0; i < 10; i++ {
		t0 := time.Now()
		c := startChild(t, args...)
		// Kill it at a random moment once it is working: after its first
		// commit of this life.
		now := waitStored(t, db, stored, c, time.Minute)
		if now < 0 {
			t.Fatalf("kill %d: the worker stored nothing (exited %v)\n%s", i, c.exited(), c.out.String())
		}
		time.Sleep(time.Duration(r.IntN(400)) * time.Millisecond)
		c.cmd.Process.Signal(syscall.SIGKILL)
		if code := c.wait(10 * time.Second); code == 0 {
			t.Fatalf("kill %d: the worker exited normally\n%s", i, c.out.String())
		}
		s := storeStats(t, db)
		if s.Documents >= n {
			t.Fatalf("kill %d: all %d documents stored before the kill: the kills miss the work; make the corpus larger", i, n)
		}
		t.Logf("kill %d: %d documents stored (life %s)", i+1, s.Documents, time.Since(t0).Round(time.Millisecond))
		stored = s.Documents
	}
	c := startChild(t, append(args, "--until-empty")...)
	if code := c.wait(3 * time.Minute); code != 0 {
		t.Fatalf("final worker: exit %d\n%s", code, c.out.String())
	}
	qs := queueStatus(t, srv.URL)
	if qs.Backlog != 0 || qs.Dead.Messages != 0 {
		t.Errorf("after the final run: backlog %d, %d dead letters %+v", qs.Backlog, qs.Dead.Messages, qs.Dead.Last)
	}
	got := dumpStore(t, db)
	if len(got.docs) != n {
		t.Errorf("%d documents stored, want %d", len(got.docs), n)
	}
	compareDumps(t, got, referenceDump(t, corpus, "process"))
	t.Logf("final worker: %s", lastLines(c.out.String(), 3))
}

// TestWorkerNATSRestart stops the NATS server while two worker processes
// run and starts it again on the same port and store: the workers
// reconnect and finish, and nothing is lost or stored twice.
func TestWorkerNATSRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("restarts NATS under two worker processes (about 10 s)")
	}
	srv, corpus, n, db := setupProcessTest(t)
	args := []string{"worker", "--queue", srv.URL, "--db", db, "--batch", "16", "--concurrency", "1",
		"--ack-wait", "3s", "--max-deliver", "100", "--until-empty"}
	ws := []*child{startChild(t, args...), startChild(t, args...)}
	if waitStored(t, db, n/4, ws[0], 2*time.Minute) < 0 {
		t.Fatalf("the workers stored too little\n%s", ws[0].out.String())
	}
	srv.Stop()
	down := storeStats(t, db).Documents
	time.Sleep(2 * time.Second)
	for i, w := range ws {
		if w.exited() {
			t.Fatalf("worker %d exited while NATS was down\n%s", i, w.out.String())
		}
	}
	srv.Restart(t)
	for i, w := range ws {
		if code := w.wait(3 * time.Minute); code != 0 {
			t.Fatalf("worker %d: exit %d\n%s", i, code, w.out.String())
		}
		if !strings.Contains(w.out.String(), "reconnected") {
			t.Errorf("worker %d did not log its reconnection:\n%s", i, w.out.String())
		}
	}
	t.Logf("NATS stopped with %d of %d documents stored", down, n)
	qs := queueStatus(t, srv.URL)
	if qs.Backlog != 0 || qs.Dead.Messages != 0 {
		t.Errorf("after the run: backlog %d, %d dead letters", qs.Backlog, qs.Dead.Messages)
	}
	got := dumpStore(t, db)
	if len(got.docs) != n {
		t.Errorf("%d documents stored, want %d", len(got.docs), n)
	}
	compareDumps(t, got, referenceDump(t, corpus, "process"))
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}

// TestCorpusFile checks the process tests' corpus: distinct ids and texts.
func TestCorpusFile(t *testing.T) {
	corpus, n := writeQueueCorpus(t, t.TempDir(), 2)
	b, err := os.ReadFile(corpus)
	if err != nil {
		t.Fatal(err)
	}
	ids, texts := map[string]bool{}, map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var r struct{ ID, Text string }
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		ids[r.ID], texts[store.NormalizeText(r.Text)] = true, true
	}
	if len(ids) != n || len(texts) != n || n < 200 {
		t.Errorf("%d documents, %d ids, %d texts", n, len(ids), len(texts))
	}
	if filepath.Ext(corpus) != ".jsonl" {
		t.Errorf("corpus %s", corpus)
	}
}
