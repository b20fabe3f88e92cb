package eval

import (
	"strings"
	"testing"
)

func TestReadGold(t *testing.T) {
	src := `# a comment
# date: 2022-03-28
China and the US voted for it.  /* CHN IGOUNO 051; USA IGOUNO 051 */

Russia did not attack Ukraine. /* */
`
	gs, err := ReadGold(strings.NewReader(src), "g.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(gs) != 2 || len(gs[0].Expected) != 2 || len(gs[1].Expected) != 0 {
		t.Fatalf("got %+v", gs)
	}
	if gs[0].Text != "China and the US voted for it." || gs[0].Expected[1] != (Triple{"USA", "IGOUNO", "051"}) || gs[1].Line != 5 {
		t.Errorf("got %+v", gs)
	}
	if gs[0].Date.Format("2006-01-02") != "2022-03-28" || gs[0].Pos() != "g.txt:3" {
		t.Errorf("date/pos = %v %s", gs[0].Date, gs[0].Pos())
	}
}

func TestReadGoldErrors(t *testing.T) {
	for _, src := range []string{
		"# date: 2022-13-01\n",
		"# date: 2022-01-01\nNo annotation here.\n",
		"# date: 2022-01-01\nBad triple. /* CHN 051 */\n",
		"No date. /* */\n",
		"# date: 2022-01-01\n/* CHN USA 051 */\n",
	} {
		if _, err := ReadGold(strings.NewReader(src), "g.txt"); err == nil || !strings.HasPrefix(err.Error(), "g.txt:") {
			t.Errorf("ReadGold(%q) err = %v, want g.txt:N error", src, err)
		}
	}
}

func TestPRF(t *testing.T) {
	var p PRF
	p.Add([]Triple{{"A", "B", "051"}, {"A", "C", "042"}}, []Triple{{"A", "B", "051"}, {"B", "A", "190"}})
	if p.TP != 1 || p.FP != 1 || p.FN != 1 || p.F1() != 0.5 {
		t.Errorf("PRF = %+v F1 %v", p, p.F1())
	}
	var r PRF
	r.Add(Roots([]Triple{{"A", "B", "0511"}}), Roots([]Triple{{"A", "B", "051"}}))
	if r.TP != 1 {
		t.Errorf("roots: %+v", r)
	}
}

func FuzzReadGold(f *testing.F) {
	f.Add("# date: 2022-03-28\nX. /* A B 010 */\n")
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = ReadGold(strings.NewReader(s), "fuzz.txt")
	})
}

func TestReadActorCases(t *testing.T) {
	src := "Wang Yi\t2021-07-28\tCHNGOV\tforeign minister\n\nJordan\t2022-01-01\t-\n"
	cs, err := ReadActorCases(strings.NewReader(src), "a.tsv")
	if err != nil || len(cs) != 2 || cs[0].Want != "CHNGOV" || cs[1].Want != "-" || cs[1].Pos != "a.tsv:3" {
		t.Fatalf("got %+v, %v", cs, err)
	}
	for _, bad := range []string{"Wang Yi\t2021-07-28\n", "Wang Yi\t28/07/2021\tCHNGOV\n"} {
		if _, err := ReadActorCases(strings.NewReader(bad), "a.tsv"); err == nil || !strings.HasPrefix(err.Error(), "a.tsv:1") {
			t.Errorf("ReadActorCases(%q) err = %v", bad, err)
		}
	}
}
