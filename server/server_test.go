package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/coder"
	"github.com/dyad-events/dyad/store"
)

// fakeCoder codes "China praised Taliban" for tests; it is safe for
// concurrent use, as ingest.Run requires.
type fakeCoder struct{}

func (f *fakeCoder) CodeDocument(doc *dyad.Document) (*coder.Result, error) {
	res := &coder.Result{}
	text := doc.Text
	i := strings.Index(text, "China praised Taliban")
	sent := dyad.Sentence{Span: dyad.Span{Start: 0, End: len(text)}}
	res.Sentences = []dyad.Sentence{sent}
	res.Mentions = make([][]coder.Mention, 1)
	res.Stats.Sentences = 1
	if i >= 0 {
		ev, _ := mkEvent(doc.ID, 0, doc.Date, aCHN, aAFG, "051", "05", 1, 3.4, nil, i)
		ev.Sentence = 0
		ev.SentenceText = text
		res.Events = append(res.Events, ev)
	}
	return res, nil
}

func newTestServer(t *testing.T, cfg Config) (*Server, store.Store) {
	t.Helper()
	st := seedStore(t)
	if cfg.Coder == nil {
		fc := &fakeCoder{}
		cfg.Coder = func() (Coder, error) { return fc, nil }
	}
	s, err := New(st, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s, st
}

type answer struct {
	Status    string          `json:"status"`
	Data      json.RawMessage `json:"data"`
	ErrorType string          `json:"errorType"`
	Error     string          `json:"error"`
}

func do(t *testing.T, h http.Handler, method, url, body string, hdr map[string]string) (*httptest.ResponseRecorder, answer) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, url, rd)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var a answer
	if strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil {
			t.Fatalf("%s %s: bad JSON %q: %v", method, url, rec.Body.String(), err)
		}
	}
	return rec, a
}

