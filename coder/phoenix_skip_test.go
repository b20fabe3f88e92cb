package coder

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/dictionary"
	"github.com/dyad-events/dyad/internal/shared"
	"github.com/dyad-events/dyad/nlp"
	"github.com/dyad-events/dyad/nlp/conllu"
)

// TestPhoenixShortcutsLoseNothing codes the GUM news and the sample news
// with the Phoenix dictionaries twice: with the shortcuts (skipping
// sentences that cannot yield an event, the word-signature test before
// lexical matching) and without them. The events must be identical.
func TestPhoenixShortcutsLoseNothing(t *testing.T) {
	dir := shared.Path(t, "data/petrarch")
	if testing.Short() {
		t.Skip("codes every document twice with the Phoenix dictionaries")
	}
	d, err := dictionary.LoadPetrarch(dictionary.PetrarchFiles{
		Verbs:    filepath.Join(dir, "CAMEO.verbpatterns.150430.txt"),
		Actors:   []string{filepath.Join(dir, "Phoenix.Countries.actors.txt"), filepath.Join(dir, "Phoenix.International.actors.txt"), filepath.Join(dir, "Phoenix.MilNonState.actors.txt")},
		Agents:   filepath.Join(dir, "Phoenix.agents.txt"),
		Discards: filepath.Join(dir, "Phoenix.discards.txt"),
		Issues:   filepath.Join(dir, "Phoenix.IssueCoding.txt"),
	})
	if err != nil {
		t.Fatal(err)
	}
	p, err := nlp.Default()
	if err != nil {
		t.Fatal(err)
	}
	fast := New(d, p, DefaultOptions())
	o := DefaultOptions()
	o.NoSkip = true
	full := New(d, p, o)
	docs := append(phoenixGUM(t), phoenixSamples(t)...)
	var st Stats
	events := 0
	for i := range docs {
		a, err := fast.CodeDocument(&dyad.Document{ID: docs[i].ID, Text: docs[i].Text, Date: docs[i].Date})
		if err != nil {
			t.Fatal(err)
		}
		lexPrefilter = false
		b, err := full.CodeDocument(&dyad.Document{ID: docs[i].ID, Text: docs[i].Text, Date: docs[i].Date})
		lexPrefilter = true
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a.Events, b.Events) {
			t.Errorf("%s: the shortcuts changed the events:\nfast %v\nfull %v", docs[i].ID, a.Events, b.Events)
		}
		st.Add(a.Stats)
		events += len(a.Events)
	}
	if events == 0 {
		t.Fatal("no events coded")
	}
	t.Logf("%d documents, %d sentences, %d skipped, %d events", len(docs), st.Sentences, st.Skipped, events)
}

func phoenixGUM(t *testing.T) []dyad.Document {
	files, _ := filepath.Glob(filepath.Join(shared.Path(t, "data/gum-news"), "*.conllu"))
	var docs []dyad.Document
	for _, f := range files {
		ss, err := conllu.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, s := range ss {
			b.WriteString(s.Text())
			b.WriteByte(' ')
		}
		docs = append(docs, dyad.Document{ID: filepath.Base(f), Text: b.String(), Date: time.Date(2017, 7, 1, 0, 0, 0, 0, time.UTC)})
	}
	return docs
}

func phoenixSamples(t *testing.T) []dyad.Document {
	files, _ := filepath.Glob("../examples/news/*.jsonl")
	var docs []dyad.Document
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 0, 1<<16), 1<<22)
		for sc.Scan() {
			var rec struct{ ID, Date, Text string }
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				t.Fatal(err)
			}
			date, _ := time.Parse("2006-01-02", rec.Date)
			docs = append(docs, dyad.Document{ID: rec.ID, Text: rec.Text, Date: date})
		}
		fh.Close()
	}
	return docs
}
