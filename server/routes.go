package server

import (
	"embed"
	"fmt"
	"io/fs"
	"net/http"
	"sort"
	"strings"
)

// route is one API endpoint with the facts the OpenAPI document is made of.
type route struct {
	method  string
	path    string // ServeMux pattern path, e.g. /api/events/{id}
	name    string // metrics label and operationId
	summary string
	params  []param
	body    string // request body description (POST)
	result  string // what data holds
	write   bool   // needs the token unless loopback
	cache   bool   // answers may be cached until the store changes
	h       apiFunc
}

// param documents one query or path parameter.
type param struct {
	name, in, typ, desc string
	required            bool
}

func q(name, typ, desc string) param { return param{name: name, in: "query", typ: typ, desc: desc} }
func qreq(name, typ, desc string) param {
	return param{name: name, in: "query", typ: typ, desc: desc, required: true}
}
func pathp(name, typ, desc string) param {
	return param{name: name, in: "path", typ: typ, desc: desc, required: true}
}
func withParams(ps ...[]param) (out []param) {
	for _, p := range ps {
		out = append(out, p...)
	}
	return out
}

var (
	pDyad = []param{
		qreq("a", "string", "actor set A: a code (CHNGOV), a prefix (CHN*), a country (CHN = CHN*) or a list (USA,GBR)"),
		qreq("b", "string", "actor set B, as a"),
	}
	pRange = []param{
		q("from", "string", "first day (YYYY-MM-DD, YYYY-MM or YYYY)"),
		q("to", "string", "last day, inclusive (YYYY-MM-DD, YYYY-MM or YYYY)"),
	}
	pSeries = []param{
		q("by", "string", "period: day, week or month (default month)"),
		q("directed", "boolean", "only A → B events (default both directions)"),
	}
	pEvidence = []param{q("evidence", "integer", "event ids of evidence per item (0: default 10, -1: none)")}
	pFilters  = []param{
		q("actor", "string", "actor code on either side, exact or prefix* (repeat or comma-separate)"),
		q("source", "string", "source actor code, exact or prefix*"),
		q("target", "string", "target actor code, exact or prefix*"),
		q("country", "string", "ISO3 country of either actor"),
		q("cameo", "string", "CAMEO code: exact (0311), root (19) or prefix (03*)"),
		q("root", "string", "CAMEO root (01-20)"),
		q("quad", "integer", "quad class 1-4 (repeatable)"),
		q("from", "string", "first event day (YYYY-MM-DD, YYYY-MM or YYYY)"),
		q("to", "string", "last event day, inclusive"),
		q("place", "string", "place name or country code"),
		q("text", "string", "full-text query over evidence sentences (words, \"phrases\", OR, NOT, prefix*)"),
		q("doc", "string", "events of one document id"),
		q("order", "string", "date (newest first), date-asc, mentions or added"),
		q("limit", "integer", "page size, 1-1000 (default 50)"),
		q("offset", "integer", "events to skip"),
	}
)