func TestAPI(t *testing.T) {
	s, _ := newTestServer(t, Config{})
	h := s.Handler()
	tests := []struct {
		name, method, url, body string
		hdr                     map[string]string
		code                    int
		errType                 string
		check                   func(t *testing.T, data json.RawMessage)
	}{
		{name: "stats", method: "GET", url: "/api/stats", code: 200, check: func(t *testing.T, d json.RawMessage) {
			var st Stats
			json.Unmarshal(d, &st)
			if st.Documents != 96 || st.Events != 480 || !st.Writable || !st.Coder {
				t.Errorf("stats = %+v, want 96 documents, 480 events, writable, coder", st)
			}
		}},
		{name: "events page", method: "GET", url: "/api/events?limit=7&offset=3", code: 200, check: func(t *testing.T, d json.RawMessage) {
			var l EventList
			json.Unmarshal(d, &l)
			if len(l.Events) != 7 || l.NextOffset == nil || *l.NextOffset != 10 {
				t.Fatalf("got %d events, next %v; want 7 and 10", len(l.Events), l.NextOffset)
			}
			for i := 1; i < len(l.Events); i++ {
				if l.Events[i].Date > l.Events[i-1].Date {
					t.Errorf("not newest first: %s after %s", l.Events[i].Date, l.Events[i-1].Date)
				}
			}
			segs := l.Events[0].Segments
			roles := map[string]string{}
			for _, s := range segs {
				roles[s.Role] = s.Text
			}
			if roles["source"] != l.Events[0].First.Source.Text || roles["verb"] == "" || roles["target"] != l.Events[0].First.Target.Text {
				t.Errorf("segments %+v do not mark source, verb and target", segs)
			}
		}},
		{name: "events filters", method: "GET", url: "/api/events?source=CHN*&target=AFGGOVTAL&quad=4&from=2021-01&to=2021-12&limit=1000", code: 200, check: func(t *testing.T, d json.RawMessage) {
			var l EventList
			json.Unmarshal(d, &l)
			if len(l.Events) == 0 || l.NextOffset != nil {
				t.Fatalf("got %d events (next %v)", len(l.Events), l.NextOffset)
			}
			for _, e := range l.Events {
				if e.Source.Code != "CHNGOV" || e.Target.Code != "AFGGOVTAL" || e.Quad != 4 || e.Date < "2021-01-01" || e.Date > "2021-12-31" {
					t.Errorf("event %s %s→%s quad %d does not match", e.Date, e.Source.Code, e.Target.Code, e.Quad)
				}
			}
		}},
		{name: "events dyad both directions", method: "GET", url: "/api/events?a=CHN&b=AFG&limit=1000", code: 200, check: func(t *testing.T, d json.RawMessage) {
			var l EventList
			json.Unmarshal(d, &l)
			dirs := map[string]int{}
			for _, e := range l.Events {
				dirs[e.Source.Country+e.Target.Country]++
			}
			if len(l.Events) != 96 || dirs["CHNAFG"] == 0 || dirs["AFGCHN"] == 0 {
				t.Errorf("dyad events = %d by direction %v, want 96 in both directions", len(l.Events), dirs)
			}
		}},
		{name: "events dyad paging", method: "GET", url: "/api/events?a=CHN&b=AFG&limit=10&offset=90", code: 200, check: func(t *testing.T, d json.RawMessage) {
			var l EventList
			json.Unmarshal(d, &l)
			if len(l.Events) != 6 || l.NextOffset != nil {
				t.Errorf("last page: %d events, next %v; want 6, null", len(l.Events), l.NextOffset)
			}
		}},
		{name: "events bad quad", method: "GET", url: "/api/events?quad=7", code: 400, errType: "bad_data"},
		{name: "events bad date", method: "GET", url: "/api/events?from=yesterday", code: 400, errType: "bad_data"},
		{name: "events bad limit", method: "GET", url: "/api/events?limit=0", code: 400, errType: "bad_data"},
		{name: "events half dyad", method: "GET", url: "/api/events?a=CHN", code: 400, errType: "bad_data"},
		{name: "events bad pattern", method: "GET", url: "/api/events?actor=C%25N", code: 400, errType: "bad_data"},
		{name: "event not found", method: "GET", url: "/api/events/0123456789abcdef", code: 404, errType: "not_found"},
		{name: "document", method: "GET", url: "/api/documents/doc-00-0", code: 200, check: func(t *testing.T, d json.RawMessage) {
			var doc Document
			json.Unmarshal(d, &doc)
			if doc.Title != xssTitle || len(doc.Events) != 5 || doc.Text == "" {
				t.Errorf("document: title %q, %d events", doc.Title, len(doc.Events))
			}
		}},
		{name: "documents", method: "GET", url: "/api/documents?limit=5&from=2021", code: 200, check: func(t *testing.T, d json.RawMessage) {
			var l DocumentList
			json.Unmarshal(d, &l)
			if len(l.Documents) != 5 || l.NextOffset == nil || l.Documents[len(l.Documents)-1].Date.Year() < 2021 {
				t.Errorf("documents: %+v", l)
			}
		}},
		{name: "document missing", method: "GET", url: "/api/documents/nope", code: 404, errType: "not_found"},
		{name: "actors search", method: "GET", url: "/api/actors?q=taliban", code: 200, check: func(t *testing.T, d json.RawMessage) {
			var v struct{ Actors []store.ActorCount }
			json.Unmarshal(d, &v)
			if len(v.Actors) != 1 || v.Actors[0].Code != "AFGGOVTAL" {
				t.Errorf("actors = %+v", v.Actors)
			}
		}},
		{name: "dyad series", method: "GET", url: "/api/dyad/series?a=CHN&b=AFG", code: 200, check: func(t *testing.T, d json.RawMessage) {
			var v struct {
				Periods []struct {
					Period string
					Total  int
					Net    *struct{ Net, Lo, Hi float64 }
				}
				Overall struct{ Total int }
			}
			json.Unmarshal(d, &v)
			if len(v.Periods) != 24 || v.Overall.Total != 96 {
				t.Fatalf("%d periods, %d events; want 24 and 96", len(v.Periods), v.Overall.Total)
			}
			for _, p := range v.Periods {
				if p.Total != 4 || p.Net == nil || p.Net.Lo > p.Net.Net || p.Net.Hi < p.Net.Net {
					t.Errorf("period %+v: want 4 events and lo ≤ net ≤ hi", p)
				}
			}
		}},
		{name: "dyad series needs b", method: "GET", url: "/api/dyad/series?a=CHN", code: 400, errType: "bad_data"},
		{name: "dyad series bad period", method: "GET", url: "/api/dyad/series?a=CHN&b=AFG&by=year", code: 400, errType: "bad_data"},
		{name: "relations", method: "GET", url: "/api/relations?a=CHN&b=AFG&from=2021&to=2021", code: 200, check: func(t *testing.T, d json.RawMessage) {
			var v struct {
				Periods []struct{ Evidence []string }
				Overall struct{ Total int }
			}
			json.Unmarshal(d, &v)
			if len(v.Periods) != 12 || v.Overall.Total != 48 || len(v.Periods[0].Evidence) != 4 {
				t.Errorf("relations: %d periods, %d events", len(v.Periods), v.Overall.Total)
			}
		}},
		{name: "trend finds the change", method: "GET", url: "/api/trend?a=CHN&b=AFG&by=month&min_events=1", code: 200, check: func(t *testing.T, d json.RawMessage) {
			var v struct{ Direction string }
			json.Unmarshal(d, &v)
			if v.Direction != "closer" {
				t.Errorf("direction %q, want closer", v.Direction)
			}
		}},
		{name: "trend not enough", method: "GET", url: "/api/trend?a=CHN&b=AFG&from=2020-01&to=2020-02", code: 422, errType: "not_enough_data"},
		{name: "movers", method: "GET", url: "/api/movers?since=2021-08-01&window=1y&min_events=5", code: 200, check: func(t *testing.T, d json.RawMessage) {
			var v struct{ Movers []struct{ A, B string } }
			json.Unmarshal(d, &v)
			if len(v.Movers) == 0 || v.Movers[0].A+v.Movers[0].B != "AFGCHN" {
				t.Errorf("movers %+v: want AFG–CHN first", v.Movers)
			}
		}},
		{name: "movers needs since", method: "GET", url: "/api/movers", code: 400, errType: "bad_data"},
		{name: "align top", method: "GET", url: "/api/align?a=USA&min_events=1&min_shared=1", code: 200, check: func(t *testing.T, d json.RawMessage) {
			if !bytes.Contains(d, []byte(`"closest"`)) {
				t.Errorf("align top: %s", d)
			}
		}},
		{name: "blocs", method: "GET", url: "/api/blocs?window=1y&min_events=3", code: 200, check: func(t *testing.T, d json.RawMessage) {
			var v struct {
				Windows []struct {
					EffectiveBlocs float64 `json:"effective_blocs"`
				}
			}
			json.Unmarshal(d, &v)
			if len(v.Windows) != 2 || v.Windows[0].EffectiveBlocs < 1 {
				t.Errorf("blocs windows %+v", v.Windows)
			}
		}},
		{name: "actor", method: "GET", url: "/api/actor?a=CHN", code: 200, check: func(t *testing.T, d json.RawMessage) {
			var v struct {
				Events int
				Names  []store.ActorCount
			}
			json.Unmarshal(d, &v)
			if v.Events != 192 || len(v.Names) != 1 {
				t.Errorf("actor: %+v", v)
			}
		}},
		{name: "overview", method: "GET", url: "/api/overview", code: 200, check: func(t *testing.T, d json.RawMessage) {
			var v Overview
			json.Unmarshal(d, &v)
			if len(v.Volume) != 24 || len(v.TopDyads) != 5 || v.First != "2020-01" || v.Last != "2021-12" {
				t.Errorf("overview: %d months, %d dyads, %s–%s", len(v.Volume), len(v.TopDyads), v.First, v.Last)
			}
		}},
		{name: "places", method: "GET", url: "/api/places", code: 200, check: func(t *testing.T, d json.RawMessage) {
			var v Places
			json.Unmarshal(d, &v)
			if len(v.Places) != 3 || v.WithoutPlace != 192 || v.WithCoords != 288 || v.Places[0].Lat == nil {
				t.Errorf("places: %+v", v)
			}
		}},
		{name: "code", method: "POST", url: "/api/code", body: `{"text":"Yesterday China praised Taliban.","date":"2022-03-04"}`, code: 200, check: func(t *testing.T, d json.RawMessage) {
			var v CodeResult
			json.Unmarshal(d, &v)
			if len(v.Events) != 1 || len(v.Sentences) != 1 || v.Events[0].Date != "2022-03-03" {
				t.Fatalf("code: %+v", v)
			}
			roles := ""
			for _, s := range v.Sentences[0].Segments {
				roles += s.Role + ":" + s.Text + "|"
			}
			if !strings.Contains(roles, ":Yesterday |source:China|: |verb:praised|: |target:Taliban|") {
				t.Errorf("segments %s", roles)
			}
		}},
		{name: "code plain text", method: "POST", url: "/api/code?date=2022-01-01", body: "China praised Taliban.", hdr: map[string]string{"Content-Type": "text/plain"}, code: 200},
		{name: "code empty", method: "POST", url: "/api/code", body: `{"text":"  "}`, code: 400, errType: "bad_data"},
		{name: "code unknown field", method: "POST", url: "/api/code", body: `{"txt":"x"}`, code: 400, errType: "bad_data"},
		{name: "code bad date", method: "POST", url: "/api/code", body: `{"text":"x","date":"03/04/2022"}`, code: 400, errType: "bad_data"},
		{name: "unknown api path", method: "GET", url: "/api/nothing", code: 404, errType: "not_found"},
		{name: "wrong method", method: "DELETE", url: "/api/events", code: 405, errType: "method_not_allowed"},
		{name: "wrong method with id", method: "POST", url: "/api/events/abc", code: 405, errType: "method_not_allowed"},
		{name: "ingest needs POST", method: "GET", url: "/api/ingest", code: 405, errType: "method_not_allowed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, a := do(t, h, tc.method, tc.url, tc.body, tc.hdr)
			if rec.Code != tc.code {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.code, rec.Body.String())
			}
			want := "success"
			if tc.errType != "" {
				want = "error"
			}
			if a.Status != want || a.ErrorType != tc.errType {
				t.Fatalf("envelope status %q errorType %q, want %q %q (%s)", a.Status, a.ErrorType, want, tc.errType, a.Error)
			}
			if tc.errType != "" && a.Error == "" {
				t.Error("error envelope without a message")
			}
			if tc.check != nil {
				tc.check(t, a.Data)
			}
		})
	}
}

