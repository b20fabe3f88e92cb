package feed

import (
	"strings"
	"testing"
)

// TestParseLinear guards against quadratic behaviour on pathological but
// small inputs (many CDATA sections, many script tags, deep-ish nesting):
// it counts no time, only checks that the results are right, and relies on
// the test timeout for the rest.
func TestParseLinear(t *testing.T) {
	const n = 20000
	doc := "<rss><channel><item><description>" + strings.Repeat("<![CDATA[x]]>", n) + "</description></item></channel></rss>"
	f, err := Parse([]byte(doc), "")
	if err != nil || len(f.Articles[0].Summary) != n {
		t.Fatalf("CDATA runs: %v", err)
	}
	html := strings.Repeat("<script>x</script>y", n)
	if got := htmlToText(html); len(got) != n {
		t.Errorf("script runs: got %d bytes, want %d", len(got), n)
	}
}
