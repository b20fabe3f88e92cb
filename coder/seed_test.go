package coder_test

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/coder"
	"github.com/dyad-events/dyad/internal/shared"
)

var updateSeed = flag.Bool("update-seed", false, "rewrite testdata/seed.golden")

// seedEvent is an event the seed article must yield: source and target code
// prefixes and the CAMEO root.
type seedEvent struct {
	src, tgt, root string
	why            string
}

// TestSeedArticle codes the article the project started from (dated
// 2022-03-28) and checks its main events come out with the right actors,
// and that nothing an analyst would call wrong does. The full output is kept
// in testdata/seed.golden for review (-update-seed rewrites it).
func TestSeedArticle(t *testing.T) {
	p := shared.Path(t, "data/seed/000_1f0d02c859d9679f.txt")
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	c := defaultCoder(t, coder.DefaultOptions())
	res, err := c.CodeDocument(&dyad.Document{ID: "seed", Text: string(src), Date: time.Date(2022, 3, 28, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range res.Events {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%q\t%s\n", e.Source.Code, e.Target.Code, e.CAMEO, e.Date, e.Modality, e.Verb.Text, e.Pattern)
	}
	golden := "testdata/seed.golden"
	if *updateSeed {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("seed article events:\n%s", b.String())

	required := []seedEvent{
		{"AFGGOVTAL", "CHN", "03", "a Taliban delegation will attend the meeting China will host in Beijing"},
		{"USAGOV", "AFG", "08", "the Biden administration decided to ease sanctions that had crippled the Afghan economy"},
		{"CHN", "USA", "02", "China has asked the US to release Afghan assets and lift all sanctions"},
		{"CHN", "IGOUNO", "05", "China voted in favor of the UN Security Council resolution"},
		{"USA", "IGOUNO", "05", "the US voted in favor of the UN Security Council resolution"},
		{"CHNBUS", "AFG", "06", "Chinese companies have signed deals to extract copper from the Mes Aynak mine"},
		{"CHNGOV", "AFGINSTAL", "04", "Wang Yi received a Taliban delegation led by Baradar in July 2021"},
		{"RUSGOV", "UKR", "19", "Putin's invasion of a neighbouring sovereign country (Ukraine, named next)"},
		{"RUSGOV", "IGOUNO", "11", "Moscow opposed the draft and denounced its over-emphasis on human rights"},
		{"CHN", "IGOUNO", "11", "like China, denounced its over-emphasis on human rights"},
		{"CHNGOV", "IGOUNOAMA", "01", "Zhang Jun expressed many doubts about the tasks set out in the UNAMA mandate"},
	}
	for _, r := range required {
		found := false
		for _, e := range res.Events {
			if strings.HasPrefix(e.Source.Code, r.src) && strings.HasPrefix(e.Target.Code, r.tgt) && e.Root == r.root {
				found = true
			}
		}
		if !found {
			t.Errorf("missing %s→%s root %s (%s)", r.src, r.tgt, r.root, r.why)
		}
	}
	for _, e := range res.Events {
		sc, _ := splitCountry(e.Source.Code)
		tc, _ := splitCountry(e.Target.Code)
		switch {
		case sc == "CHN" && strings.HasPrefix(e.Target.Code, "AFG") && e.Quad == 4:
			t.Errorf("China coded as using force against Afghanistan: %+v", e)
		case strings.Contains(e.SentenceText, "Comments are closed") || strings.Contains(e.SentenceText, "Photo by"):
			t.Errorf("event from page boilerplate: %+v", e)
		case sc != "" && sc == tc && e.Source.Code == e.Target.Code:
			t.Errorf("actor coded against itself: %+v", e)
		case strings.Contains(e.SentenceText, "explained his country"):
			t.Errorf("the UN presence the explanation mentions is not its target: %+v", e)
		case e.Modality == "hypothetical":
			t.Errorf("a hypothetical act coded: %+v", e)
		}
	}
}

func splitCountry(code string) (string, string) {
	if len(code) < 3 {
		return "", ""
	}
	return code[:3], code[3:]
}