func TestEventEvidence(t *testing.T) {
	s, _ := newTestServer(t, Config{})
	h := s.Handler()
	_, a := do(t, h, "GET", "/api/events?doc=doc-00-0&limit=1", "", nil)
	var l EventList
	json.Unmarshal(a.Data, &l)
	if len(l.Events) != 1 {
		t.Fatalf("no event of doc-00-0: %s", a.Data)
	}
	for _, id := range []string{l.Events[0].ID, l.Events[0].First.ID} { // event id and mention id
		rec, a := do(t, h, "GET", "/api/events/"+id, "", nil)
		if rec.Code != 200 {
			t.Fatalf("event %s: %d", id, rec.Code)
		}
		var ev EventDetail
		json.Unmarshal(a.Data, &ev)
		if ev.ID != l.Events[0].ID || len(ev.Mentions) != 1 || ev.Mentions[0].DocTitle != xssTitle {
			t.Fatalf("event %s: %+v", id, ev)
		}
		var got strings.Builder
		for _, sg := range ev.Mentions[0].Segments {
			got.WriteString(sg.Text)
		}
		if got.String() != ev.Mentions[0].SentenceText {
			t.Errorf("segments %q do not rebuild the sentence %q", got.String(), ev.Mentions[0].SentenceText)
		}
		// The raw body never carries markup unescaped.
		if strings.Contains(rec.Body.String(), "<script>") {
			t.Error("answer contains an unescaped <script>")
		}
	}
}

