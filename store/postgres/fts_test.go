package postgres

import (
	"reflect"
	"testing"
)

func TestFTSQuery(t *testing.T) {
	tests := []struct {
		q    string
		sql  string
		args []any
		bad  bool
	}{
		{q: "aid", sql: "phraseto_tsquery('simple', $1)", args: []any{"aid"}},
		{q: `"humanitarian aid"`, sql: "phraseto_tsquery('simple', $1)", args: []any{"humanitarian aid"}},
		{q: `"say ""no"""`, sql: "phraseto_tsquery('simple', $1)", args: []any{`say "no"`}},
		{q: "a b", sql: "(phraseto_tsquery('simple', $1) && phraseto_tsquery('simple', $2))", args: []any{"a", "b"}},
		{q: "a AND b OR c", sql: "((phraseto_tsquery('simple', $1) && phraseto_tsquery('simple', $2)) || phraseto_tsquery('simple', $3))", args: []any{"a", "b", "c"}},
		{q: "a OR b c", sql: "(phraseto_tsquery('simple', $1) || (phraseto_tsquery('simple', $2) && phraseto_tsquery('simple', $3)))", args: []any{"a", "b", "c"}},
		{q: "a NOT b c", sql: "((phraseto_tsquery('simple', $1) && !!phraseto_tsquery('simple', $2)) && phraseto_tsquery('simple', $3))", args: []any{"a", "b", "c"}},
		{q: "(a OR b) c", sql: "((phraseto_tsquery('simple', $1) || phraseto_tsquery('simple', $2)) && phraseto_tsquery('simple', $3))", args: []any{"a", "b", "c"}},
		{q: "sanc*", sql: "to_tsquery('simple', $1)", args: []any{"'sanc':*"}},
		{q: `"trade de"*`, sql: "tsquery_phrase(phraseto_tsquery('simple', $1), to_tsquery('simple', $2))", args: []any{"trade", "'de':*"}},
		{q: "and or", sql: "(phraseto_tsquery('simple', $1) && phraseto_tsquery('simple', $2))", args: []any{"and", "or"}},
		{q: "Kabul’s", sql: "phraseto_tsquery('simple', $1)", args: []any{"Kabul’s"}},
		{q: `"unbalanced`, bad: true},
		{q: "(aid", bad: true},
		{q: "aid)", bad: true},
		{q: "aid AND", bad: true},
		{q: "OR aid", bad: true},
		{q: "NOT aid", bad: true},
		{q: "a-b", bad: true},
		{q: "col:aid", bad: true},
		{q: "NEAR(a b)", bad: true},
		{q: `"..."*`, bad: true},
		{q: "()", bad: true},
	}
	for _, tc := range tests {
		var w where
		got, err := ftsQuery(&w, tc.q)
		if tc.bad {
			if err == nil {
				t.Errorf("%s: no error (%s)", tc.q, got)
			}
			continue
		}
		if err != nil || got != tc.sql || !reflect.DeepEqual(w.args, tc.args) {
			t.Errorf("%s:\n got %s %q %v\nwant %s %q", tc.q, got, w.args, err, tc.sql, tc.args)
		}
	}
}

func TestUpperBound(t *testing.T) {
	for in, want := range map[string]string{"CHN": "CHO", "A\U0010FFFF": "B", "\U0010FFFF": "", "x\uD7FF": "x\uE000", "é": "ê"} {
		if got := upperBound(in); got != want {
			t.Errorf("upperBound(%q) = %q, want %q", in, got, want)
		}
	}
}
