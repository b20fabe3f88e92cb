package demo

import (
	"context"
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
