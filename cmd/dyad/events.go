package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/ingest"
	"github.com/dyad-events/dyad/store"
)

const eventsUsage = `Usage: dyad events [flags]

Lists stored events (see "dyad ingest"), newest first. Mentions of the
same event - same date, source, target and CAMEO code - are merged into
one event that counts its mentions, articles and sources, as GDELT does.
Actor codes are exact ("CHN") or prefixes ending in "*" ("CHN*" is China
and every Chinese actor: CHNGOV, CHNMIL, ...). Repeat a filter or separate
values with commas to allow several.

Formats:
  jsonl   one event per line in the event record of "dyad code", with
          id = the event id, plus mention_id, num_mentions, num_sources,
          num_articles and first_url
  csv     the columns of "dyad code --format csv"
  gdelt   the 61 tab-separated columns of a GDELT 2.0 event export, no
          header (docs/store.md lists the mapping); "dyad ingest" reads it
  plover  PLOVER/POLECAT-style JSON Lines (event_type, mode, contexts,
          actor/recipient, place, publication date, event text)

Examples:
  dyad events --source CHN --target AFG
  dyad events --actor 'CHN*' --from 2021-08 --to 2021-12 --format csv > china.csv
  dyad events --cameo 19 --quad 4 --limit 20            # fights (root 19)
  dyad events --text '"humanitarian aid"' --country YEM
  dyad events --format gdelt --limit 100000 > dyad.export.CSV
  dyad events --order mentions --limit 10               # most reported`

func init() {
	register(&command{name: "events", summary: "list stored events (JSON Lines, CSV, GDELT, PLOVER)", usage: eventsUsage + "\n\n" + dbUsage, run: runEvents})
}

// listFlag collects repeated or comma-separated values.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

// parseDateFlag parses YYYY-MM-DD, YYYY-MM or YYYY; end selects the last
// day of the period (for --to).
func parseDateFlag(name, s string, end bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, ok := store.EventDay(s)
	if !ok {
		return time.Time{}, usagef("--%s %q: want YYYY-MM-DD, YYYY-MM or YYYY", name, s)
	}
	if end {
		switch len(s) {
		case 4:
			t = t.AddDate(1, 0, -1)
		case 7:
			t = t.AddDate(0, 1, -1)
		}
	}
	return t, nil
}

func runEvents(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "events", eventsUsage+"\n\n"+dbUsage)
	db := addDBFlag(fs)
	var f store.EventFilter
	var actor, src, tgt, country, cameo, root, quad listFlag
	fs.Var(&actor, "actor", "actor `CODE` on either side (CHN or CHN*)")
	fs.Var(&src, "source", "source actor `CODE` (CHN or CHN*)")
	fs.Var(&tgt, "target", "target actor `CODE` (AFG or AFG*)")
	fs.Var(&country, "country", "ISO3 `COUNTRY` of either actor")
	fs.Var(&cameo, "cameo", "CAMEO `CODE`: exact (0311), a root (19) or a prefix (03*)")
	fs.Var(&root, "root", "CAMEO `ROOT` (01-20)")
	fs.Var(&quad, "quad", "quad `CLASS`: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict")
	from := fs.String("from", "", "first event `DATE` (YYYY-MM-DD, YYYY-MM or YYYY)")
	to := fs.String("to", "", "last event `DATE` (YYYY-MM-DD, YYYY-MM or YYYY, inclusive)")
	fs.StringVar(&f.Place, "place", "", "place `NAME` or country code")
	fs.StringVar(&f.Text, "text", "", "full-text `QUERY` over the evidence sentences (words, \"phrases\", OR, NOT, prefix*)")
	fs.StringVar(&f.DocID, "doc", "", "events of document `ID`")
	order := fs.String("order", "date", "`ORDER`: date (newest first), date-asc, mentions or added")
	fs.IntVar(&f.Limit, "limit", 100, "at most `N` events")
	fs.IntVar(&f.Offset, "offset", 0, "skip the first `N` events")
	format := fs.String("format", "jsonl", "output `FORMAT`: jsonl, csv, gdelt or plover")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q (filters are flags: --source %s)", fs.Arg(0), fs.Arg(0))
	}
	f.Actor, f.Source, f.Target, f.Country, f.CAMEO, f.Root = actor, src, tgt, country, cameo, root
	for _, q := range quad {
		n, err := strconv.Atoi(q)
		if err != nil || n < 1 || n > 4 {
			return usagef("--quad %q: want 1, 2, 3 or 4", q)
		}
		f.Quad = append(f.Quad, n)
	}
	var err error
	if f.From, err = parseDateFlag("from", *from, false); err != nil {
		return err
	}
	if f.To, err = parseDateFlag("to", *to, true); err != nil {
		return err
	}
	switch *order {
	case "date":
		f.Order = store.OrderDateDesc
	case "date-asc":
		f.Order = store.OrderDateAsc
	case "mentions":
		f.Order = store.OrderMentionsDesc
	case "added":
		f.Order = store.OrderAdded
	default:
		return usagef("--order must be date, date-asc, mentions or added, not %q", *order)
	}
	if f.Limit < 1 {
		return usagef("--limit must be at least 1")
	}
	switch *format {
	case "jsonl", "csv", "gdelt", "plover":
	default:
		return usagef("--format must be jsonl, csv, gdelt or plover, not %q", *format)
	}
	st, err := openStoreEnv(*db, e.getenv)
	if err != nil {
		return err
	}
	defer st.Close()
	// Page through the store so that big limits stream.
	const page = 5000
	w := newStoredEventWriter(e.stdout, *format)
	want := f.Limit
	for want > 0 {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		q := f
		q.Limit = min(want, page)
		evs, err := st.Events(ctx, q)
		if errors.Is(err, dyad.ErrInvalidInput) {
			return usagef("%v", err)
		}
		if err != nil {
			return err
		}
		for i := range evs {
			if err := w.write(&evs[i]); err != nil {
				return err
			}
		}
		want -= len(evs)
		f.Offset += len(evs)
		if len(evs) < q.Limit {
			break
		}
	}
	return w.flush()
}

