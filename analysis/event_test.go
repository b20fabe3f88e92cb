package analysis

import (
	"errors"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
)

func TestObsFromEvent(t *testing.T) {
	tests := []struct {
		date string
		want string
		err  bool
	}{
		{"2022-03-17", "2022-03-17", false},
		{"2022-03", "2022-03-01", false},
		{"2022", "2022-01-01", false},
		{"17/03/2022", "", true},
	}
	for _, tt := range tests {
		e := dyad.Event{ID: "e1", Date: tt.date, Source: dyad.Actor{Code: "CHNGOV"}, Target: dyad.Actor{Code: "IGOUNO"},
			CAMEO: "051", Root: "05", Quad: 1, Goldstein: 3.4, Plover: dyad.Plover{Context: []string{"diplomatic"}}}
		o, err := ObsFromEvent(e)
		if tt.err {
			if !errors.Is(err, dyad.ErrInvalidInput) {
				t.Errorf("%s: err = %v", tt.date, err)
			}
			continue
		}
		if err != nil || o.Date.Format(time.DateOnly) != tt.want || o.Source != "CHNGOV" || o.Target != "IGOUNO" ||
			o.Code != "051" || o.Root != "05" || o.Quad != 1 || o.Goldstein != 3.4 || len(o.Contexts) != 1 {
			t.Errorf("%s: %+v, %v", tt.date, o, err)
		}
	}
}
