package ingest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

const killDocs = 1500

// writeKillCorpus writes killDocs documents of three sentences each as
// JSON Lines plus a few text files.
func writeKillCorpus(t *testing.T, dir string) {
	t.Helper()
	var b strings.Builder
	for i := 0; i < killDocs-3; i++ {
		fmt.Fprintf(&b, `{"id":"k%d","date":"2022-01-%02d","text":"Story %d: leaders met. Troops moved %d. Talks ended %d"}`+"\n", i, i%28+1, i, i, i)
	}
	if err := os.WriteFile(filepath.Join(dir, "corpus.jsonl"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("t%d.txt", i)), []byte(fmt.Sprintf("File %d met. Second %d. Third %d", i, i, i)), 0o644)
	}
}

// TestKillChild is the ingest process that TestKillIngest kills.
func TestKillChild(t *testing.T) {
	db, corpus := os.Getenv("DYAD_KILL_DB"), os.Getenv("DYAD_KILL_CORPUS")
	if db == "" {
		t.Skip("run by TestKillIngest")
	}
	s := openStore(t, db)
	defer s.Close()
	if _, err := Run(ctx, s, fakeCoder{delay: 4 * time.Millisecond}, Paths([]string{corpus}, nil, Options{}), RunOptions{BatchSize: 16}); err != nil {
		t.Fatal(err)
	}
}

func runChild(t *testing.T, db, corpus string, killAfter time.Duration) (killed bool) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "DYAD_KILL_DB="+db, "DYAD_KILL_CORPUS="+corpus)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	if killAfter <= 0 {
		if err := <-done; err != nil {
			t.Fatalf("child: %v\n%s", err, out.String())
		}
		return false
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("child: %v\n%s", err, out.String())
		}
		return false
	case <-time.After(killAfter):
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
		return true
	}
}

// TestKillIngest kills an ingest with SIGKILL at random moments, checks the
// store after each kill, and finishes with a complete run that must equal
// an uninterrupted one.
func TestKillIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 20 child processes")
	}
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	os.Mkdir(corpus, 0o755)
	writeKillCorpus(t, corpus)
	db := filepath.Join(dir, "killed.db")
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	killed, progress := 0, 0
	for i := 0; i < 20; i++ {
		wait := time.Duration(30+r.IntN(400)) * time.Millisecond
		if runChild(t, db, corpus, wait) {
			killed++
		}
		s := openStore(t, db)
		checkDB(t, s)
		var bad int
		// No document without all its events: every stored document has
		// its three sentences' mentions.
		if err := s.DB().QueryRow(`SELECT count(*) FROM docs WHERE mentions <> 3`).Scan(&bad); err != nil || bad != 0 {
			t.Errorf("kill %d: %d documents without their 3 mentions (%v)", i, bad, err)
		}
		st := stats(t, s)
		// Whole batches only: documents come in batches of 16, except the
		// last batch of a finished run.
		if st.Documents%16 != 0 && st.Documents != killDocs {
			t.Errorf("kill %d: %d documents stored, not a whole number of batches", i, st.Documents)
		}
		progress = st.Documents
		s.Close()
	}
	t.Logf("%d of 20 runs killed; %d documents stored before the final run", killed, progress)
	if killed < 10 {
		t.Errorf("only %d runs were killed: the kill moments miss the ingest", killed)
	}
	runChild(t, db, corpus, 0)
	ref := filepath.Join(dir, "ref.db")
	runChild(t, ref, corpus, 0)
	a, b := openStore(t, db), openStore(t, ref)
	defer a.Close()
	defer b.Close()
	checkDB(t, a)
	sa, sb := stats(t, a), stats(t, b)
	if sa != sb || sa.Documents != killDocs || sa.Mentions != 3*killDocs {
		t.Errorf("after kills and a final run: %+v; uninterrupted run: %+v", sa, sb)
	}
}