// storedEventWriter writes merged events in one of the output formats.
type storedEventWriter struct {
	format string
	ew     *eventWriter // jsonl and csv: the writer of "dyad code"
	tsv    *csv.Writer
	enc    *json.Encoder
}

func newStoredEventWriter(w io.Writer, format string) *storedEventWriter {
	sw := &storedEventWriter{format: format}
	switch format {
	case "jsonl", "csv":
		sw.ew = newEventWriter(w, format)
	case "gdelt":
		sw.tsv = csv.NewWriter(w)
		sw.tsv.Comma = '\t'
	default:
		sw.enc = json.NewEncoder(w)
		sw.enc.SetEscapeHTML(false)
	}
	return sw
}

// storedRecord is the JSON Lines record of a merged event: the event
// record of "dyad code" (of its first mention, with the event id) plus the
// merge counts.
type storedRecord struct {
	dyad.Event
	MentionID   string `json:"mention_id"`
	NumMentions int    `json:"num_mentions"`
	NumSources  int    `json:"num_sources"`
	NumArticles int    `json:"num_articles"`
	FirstURL    string `json:"first_url,omitempty"`
}

// asEvent returns the event record of a merged event: its first mention
// with the event's id, date and codes.
func asEvent(ev *store.Event) dyad.Event {
	var d dyad.Event
	if ev.First != nil {
		d = *ev.First
	}
	d.ID = ev.ID
	d.Date, d.DatePrecision = ev.Date, ev.DatePrecision
	d.Source, d.Target = ev.Source, ev.Target
	d.CAMEO, d.Root, d.Quad, d.Goldstein = ev.CAMEO, ev.Root, ev.Quad, ev.Goldstein
	if d.Place == nil {
		d.Place = ev.Place
	}
	return d
}

func (sw *storedEventWriter) write(ev *store.Event) error {
	d := asEvent(ev)
	switch sw.format {
	case "jsonl":
		rec := storedRecord{Event: d, NumMentions: ev.NumMentions, NumSources: ev.NumSources, NumArticles: ev.NumArticles, FirstURL: ev.FirstURL}
		if ev.First != nil {
			rec.MentionID = ev.First.ID
		}
		return sw.ew.enc.Encode(&rec)
	case "csv":
		return sw.ew.write(&d)
	case "gdelt":
		return sw.tsv.Write(gdeltRow(ev))
	default:
		return sw.enc.Encode(ploverRecord(ev))
	}
}

func (sw *storedEventWriter) flush() error {
	switch {
	case sw.ew != nil:
		return sw.ew.flush()
	case sw.tsv != nil:
		sw.tsv.Flush()
		return sw.tsv.Error()
	}
	return nil
}

