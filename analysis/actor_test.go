package analysis

import (
	"context"
	"errors"
	"testing"

	"github.com/dyad-events/dyad"
)

func TestActor(t *testing.T) {
	obs := []Obs{
		ev("1", day("2022-01-01"), "CHNGOV", "PAK", 1),
		ev("2", day("2022-01-02"), "PAKGOV", "CHN", 2),
		ev("3", day("2022-01-03"), "CHN", "PAK", 1),
		ev("4", day("2022-01-04"), "CHNMIL", "USA", 4),
		ev("5", day("2022-01-05"), "USAGOV", "CHNGOV", 3),
		ev("6", day("2022-01-06"), "CHN", "RUS", 1),
		ev("7", day("2022-01-07"), "CHNGOV", "CHNMIL", 1), // domestic: mix only
		ev("8", day("2022-01-08"), "IND", "PAK", 4),       // not China
	}
	obs[0].Contexts = []string{"diplomatic"}
	obs[3].Contexts = []string{"military", "territory"}
	obs[5].Weight = 50
	obs[1].Weight = 10
	p, err := Actor(context.Background(), NewMemorySource(obs), Code("CHN"), ActorOptions{Top: 2})
	if err != nil {
		t.Fatal(err)
	}
	if p.Events != 7 || p.Quad.VerbalCoop != 4 || p.Quad.MaterialConflict != 1 {
		t.Errorf("events %d quad %+v", p.Events, p.Quad)
	}
	if len(p.Partners) != 2 || p.Partners[0].Actor != "PAK" || p.Partners[0].Coop != 3 || p.Partners[1].Actor != "RUS" {
		t.Errorf("partners %+v", p.Partners)
	}
	if len(p.Adversaries) != 1 || p.Adversaries[0].Actor != "USA" || p.Adversaries[0].Conflict != 2 || len(p.Adversaries[0].Evidence) != 2 {
		t.Errorf("adversaries %+v", p.Adversaries)
	}
	if p.Roots[0].Key != "04" || p.Roots[0].Count != 4 || !near(p.Roots[0].Share, 4.0/7, 1e-12) {
		t.Errorf("roots %+v", p.Roots)
	}
	if len(p.Contexts) != 3 || p.Contexts[0].Key != "diplomatic" {
		t.Errorf("contexts %+v", p.Contexts)
	}
	if len(p.MostCited) != 2 || p.MostCited[0] != "6" || p.MostCited[1] != "2" {
		t.Errorf("most cited %v, want [6 2]", p.MostCited)
	}
	_, err = Actor(context.Background(), NewMemorySource(obs), Code("BRA"), ActorOptions{})
	if !errors.Is(err, dyad.ErrNotEnoughData) {
		t.Errorf("unknown actor: err = %v", err)
	}
}