func TestOpenAPIMatchesRoutes(t *testing.T) {
	s, _ := newTestServer(t, Config{})
	h := s.Handler()
	rec, _ := do(t, h, "GET", "/api/openapi.json", "", nil)
	var doc struct {
		OpenAPI string                               `json:"openapi"`
		Paths   map[string]map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil || doc.OpenAPI != "3.0.3" {
		t.Fatalf("openapi: %v %q", err, doc.OpenAPI)
	}
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for m, op := range ops {
			key := strings.ToUpper(m) + " " + path
			documented[key] = true
			if op["summary"] == "" || op["responses"] == nil {
				t.Errorf("%s: no summary or responses", key)
			}
			// Every documented operation is served: the request is not
			// answered by the catch-all "no API endpoint".
			url := strings.ReplaceAll(path, "{id}", "x")
			r, a := do(t, h, strings.ToUpper(m), url, "", nil)
			if strings.Contains(a.Error, "no API endpoint") || r.Code == http.StatusMethodNotAllowed {
				t.Errorf("%s is documented but not served (%d %s)", key, r.Code, a.Error)
			}
		}
	}
	// Every registered route, and every path parameter, is documented.
	for _, rt := range s.routes {
		key := rt.method + " " + rt.path
		if !documented[key] {
			t.Errorf("route %s is not in the OpenAPI document", key)
		}
		op := doc.Paths[rt.path][strings.ToLower(rt.method)]
		ps, _ := op["parameters"].([]any)
		for _, seg := range strings.Split(rt.path, "/") {
			if strings.HasPrefix(seg, "{") {
				name := strings.Trim(seg, "{}")
				found := false
				for _, p := range ps {
					if pm := p.(map[string]any); pm["name"] == name && pm["in"] == "path" {
						found = true
					}
				}
				if !found {
					t.Errorf("%s: path parameter %s not documented", key, name)
				}
			}
		}
	}
	if len(s.Routes()) != len(s.routes) || len(documented) != len(s.routes)+3 {
		t.Errorf("%d documented operations for %d routes (+3 plain endpoints)", len(documented), len(s.routes))
	}
}

