package server

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/dyad-events/dyad/coder"
	"github.com/dyad-events/dyad/dicts"
	"github.com/dyad-events/dyad/nlp"
)

// chromium finds the browser, or skips (fails under CI=true).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium not found: install it (apt-get install -y chromium); .ci/dashboard.sh does")
	}
	t.Skip("chromium not found: browser tests skipped (apt-get install -y chromium to run them)")
	return ""
}

// realCoder loads the embedded dictionaries and NLP models once.
var realCoder = sync.OnceValues(func() (Coder, error) {
	d, err := dicts.Default()
	if err != nil {
		return nil, err
	}
	p, err := nlp.Default()
	if err != nil {
		return nil, err
	}
	return coder.New(d, p, coder.DefaultOptions()), nil
})

func TestDashboardInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	exe := chromium(t)
	st := seedStore(t)
	s, err := New(st, Config{Coder: realCoder})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	shots := os.Getenv("DYAD_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true), chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	defer cancelT()
	var jsErrors []string
	var mu sync.Mutex
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/#/")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	cctx, cancelC := context.WithCancel(ctx)
	defer cancelC()
	go func() {
		for m, err := range chromedp.Console(cctx) {
			if err != nil {
				return
			}
			if m.IsException() {
				mu.Lock()
				msg := fmt.Sprintf("%s at %s:%d:%d", m.String(), m.URL, m.Line+1, m.Column+1)
				if m.Stack != nil {
					for _, f := range m.Stack.CallFrames {
						msg += fmt.Sprintf("\n\t%s %s:%d:%d", f.FunctionName, filepath.Base(f.URL), f.LineNumber+1, f.ColumnNumber+1)
					}
				}
				jsErrors = append(jsErrors, msg)
				mu.Unlock()
			}
		}
	}()
	text := func(sel string) string {
		v, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		return v
	}

	open := func(t *testing.T, hash, ready string) {
		t.Helper()
		mu.Lock()
		for i := range jsErrors {
			if !strings.Contains(jsErrors[i], " (before ") {
				jsErrors[i] += " (before " + hash + ")"
			}
		}
		mu.Unlock()
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/"+hash), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="`+ready+`"]`))); err != nil {
			html, _ := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("main")))
			t.Fatalf("page %s did not get ready: %v\n%s", hash, err, html)
		}
	}
	shot := func(t *testing.T, name string) {
		t.Helper()
		chromedp.Do(ctx, chromedp.Sleep(300*time.Millisecond))
		buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		if len(buf) < 10000 {
			t.Errorf("screenshot %s is only %d bytes", name, len(buf))
		}
		if err := os.WriteFile(filepath.Join(shots, name+".png"), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	evalInt := func(t *testing.T, js string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return n
	}
	// chartDrawn checks that a chart container has a canvas with pixels
	// and reports how many data points the page put in it.
	chartDrawn := func(t *testing.T, id string) int {
		t.Helper()
		n := evalInt(t, fmt.Sprintf(`(() => { const d = document.getElementById(%q); if (!d) return -1;
			const c = d.querySelector('canvas'); if (!c || c.width < 100 || c.height < 100) return -2;
			return c.toDataURL().length > 4000 ? Number(d.dataset.points || 0) : -3; })()`, id))
		if n <= 0 {
			t.Errorf("chart #%s not drawn or empty (%d)", id, n)
		}
		return n
	}

	t.Run("overview", func(t *testing.T) {
		open(t, "#/", "overview")
		if n := chartDrawn(t, "volume-chart"); n != 24 {
			t.Errorf("volume chart has %d months, want 24", n)
		}
		if n := evalInt(t, `document.querySelectorAll('#top-dyads tr').length`); n != 6 {
			t.Errorf("top dyads table has %d rows, want 5 + header", n)
		}
		if n := evalInt(t, `document.querySelectorAll('#movers tr').length`); n < 2 {
			t.Errorf("movers table has %d rows", n)
		}
		shot(t, "overview")
	})

	t.Run("dyad click to evidence", func(t *testing.T) {
		open(t, "#/dyad?a=CHN&b=AFG", "dyad")
		if n := chartDrawn(t, "net-chart"); n != 24 {
			t.Errorf("net chart has %d points, want 24", n)
		}
		chartDrawn(t, "quad-chart")
		if n := evalInt(t, `Number(document.getElementById('net-chart').dataset.changePoints)`); n < 1 {
			t.Errorf("%d change points marked, want ≥ 1", n)
		}
		if n := evalInt(t, `document.querySelectorAll('#evidence li').length`); n != 25 {
			t.Errorf("evidence list has %d items, want a first page of 25", n)
		}
		shot(t, "dyad")
		// Click the point of 2021-09 on the net-cooperation line.
		xy, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => { const d = document.getElementById('net-chart'); const c = echarts.getInstanceByDom(d);
			const opt = c.getOption(); const i = opt.xAxis[0].data.indexOf('2021-09');
			const p = c.convertToPixel({seriesIndex: 2}, [i, opt.series[2].data[i]]); const r = d.getBoundingClientRect();
			window.scrollTo(0, 0); return [r.left + p[0], r.top + p[1]]; })()`))
		if err != nil || len(xy) != 2 {
			t.Fatalf("locating the point: %v %v", err, xy)
		}
		err = chromedp.Do(ctx, chromedp.MouseClickXY(xy[0], xy[1]), chromedp.WaitVisible(chromedp.CSS(`#evidence-card[data-period="2021-09"]`)))
		got := text(`#evidence-title`)
		if err != nil {
			t.Fatalf("click on 2021-09: %v", err)
		}
		if got != "Evidence for 2021-09" {
			t.Errorf("evidence title %q", got)
		}
		dates, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#evidence li .meta a')].map(a => a.textContent.slice(0, 10))`))
		if len(dates) != 4 {
			t.Errorf("%d events listed for 2021-09, want 4", len(dates))
		}
		for _, d := range dates {
			if !strings.HasPrefix(d, "2021-09") {
				t.Errorf("evidence dated %s listed for 2021-09", d)
			}
		}
		shot(t, "dyad-evidence")
		// Open the first evidence item: the event page.
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#evidence li .meta a`)), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="event"]`))); err != nil {
			t.Fatalf("open event: %v", err)
		}
		for _, role := range []string{"source", "verb", "target"} {
			if n := evalInt(t, `document.querySelectorAll('#mentions .sentence .`+role+`').length`); n != 1 {
				t.Errorf("%d %s marks in the evidence sentence, want 1", n, role)
			}
		}
		pattern := text(`#mentions .pattern`)
		if pattern != "dicts/test.txt:1" {
			t.Errorf("pattern shown %q", pattern)
		}
		shot(t, "event")
	})

	t.Run("markup is shown as text", func(t *testing.T) {
		open(t, "#/dyad?a=CHN&b=AFG", "dyad")
		id, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch('api/events?doc=doc-00-0&limit=1').then(r => r.json()).then(j => j.data.events[0].id)`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		open(t, "#/event?id="+id, "event")
		shown := text(`#mentions`)
		xss, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__xss !== undefined || document.querySelector('main script, main img') !== null`))
		if err != nil || xss {
			t.Error("the document title was executed or inserted as HTML")
		}
		if !strings.Contains(shown, "<script>window.__xss=1</script>") {
			t.Errorf("the title is not shown literally: %q", shown)
		}
	})

	t.Run("blocs", func(t *testing.T) {
		open(t, "#/blocs?window=1y&min_events=3", "blocs")
		if n := chartDrawn(t, "bloc-graph"); n != 6 {
			t.Errorf("network has %d actors, want 6", n)
		}
		if n := evalInt(t, `Number(document.getElementById('bloc-graph').dataset.edges)`); n < 5 {
			t.Errorf("network has %d edges", n)
		}
		if n := chartDrawn(t, "polarity-chart"); n != 2 {
			t.Errorf("polarity series has %d windows, want 2", n)
		}
		shot(t, "blocs")
	})

	t.Run("map", func(t *testing.T) {
		open(t, "#/map", "map")
		if n := chartDrawn(t, "map-chart"); n != 3 {
			t.Errorf("map has %d places, want 3", n)
		}
		sum := text(`#place-summary`)
		if !strings.Contains(sum, "288 of 480 events are shown") || !strings.Contains(sum, "192 have no place yet") {
			t.Errorf("summary %q", sum)
		}
		shot(t, "map")
	})

	t.Run("actor", func(t *testing.T) {
		open(t, "#/actor?a=USA", "actor")
		if n := evalInt(t, `document.querySelectorAll('#partners tr').length`); n != 3 {
			t.Errorf("partners table has %d rows, want 2 + header", n)
		}
		chartDrawn(t, "roots-chart")
		if n := evalInt(t, `document.querySelectorAll('#most-cited li').length`); n < 1 {
			t.Errorf("no most cited events")
		}
		shot(t, "actor")
	})

	t.Run("code text", func(t *testing.T) {
		open(t, "#/code", "code")
		err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`#code-date`), "2022-03-03"), chromedp.Click(chromedp.CSS(`#code-go`)),
			chromedp.WaitVisible(chromedp.CSS(`body[data-ready="code-done"]`)))
		if err != nil {
			t.Fatalf("code: %v", err)
		}
		if n := evalInt(t, `document.querySelectorAll('#code-events tr').length - 1`); n < 2 {
			t.Errorf("%d events coded from the sample paragraph: %s", n, text(`#code-out`))
		}
		if n := evalInt(t, `document.querySelectorAll('#code-sentences .verb').length`); n < 2 {
			t.Errorf("%d verbs marked", n)
		}
		shot(t, "code")
	})
	mu.Lock()
	defer mu.Unlock()
	for _, e := range jsErrors {
		t.Errorf("JavaScript error: %s", e)
	}
}
