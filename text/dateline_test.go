package text

import (
	"testing"

	"github.com/dyad-events/dyad"
)

func TestDateline(t *testing.T) {
	tests := []struct {
		src   string
		place string
		end   int // span end; -1 when no dateline
	}{
		{"KABUL, March 3 (Reuters) - The Taliban met.", "KABUL", 26},
		{"BEIJING (AP) — China spoke.", "BEIJING", 16},
		{"WASHINGTON — The White House said.", "WASHINGTON", 14},
		{"GENEVA, Switzerland, Jan. 5 (AFP) -- The WHO warned.", "GENEVA, Switzerland", 36},
		{"NEW YORK, Jan. 5 (Reuters) - Stocks fell.", "NEW YORK", 28},
		{"Kabul, March 3 (Reuters) - The Taliban met.", "Kabul", 26},
		{"  ST. LOUIS (AP) - A storm hit.", "ST. LOUIS", 18},
		{"Kabul - The Taliban met.", "", -1},     // mixed case needs an agency
		{"The Taliban met - again.", "", -1},     // not a place
		{"KABUL, March 3 (Reuters)-The", "", -1}, // no space after the dash
		{"US-China talks resumed.", "", -1},      // a hyphen inside a word
		{"I - ", "", -1},                         // too short
		{"", "", -1},
		{"BEIJING (this parenthesis is far too long to be a news agency name) - x", "", -1},
	}
	for _, tc := range tests {
		place, span, ok := Dateline(tc.src)
		if tc.end < 0 {
			if ok {
				t.Errorf("Dateline(%q) = %q %v, want none", tc.src, place, span)
			}
			continue
		}
		if !ok || place != tc.place || span.End != tc.end {
			t.Errorf("Dateline(%q) = %q %v %v, want %q end %d", tc.src, place, span, ok, tc.place, tc.end)
			continue
		}
		if !span.Valid(len(tc.src)) {
			t.Errorf("Dateline(%q) span %v invalid", tc.src, span)
		}
	}
}

func FuzzDateline(f *testing.F) {
	f.Add("KABUL, March 3 (Reuters) - x")
	f.Add("BEIJING (AP) — x")
	f.Add("A, B, C, D (E) —")
	f.Fuzz(func(t *testing.T, src string) {
		place, span, ok := Dateline(src)
		if !ok {
			if place != "" || span != (dyad.Span{}) {
				t.Fatalf("no dateline but place %q span %v", place, span)
			}
			return
		}
		if !span.Valid(len(src)) || span.Len() == 0 {
			t.Fatalf("span %v invalid for %d bytes", span, len(src))
		}
		if place == "" || len(place) > span.Len() {
			t.Fatalf("place %q for span %v", place, span)
		}
	})
}