func TestSecurity(t *testing.T) {
	body := `{"id":"new-1","title":"New","date":"2022-05-01","text":"China praised Taliban in Kabul."}`
	t.Run("loopback without token writes", func(t *testing.T) {
		s, _ := newTestServer(t, Config{Addr: "127.0.0.1:0"})
		rec, a := do(t, s.Handler(), "POST", "/api/ingest", body, map[string]string{"Content-Type": "application/json"})
		if rec.Code != 200 || !strings.Contains(string(a.Data), `"new":1`) {
			t.Fatalf("ingest: %d %s", rec.Code, rec.Body.String())
		}
	})
	t.Run("token required", func(t *testing.T) {
		s, _ := newTestServer(t, Config{Addr: "127.0.0.1:0", Token: "s3cret"})
		for _, hdr := range []map[string]string{nil, {"Authorization": "Bearer wrong"}, {"Authorization": "s3cret"}} {
			rec, a := do(t, s.Handler(), "POST", "/api/ingest", body, hdr)
			if rec.Code != 401 || a.ErrorType != "unauthorized" {
				t.Errorf("with %v: %d %s", hdr, rec.Code, a.ErrorType)
			}
		}
		rec, _ := do(t, s.Handler(), "POST", "/api/ingest", body, map[string]string{"Authorization": "Bearer s3cret"})
		if rec.Code != 200 {
			t.Errorf("with the token: %d %s", rec.Code, rec.Body.String())
		}
		// Reading needs no token.
		if rec, _ := do(t, s.Handler(), "GET", "/api/stats", "", nil); rec.Code != 200 {
			t.Errorf("read: %d", rec.Code)
		}
	})
	t.Run("non-loopback without token refuses", func(t *testing.T) {
		for addr, bad := range map[string]bool{"0.0.0.0:8080": true, ":8080": true, "192.168.1.2:80": true, "127.0.0.1:8080": false, "localhost:1": false, "[::1]:8080": false} {
			err := Check(Config{Addr: addr})
			if (err != nil) != bad || (bad && !errors.Is(err, ErrInsecure)) {
				t.Errorf("Check(%s) = %v", addr, err)
			}
			if err := Check(Config{Addr: addr, Token: "t"}); err != nil {
				t.Errorf("Check(%s, token) = %v", addr, err)
			}
		}
		s, _ := newTestServer(t, Config{Addr: "0.0.0.0:8080"})
		if err := s.ListenAndServe(context.Background(), time.Second, nil); !errors.Is(err, ErrInsecure) {
			t.Errorf("ListenAndServe on 0.0.0.0 without token: %v", err)
		}
		rec, a := do(t, s.Handler(), "POST", "/api/ingest", body, nil)
		if rec.Code != 401 || a.ErrorType != "unauthorized" {
			t.Errorf("write on a non-loopback server without token: %d", rec.Code)
		}
	})
	t.Run("body limit", func(t *testing.T) {
		s, _ := newTestServer(t, Config{MaxBody: 100})
		rec, a := do(t, s.Handler(), "POST", "/api/code", `{"text":"`+strings.Repeat("a", 200)+`"}`, nil)
		if rec.Code != 413 || a.ErrorType != "too_large" {
			t.Errorf("big body: %d %s", rec.Code, a.ErrorType)
		}
	})
	t.Run("no CORS by default", func(t *testing.T) {
		s, _ := newTestServer(t, Config{})
		rec, _ := do(t, s.Handler(), "GET", "/api/stats", "", map[string]string{"Origin": "https://evil.example"})
		if v := rec.Header().Get("Access-Control-Allow-Origin"); v != "" {
			t.Errorf("CORS header %q without --cors", v)
		}
	})
	t.Run("CORS for one origin", func(t *testing.T) {
		s, _ := newTestServer(t, Config{CORSOrigin: "https://ok.example"})
		rec, _ := do(t, s.Handler(), "GET", "/api/stats", "", map[string]string{"Origin": "https://ok.example"})
		if v := rec.Header().Get("Access-Control-Allow-Origin"); v != "https://ok.example" {
			t.Errorf("allowed origin: %q", v)
		}
		rec, _ = do(t, s.Handler(), "GET", "/api/stats", "", map[string]string{"Origin": "https://evil.example"})
		if v := rec.Header().Get("Access-Control-Allow-Origin"); v != "" {
			t.Errorf("other origin got %q", v)
		}
		rec, _ = do(t, s.Handler(), "OPTIONS", "/api/ingest", "", map[string]string{"Origin": "https://ok.example", "Access-Control-Request-Method": "POST"})
		if rec.Code != 204 || !strings.Contains(rec.Header().Get("Access-Control-Allow-Headers"), "Authorization") {
			t.Errorf("preflight: %d %v", rec.Code, rec.Header())
		}
	})
	t.Run("dashboard headers", func(t *testing.T) {
		s, _ := newTestServer(t, Config{})
		rec, _ := do(t, s.Handler(), "GET", "/", "", nil)
		csp := rec.Header().Get("Content-Security-Policy")
		if rec.Code != 200 || !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("dashboard: %d CSP %q", rec.Code, csp)
		}
	})
}