func (s *Server) registerRoutes() {
	s.routes = []*route{
		{method: "GET", path: "/api/stats", name: "stats", summary: "What the store holds and what this server can do", result: "Stats", h: s.handleStats},
		{method: "GET", path: "/api/events", name: "events", summary: "Merged events matching the filters of `dyad events`, a page at a time; a and b select one dyad (both directions unless directed)",
			params: withParams(pFilters, []param{q("a", "string", "dyad side A (actor set, as in /api/dyad/series)"), q("b", "string", "dyad side B"), q("directed", "boolean", "with a and b: only A → B")}),
			cache:  true, result: "EventList", h: s.handleEvents},
		{method: "GET", path: "/api/events/{id}", name: "event", summary: "One event with every evidence sentence, source, verb and target marked",
			params: []param{pathp("id", "string", "event id (16 hex digits) or mention id")}, cache: true, result: "EventDetail", h: s.handleEvent},
		{method: "GET", path: "/api/documents", name: "documents", summary: "Stored documents, newest first",
			params: withParams([]param{q("source", "string", "document source"), q("text", "string", "substring of title, URL or id")}, pRange,
				[]param{q("limit", "integer", "page size, 1-1000 (default 50)"), q("offset", "integer", "documents to skip")}),
			cache: true, result: "DocumentList", h: s.handleDocuments},
		{method: "GET", path: "/api/documents/{id}", name: "document", summary: "One document with its text and coded mentions",
			params: []param{pathp("id", "string", "document id")}, cache: true, result: "Document", h: s.handleDocument},
		{method: "GET", path: "/api/actors", name: "actors", summary: "Actor codes by code prefix or name substring, most active first",
			params: []param{q("q", "string", "code prefix or name substring"), q("limit", "integer", "at most this many (default 20)")}, cache: true, result: "ActorList", h: s.handleActors},
		{method: "GET", path: "/api/dyad/series", name: "dyad_series", summary: "Dyad series A–B from the store's period counts: quad classes, Goldstein, net cooperation with its Wilson interval, activity shares",
			params: withParams(pDyad, pSeries, pRange), result: "RelationsResult (docs/analysis.md §1, evidence empty)", cache: true, h: s.handleDyadSeries},
		{method: "GET", path: "/api/relations", name: "relations", summary: "analysis.Relations: the dyad series with the evidence of every period",
			params: withParams(pDyad, pSeries, pRange, pEvidence), result: "RelationsResult (docs/analysis.md §1)", cache: true, h: s.handleRelations},
		{method: "GET", path: "/api/trend", name: "trend", summary: "analysis.Trend: Theil-Sen slope, Mann-Kendall test, PELT change points and a verdict",
			params: withParams(pDyad, pSeries, pRange, pEvidence, []param{q("min_events", "integer", "events a period needs to count (default 5)"), q("alpha", "number", "significance level (default 0.05)")}),
			result: "TrendResult (docs/analysis.md §2)", cache: true, h: s.handleTrend},
		{method: "GET", path: "/api/movers", name: "movers", summary: "analysis.Movers: dyads whose net cooperation changed after a date, with BH q-values",
			params: withParams([]param{qreq("since", "string", "the date splitting the windows (YYYY-MM-DD)"), q("window", "string", "window length: 90d, 26w, 6m, 1y (default 1y)"),
				q("min_events", "integer", "events a dyad needs in each window (default 10)"), q("level", "string", "country (default) or code"), q("domestic", "boolean", "keep same-country dyads at code level"),
				q("alpha", "number", "false discovery rate (default 0.05)"), q("top", "integer", "dyads returned (default 50, -1 all)")}, pEvidence),
			result: "MoversResult (docs/analysis.md §3)", cache: true, h: s.handleMovers},
		{method: "GET", path: "/api/align", name: "align", summary: "analysis.Align (a and b) or analysis.AlignTop (a only): who sides with whom",
			params: withParams([]param{qreq("a", "string", "actor set A"), q("b", "string", "actor set B; without it the k closest and most distant actors"), q("k", "integer", "with a only: actors per list (default 10)"),
				q("level", "string", "country (default) or code"), q("directed", "boolean", "only events from each side"), q("min_events", "integer", "events with each side a third party needs (default 3)"),
				q("min_shared", "integer", "shared third parties AlignTop needs (default 3)")}, pRange, pEvidence),
			result: "AlignResult or AlignTopResult (docs/analysis.md §4)", cache: true, h: s.handleAlign},
		{method: "GET", path: "/api/blocs", name: "blocs", summary: "analysis.Blocs: signed-modularity blocs per window with polarity (effective number of blocs, top-2 conflict share)",
			params: withParams(pRange, []param{q("window", "string", "window length (90d, 6m, 1y); default one window"), q("step", "string", "distance between windows (default window)"),
				q("level", "string", "country (default) or code"), q("max_actors", "integer", "most active actors kept (default 50)"), q("min_events", "integer", "events an actor needs (default 5)"),
				q("weight", "string", "count (default) or goldstein")}, pEvidence),
			result: "BlocsResult (docs/analysis.md §5)", cache: true, h: s.handleBlocs},
		{method: "GET", path: "/api/actor", name: "actor", summary: "analysis.Actor: an actor's profile (partners, adversaries, roots, contexts, most cited)",
			params: withParams([]param{qreq("a", "string", "actor set"), q("level", "string", "country (default) or code"), q("top", "integer", "partners and adversaries listed (default 10)")}, pRange, pEvidence),
			result: "ActorAnswer (docs/analysis.md §6 plus names)", cache: true, h: s.handleActor},
		{method: "GET", path: "/api/overview", name: "overview", summary: "Monthly volume by quad class and the busiest dyads of the last window",
			params: []param{q("top", "integer", "dyads listed (default 10)"), q("window", "string", "window for the top dyads, ending at the last month (default 1y; 90d on stores of more than 200,000 events)")},
			result: "Overview", cache: true, h: s.handleOverview},
		{method: "GET", path: "/api/places", name: "places", summary: "Events by place (newest first, up to scan events), with counts of events lacking a place or coordinates",
			params: withParams(pFilters[:12], []param{q("scan", "integer", "events read at most (default 20000)")}), result: "Places", cache: true, h: s.handlePlaces},
		{method: "POST", path: "/api/code", name: "code", summary: "Codes pasted text and returns its events and annotated sentences; stores nothing",
			params: []param{q("date", "string", "with text/plain: publication date YYYY-MM-DD")},
			body:   "application/json {\"text\": \"…\", \"date\": \"YYYY-MM-DD\"} or text/plain", result: "CodeResult", h: s.handleCode},
		{method: "POST", path: "/api/ingest", name: "ingest", summary: "Codes and stores documents (needs the token unless the server is bound to loopback)",
			params: []param{q("source", "string", "source name for records without one")},
			body:   "application/json: one record or an array of {\"id\",\"url\",\"title\",\"date\",\"source\",\"text\"}; application/x-ndjson: one record per line",
			result: "ingest Summary", write: true, h: s.handleIngest},
	}
	for _, rt := range s.routes {
		s.mux.Handle(rt.method+" "+rt.path, s.wrap(rt))
	}
	// Unknown API paths and wrong methods get the error envelope too.
	notFound := &route{name: "not_found", h: func(r *http.Request) (any, error) {
		if allow := s.allowed(r.URL.Path); len(allow) > 0 {
			return nil, &APIError{ErrMethod, fmt.Errorf("%s %s: method not allowed (allowed: %s)", r.Method, r.URL.Path, strings.Join(allow, ", "))}
		}
		return nil, &APIError{ErrNotFound, errNoRoute(r)}
	}}
	s.mux.Handle("/api/", s.wrap(notFound))
	s.mux.HandleFunc("GET /api/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.OpenAPI())
	})
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := s.healthy(r); err != nil {
			http.Error(w, "store: "+err.Error(), http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	})
	s.mux.HandleFunc("GET /metrics", s.handleMetrics)
	s.mux.Handle("/", s.static())
}

