package analysis

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/dyad-events/dyad"
)

func smallWorld() *MemorySource {
	return NewMemorySource([]Obs{
		ev("a1", day("2021-01-05"), "CHNGOV", "AFGGOVTAL", 1),
		ev("a2", day("2021-01-20"), "AFGGOVTAL", "CHN", 2),
		ev("a3", day("2021-01-25"), "CHNMIL", "AFGGOVTAL", 3),
		ev("a4", day("2021-03-02"), "CHNGOV", "AFGGOVTAL", 1),
		ev("x1", day("2021-01-07"), "CHNGOV", "USA", 3),    // China activity
		ev("x2", day("2021-01-08"), "PAK", "AFGGOVTAL", 1), // Taliban activity
		ev("x3", day("2021-03-09"), "CHN", "RUS", 1),
		ev("q0", day("2021-01-09"), "CHNGOV", "AFGGOVTAL", 0), // no quad: ignored
	})
}

func TestRelations(t *testing.T) {
	res, err := Relations(context.Background(), smallWorld(), Code("CHN"), Code("AFGGOVTAL"), RelationsOptions{By: Month})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Periods) != 3 || res.From != "2021-01-01" || res.To != "2021-04-01" {
		t.Fatalf("periods %d %s..%s, want 3 from 2021-01-01 to 2021-04-01", len(res.Periods), res.From, res.To)
	}
	jan, feb, mar := res.Periods[0], res.Periods[1], res.Periods[2]
	if jan.Period != "2021-01" || jan.Total != 3 || jan.Quad.VerbalCoop != 1 || jan.Quad.MaterialCoop != 1 || jan.Quad.VerbalConflict != 1 {
		t.Errorf("january: %+v", jan)
	}
	if !near(jan.Net.Net, 1.0/3, 1e-12) {
		t.Errorf("january net = %v, want 1/3", jan.Net.Net)
	}
	lo, hi := Wilson(2, 3, z975)
	if !near(jan.Net.Lo, 2*lo-1, 1e-12) || !near(jan.Net.Hi, 2*hi-1, 1e-12) {
		t.Errorf("january interval [%v, %v]", jan.Net.Lo, jan.Net.Hi)
	}
	if jan.ActivityA != 4 || jan.ActivityB != 4 || !near(*jan.ShareA, 0.75, 1e-12) {
		t.Errorf("january activity %d/%d share %v", jan.ActivityA, jan.ActivityB, *jan.ShareA)
	}
	if !near(jan.GoldsteinSum, 1+7-2, 1e-12) || !near(*jan.GoldsteinMean, 2, 1e-12) {
		t.Errorf("january goldstein %v mean %v", jan.GoldsteinSum, *jan.GoldsteinMean)
	}
	if strings.Join(jan.Evidence, ",") != "a3,a2,a1" {
		t.Errorf("january evidence %v, want most recent first", jan.Evidence)
	}
	if feb.Total != 0 || feb.Net != nil || feb.GoldsteinMean != nil || len(feb.Evidence) != 0 {
		t.Errorf("february should be empty: %+v", feb)
	}
	if mar.Total != 1 || mar.Net.Net != 1 || mar.ActivityA != 2 {
		t.Errorf("march: %+v", mar)
	}
	if res.Overall.Total != 4 || strings.Join(res.Overall.Evidence, ",") != "a4,a3,a2,a1" {
		t.Errorf("overall: total %d evidence %v", res.Overall.Total, res.Overall.Evidence)
	}
	// JSON shape: empty periods carry nulls, not zeros.
	b, err := json.Marshal(feb)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"net":null`) || !strings.Contains(string(b), `"evidence":[]`) {
		t.Errorf("february JSON %s", b)
	}
}

func TestRelationsDirected(t *testing.T) {
	res, err := Relations(context.Background(), smallWorld(), Code("CHN"), Code("AFGGOVTAL"),
		RelationsOptions{By: Week, Directed: true, Evidence: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Overall.Total != 3 || len(res.Overall.Evidence) != 1 || res.Overall.Evidence[0] != "a4" {
		t.Errorf("directed overall: total %d evidence %v", res.Overall.Total, res.Overall.Evidence)
	}
	if res.Periods[0].Period != "2021-01-04" {
		t.Errorf("first week %s, want 2021-01-04", res.Periods[0].Period)
	}
}

func TestRelationsErrors(t *testing.T) {
	ctx := context.Background()
	_, err := Relations(ctx, smallWorld(), Code("CHN"), Code("BRA"), RelationsOptions{})
	if !errors.Is(err, dyad.ErrNotEnoughData) || !strings.Contains(err.Error(), "(n = 0)") {
		t.Errorf("no events: err = %v", err)
	}
	_, err = Relations(ctx, smallWorld(), Code("CHN"), Code("AFG"), RelationsOptions{By: "year"})
	if !errors.Is(err, dyad.ErrInvalidInput) {
		t.Errorf("bad period: err = %v", err)
	}
	_, err = Relations(ctx, smallWorld(), Spec{}, Code("AFG"), RelationsOptions{})
	if !errors.Is(err, dyad.ErrInvalidInput) {
		t.Errorf("empty spec: err = %v", err)
	}
	_, err = Relations(ctx, smallWorld(), Code("CHN"), Code("AFG"), RelationsOptions{From: day("2022-01-01"), To: day("2021-01-01")})
	if !errors.Is(err, dyad.ErrInvalidInput) {
		t.Errorf("reversed range: err = %v", err)
	}
}