func TestIngestClearsCache(t *testing.T) {
	s, _ := newTestServer(t, Config{})
	h := s.Handler()
	get := func() int {
		_, a := do(t, h, "GET", "/api/dyad/series?a=CHN&b=AFG&from=2022-05&to=2022-05", "", nil)
		var v struct{ Overall struct{ Total int } }
		json.Unmarshal(a.Data, &v)
		return v.Overall.Total
	}
	if n := get(); n != 0 {
		t.Fatalf("before: %d events", n)
	}
	rec, _ := do(t, h, "POST", "/api/ingest", `{"id":"n1","date":"2022-05-01","text":"China praised Taliban."}`+"\n"+`{"id":"n2","date":"2022-05-02","text":"Then China praised Taliban again."}`,
		map[string]string{"Content-Type": "application/x-ndjson"})
	if rec.Code != 200 {
		t.Fatalf("ingest: %s", rec.Body.String())
	}
	if n := get(); n != 2 {
		t.Errorf("after ingest: %d events, want 2 (stale cache?)", n)
	}
	hits, _, _, _ := s.cache.stats()
	get()
	if h2, _, _, _ := s.cache.stats(); h2 != hits+1 {
		t.Errorf("repeat query was not a cache hit")
	}
}

func TestCacheSingleFlight(t *testing.T) {
	c := newCache(2, time.Minute)
	var mu sync.Mutex
	calls := 0
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			b, _, err := c.get(context.Background(), "k", 1, func(context.Context) ([]byte, int, error) {
				mu.Lock()
				calls++
				mu.Unlock()
				time.Sleep(20 * time.Millisecond)
				return []byte("x"), 200, nil
			})
			if err != nil || string(b) != "x" {
				t.Errorf("get: %q %v", b, err)
			}
		}()
	}
	close(start)
	wg.Wait()
	if calls != 1 {
		t.Errorf("computed %d times, want 1", calls)
	}
	// A new generation recomputes; errors are not cached; LRU keeps 2.
	c.get(context.Background(), "k", 2, func(context.Context) ([]byte, int, error) { calls++; return []byte("y"), 200, nil })
	c.get(context.Background(), "e", 2, func(context.Context) ([]byte, int, error) { return nil, 0, errors.New("boom") })
	if _, _, err := c.get(context.Background(), "e", 2, func(context.Context) ([]byte, int, error) { return []byte("ok"), 200, nil }); err != nil {
		t.Errorf("error was cached: %v", err)
	}
	c.get(context.Background(), "z", 2, func(context.Context) ([]byte, int, error) { return []byte("z"), 200, nil })
	if calls != 2 {
		t.Errorf("calls = %d, want 2", calls)
	}
	if _, _, _, n := c.stats(); n != 2 {
		t.Errorf("%d entries, want 2", n)
	}
}