// allowed lists the methods of the routes whose pattern matches path.
func (s *Server) allowed(path string) []string {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	var out []string
	for _, rt := range s.routes {
		ps := strings.Split(strings.Trim(rt.path, "/"), "/")
		if len(ps) != len(segs) {
			continue
		}
		ok := true
		for i := range ps {
			if !strings.HasPrefix(ps[i], "{") && ps[i] != segs[i] {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, rt.method)
		}
	}
	return out
}

func (s *Server) healthy(r *http.Request) error {
	_, err := s.st.Stats(r.Context())
	return err
}

// Routes lists the registered API routes as "METHOD /path".
func (s *Server) Routes() []string {
	var out []string
	for _, rt := range s.routes {
		out = append(out, rt.method+" "+rt.path)
	}
	sort.Strings(out)
	return out
}

//go:embed web/dist
var webFS embed.FS

// static serves the embedded dashboard with a strict content security
// policy: scripts only from this origin, no inline script.
func (s *Server) static() http.Handler {
	sub, err := fs.Sub(webFS, "web/dist")
	if err != nil {
		return http.NotFoundHandler()
	}
	files := http.FileServerFS(sub)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		if strings.HasSuffix(r.URL.Path, "/") || strings.HasSuffix(r.URL.Path, ".html") {
			h.Set("Cache-Control", "no-cache")
		}
		files.ServeHTTP(w, r)
	})
}