// gdeltRow renders a merged event as the 61 columns of a GDELT 2.0 event
// export. GLOBALEVENTID is the decimal event key; actor geography, ethnic,
// religion and known-group columns and AvgTone stay empty; ActionGeo comes
// from the event's place (its country is ISO3 where GDELT uses FIPS).
func gdeltRow(ev *store.Event) []string {
	row := make([]string, len(ingest.GDELTColumns))
	key, _ := store.ParseEventID(ev.ID)
	day, _ := store.EventDay(ev.Date)
	row[0] = strconv.FormatInt(key, 10)
	row[1] = day.Format("20060102")
	row[2] = day.Format("200601")
	row[3] = day.Format("2006")
	row[4] = strconv.FormatFloat(float64(day.Year())+float64(day.YearDay())/365, 'f', 4, 64)
	actor := func(base int, a dyad.Actor) {
		row[base] = a.Code
		row[base+1] = strings.ToUpper(a.Name)
		row[base+2] = a.Country
		row[base+7] = a.Sector
	}
	actor(5, ev.Source)
	actor(15, ev.Target)
	root := "0"
	if ev.First != nil && ev.First.Sentence == 0 {
		root = "1"
	}
	row[25] = root
	row[26] = ev.CAMEO
	row[27] = ev.CAMEO
	if len(ev.CAMEO) > 3 {
		row[27] = ev.CAMEO[:3]
	}
	row[28] = ev.Root
	row[29] = strconv.Itoa(ev.Quad)
	row[30] = strconv.FormatFloat(ev.Goldstein, 'f', -1, 64)
	row[31] = strconv.Itoa(ev.NumMentions)
	row[32] = strconv.Itoa(ev.NumSources)
	row[33] = strconv.Itoa(ev.NumArticles)
	if p := ev.Place; p != nil {
		typ := "4" // world city
		if p.Name == "" {
			typ = "1" // country
		}
		row[51] = typ
		row[52] = p.Name
		row[53] = p.Country
		row[54] = p.Admin1
		if p.Lat != 0 || p.Lon != 0 {
			row[56] = strconv.FormatFloat(p.Lat, 'f', 4, 64)
			row[57] = strconv.FormatFloat(p.Lon, 'f', 4, 64)
		}
	}
	row[59] = ev.Added.UTC().Format("20060102150405")
	row[60] = ev.FirstURL
	return row
}

// ploverActor is an actor in the PLOVER output.
type ploverActor struct {
	Name    string `json:"name"`
	Code    string `json:"code"`
	Country string `json:"country"`
	Sector  string `json:"sector"`
	Raw     string `json:"name_raw"`
}

// ploverOut is the PLOVER/POLECAT-style record of a merged event.
type ploverOut struct {
	EventID         string      `json:"event_id"`
	EventDate       string      `json:"event_date"`
	DatePrecision   string      `json:"date_precision"`
	EventType       string      `json:"event_type"`
	EventMode       string      `json:"event_mode"`
	EventIntensity  float64     `json:"event_intensity"`
	QuadCode        int         `json:"quad_code"`
	Contexts        []string    `json:"contexts"`
	Actor           ploverActor `json:"actor"`
	Recipient       ploverActor `json:"recipient"`
	Placename       string      `json:"placename,omitempty"`
	Country         string      `json:"country,omitempty"`
	Latitude        *float64    `json:"latitude,omitempty"`
	Longitude       *float64    `json:"longitude,omitempty"`
	EventText       string      `json:"event_text"`
	Source          string      `json:"source,omitempty"`
	PublicationDate string      `json:"publication_date,omitempty"`
	StoryID         string      `json:"story_id,omitempty"`
	CAMEO           string      `json:"cameo"`
	Negated         bool        `json:"negated"`
	Modality        string      `json:"modality"`
	NumMentions     int         `json:"num_mentions"`
	NumSources      int         `json:"num_sources"`
	NumArticles     int         `json:"num_articles"`
}

func ploverRecord(ev *store.Event) ploverOut {
	d := asEvent(ev)
	ctxs := d.Plover.Context
	if ctxs == nil {
		ctxs = []string{}
	}
	out := ploverOut{EventID: ev.ID, EventDate: ev.Date, DatePrecision: ev.DatePrecision, EventType: d.Plover.Event,
		EventMode: d.Plover.Mode, EventIntensity: ev.Goldstein, QuadCode: ev.Quad, Contexts: ctxs,
		Actor:     ploverActor{Name: ev.Source.Name, Code: ev.Source.Code, Country: ev.Source.Country, Sector: ev.Source.Sector, Raw: ev.Source.Text},
		Recipient: ploverActor{Name: ev.Target.Name, Code: ev.Target.Code, Country: ev.Target.Country, Sector: ev.Target.Sector, Raw: ev.Target.Text},
		EventText: d.SentenceText, Source: ev.FirstURL, StoryID: d.DocID, CAMEO: ev.CAMEO, Negated: d.Negated, Modality: d.Modality,
		NumMentions: ev.NumMentions, NumSources: ev.NumSources, NumArticles: ev.NumArticles}
	if p := ev.Place; p != nil {
		out.Placename, out.Country = p.Name, p.Country
		if p.Lat != 0 || p.Lon != 0 {
			lat, lon := p.Lat, p.Lon
			out.Latitude, out.Longitude = &lat, &lon
		}
	}
	return out
}
