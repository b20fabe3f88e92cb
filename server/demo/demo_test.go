package demo

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/dyad-events/dyad/ingest"
)

func TestEmbeddedCorpus(t *testing.T) {
	n, err := Count()
	if err != nil {
		t.Fatal(err)
	}
	if n != 113 {
		t.Errorf("%d embedded stories, want the 113 of examples/news", n)
	}
	ids := map[string]bool{}
	err = Reader().Read(context.Background(), func(it ingest.Item) bool {
		if it.Err != nil {
			t.Errorf("%s: %v", it.Pos, it.Err)
		}
		if ids[it.Doc.ID] || it.Doc.Text == "" || it.Doc.Date.IsZero() {
			t.Errorf("%s: id %q duplicate, empty or undated", it.Pos, it.Doc.ID)
		}
		ids[it.Doc.ID] = true
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCopyIsCurrent keeps the embedded copy in step with examples/news
// (run "go generate ./server/demo" after changing the examples).
func TestCopyIsCurrent(t *testing.T) {
	src, _ := filepath.Glob("../../examples/news/*.jsonl")
	if len(src) == 0 {
		t.Skip("examples/news not found")
	}
	for _, p := range src {
		want, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := news.ReadFile("news/" + filepath.Base(p))
		if err != nil || string(got) != string(want) {
			t.Errorf("news/%s differs from %s: run go generate ./server/demo", filepath.Base(p), p)
		}
	}
}
