package parse

import "testing"

func TestNormWord(t *testing.T) {
	tests := []struct{ in, want string }{
		{"the", "the"}, {"The", "the"}, {"US", "US"}, {"us", "us"}, {"UN", "UN"},
		{"U.S.", "U.S."}, {"Obama", "obama"}, {"1,250", "0,000"}, {"G20", "g00"},
		{"I", "i"}, {"Ünited", "ünited"}, {"NATO's", "nato's"},
	}
	for _, tc := range tests {
		if got := normWord(tc.in); got != tc.want {
			t.Errorf("normWord(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
