package coder_test

import (
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/coder"
)

// TestNamesRetagged codes a sentence whose subject, a surname the
// dictionary knows, the tagger takes for something no name is: tagged
// again as a proper noun before parsing, it is the subject of the appeal.
func TestNamesRetagged(t *testing.T) {
	c := defaultCoder(t, coder.DefaultOptions())
	doc := &dyad.Document{ID: "dar", Date: time.Date(2025, 4, 19, 0, 0, 0, 0, time.UTC),
		Text: "Pakistan's foreign minister Ishaq Dar arrived in Kabul on Saturday. Dar called on the Taliban to act against the Pakistani Taliban."}
	res, err := c.CodeDocument(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Events {
		if e.Source.Code == "PAKGOV" && e.Target.Code == "AFGGOVTAL" && e.Root == "02" {
			return
		}
	}
	t.Errorf("no PAKGOV→AFGGOVTAL appeal in %d events: %+v", len(res.Events), res.Events)
}