func TestCacheServesStaleWhileRefreshing(t *testing.T) {
	c := newCache(10, 20*time.Millisecond)
	ctx := context.Background()
	v := func(s string) fillFunc {
		return func(context.Context) ([]byte, int, error) { return []byte(s), 200, nil }
	}
	c.get(ctx, "k", 1, v("old"))
	time.Sleep(30 * time.Millisecond)
	release := make(chan struct{})
	slow := func(context.Context) ([]byte, int, error) { <-release; return []byte("new"), 200, nil }
	start := time.Now()
	b, _, err := c.get(ctx, "k", 1, slow)
	if err != nil || string(b) != "old" || time.Since(start) > 10*time.Millisecond {
		t.Fatalf("stale read: %q %v after %s; want the old answer at once", b, err, time.Since(start))
	}
	close(release)
	deadline := time.Now().Add(2 * time.Second)
	for {
		b, _, _ = c.get(ctx, "k", 1, v("unused"))
		if string(b) == "new" || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if string(b) != "new" {
		t.Errorf("after the refresh: %q, want new", b)
	}
	// A new store generation is never answered from the old one.
	if b, _, _ := c.get(ctx, "k", 2, v("gen2")); string(b) != "gen2" {
		t.Errorf("new generation answered %q", b)
	}
	if _, stale, _, _ := c.stats(); stale < 1 {
		t.Errorf("%d stale answers, want at least 1", stale)
	}
}

func TestMetrics(t *testing.T) {
	s, _ := newTestServer(t, Config{})
	h := s.Handler()
	do(t, h, "GET", "/api/stats", "", nil)
	do(t, h, "GET", "/api/events/nope", "", nil)
	rec, _ := do(t, h, "GET", "/metrics", "", nil)
	body := rec.Body.String()
	for _, want := range []string{
		`dyad_http_requests_total{route="stats",code="200"} 1`,
		`dyad_http_requests_total{route="event",code="404"} 1`,
		`dyad_http_request_duration_seconds_bucket{route="stats",le="+Inf"} 1`,
		`dyad_http_request_duration_seconds_count{route="event"} 1`,
		"dyad_store_events 480", "dyad_store_documents 96", "# TYPE dyad_http_request_duration_seconds histogram",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Errorf("content type %q", rec.Header().Get("Content-Type"))
	}
	if rec, _ := do(t, h, "GET", "/healthz", "", nil); rec.Code != 200 || rec.Body.String() != "ok\n" {
		t.Errorf("healthz: %d %q", rec.Code, rec.Body.String())
	}
}

// slowStore delays Stats so that a request is in flight at shutdown.
type slowStore struct {
	store.Store
	entered chan struct{}
}

func (s slowStore) Stats(ctx context.Context) (store.Stats, error) {
	close(s.entered)
	time.Sleep(300 * time.Millisecond)
	return s.Store.Stats(ctx)
}

func TestGracefulShutdown(t *testing.T) {
	st := seedStore(t)
	entered := make(chan struct{})
	s, err := New(slowStore{st, entered}, Config{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ts := httptest.NewUnstartedServer(nil)
	ln := ts.Listener // an httptest listener on loopback: no fixed port
	done := make(chan error, 1)
	addrc := make(chan string, 1)
	go func() { done <- s.Serve(ctx, ln, 5*time.Second, func(a string) { addrc <- a }) }()
	addr := <-addrc
	type res struct {
		code int
		err  error
	}
	rc := make(chan res, 1)
	go func() {
		resp, err := http.Get("http://" + addr + "/api/stats")
		if err != nil {
			rc <- res{0, err}
			return
		}
		resp.Body.Close()
		rc <- res{resp.StatusCode, nil}
	}()
	<-entered
	cancel() // SIGTERM while the request is in flight
	r := <-rc
	if r.err != nil || r.code != 200 {
		t.Errorf("in-flight request: %d %v", r.code, r.err)
	}
	if err := <-done; err != nil {
		t.Errorf("Serve: %v", err)
	}
	if _, err := http.Get("http://" + addr + "/api/stats"); err == nil {
		t.Error("server still answers after shutdown")
	}
}

func TestSegments(t *testing.T) {
	text := "China praised the Taliban."
	got := segments(text, []mark{{0, 5, "source", "CHN", 1}, {6, 13, "verb", "", 0}, {18, 25, "target", "AFG", 2}, {0, 5, "actor", "CHN", 3}, {30, 40, "actor", "", 3}})
	var b strings.Builder
	for _, s := range got {
		b.WriteString(s.Role + ":" + s.Text + "|")
	}
	if want := "source:China|: |verb:praised|: the |target:Taliban|:.|"; b.String() != want {
		t.Errorf("segments = %s, want %s", b.String(), want)
	}
}
