package gazfile

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	recs := []Record{
		{Kind: 'C', Country: "AFG", Code: "AF", Name: "Afghanistan", Lat: 33.8353, Lon: 66.0046, Pop: 100, Extra: "Kabul"},
		{Kind: 'A', Country: "AFG", Code: "33", Name: "Sar-e Pol Province", Lat: 36.2154, Lon: 65.9325, Aliases: []string{"Sari Pul", "Sar-e Pol"}},
		{Kind: 'P', Country: "USA", Code: "DC", Name: "Washington, D.C.", Lat: 38.8951, Lon: -77.0364, Pop: 601723, Extra: "PPLC", Aliases: []string{"Washington"}},
	}
	var buf bytes.Buffer
	if err := Write(&buf, []string{"a comment\nwith a newline"}, recs); err != nil {
		t.Fatal(err)
	}
	got, err := Read(&buf)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if !reflect.DeepEqual(got, recs) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, recs)
	}
}

func TestClean(t *testing.T) {
	recs := []Record{{Kind: 'P', Country: "X\tY", Name: "a|b\nc", Aliases: []string{"d|e"}}}
	var buf bytes.Buffer
	if err := Write(&buf, nil, recs); err != nil {
		t.Fatal(err)
	}
	got, err := Read(&buf)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if len(got) != 1 || got[0].Name != "a b c" || got[0].Country != "X Y" || len(got[0].Aliases) != 1 || got[0].Aliases[0] != "d e" {
		t.Errorf("cleaned record = %+v", got)
	}
}

func TestParseErrors(t *testing.T) {
	for _, s := range []string{"", "no header\n", Header + "\nP\t1\n", Header + "\nQ\ta\tb\tc\t1\t2\t3\t\t\n", Header + "\nP\ta\tb\tc\tx\t2\t3\t\t\n"} {
		if _, err := Parse(s); !errors.Is(err, ErrFormat) {
			t.Errorf("Parse(%q) error = %v, want ErrFormat", s, err)
		}
	}
}
