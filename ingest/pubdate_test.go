package ingest

import (
	"testing"
	"time"
)

func TestPubDateOrder(t *testing.T) {
	meta := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	flag := time.Date(2022, 3, 28, 0, 0, 0, 0, time.UTC)
	mtime := time.Date(2019, 5, 5, 0, 0, 0, 0, time.UTC)
	dated := "KABUL, March 3 (Reuters) - text"
	tests := []struct {
		name        string
		meta        time.Time
		text        string
		flag, mtime time.Time
		want, how   string
	}{
		{"metadata first", meta, dated, flag, mtime, "2020-01-02", "metadata"},
		{"dateline with year from flag", time.Time{}, dated, flag, mtime, "2022-03-03", "dateline"},
		{"dateline with year from mtime", time.Time{}, dated, time.Time{}, mtime, "2019-03-03", "dateline"},
		{"flag", time.Time{}, "plain", flag, mtime, "2022-03-28", "flag"},
		{"mtime", time.Time{}, "plain", time.Time{}, mtime, "2019-05-05", "mtime"},
	}
	for _, tc := range tests {
		opts := Options{Date: tc.flag}
		got, how := pubDate(tc.meta, tc.text, &opts, tc.mtime)
		if got.Format("2006-01-02") != tc.want || how != tc.how {
			t.Errorf("%s: got %s (%s), want %s (%s)", tc.name, got.Format("2006-01-02"), how, tc.want, tc.how)
		}
	}
}
