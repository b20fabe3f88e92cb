package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/taxonomy"
)

const codesUsage = `Usage: dyad codes [flags] [PREFIX...]

Lists the CAMEO event codes dyad knows (311: 20 roots and their 2- to 4-digit
refinements) with each code's Goldstein value (-10 most conflictual, +10 most
cooperative), quad class and PLOVER event type, mode and context.

A PREFIX of digits keeps the codes that start with it: "02" is the root
APPEAL and everything under it, "023" is appeal for aid and its refinements.
Brackets as written in dictionaries ("[023]") are accepted. Several prefixes
list the union.

Quad classes: 1 verbal cooperation (roots 01-05), 2 material cooperation
(06-08), 3 verbal conflict (09-13), 4 material conflict (14-20).

PLOVER fields come from the CAMEO-to-PLOVER table of the PLOVER manual
(draft 0.8). The 01 (make public statement) and 02 (appeal) families have no
PLOVER mapping there and show "-". In the text listing, names are indented
by depth under their root.

Output: an aligned table by default; --json writes one JSON object per line
(JSON Lines) with the keys code, name, root, quad, quad_name, goldstein,
plover {event, mode, context}, goldstein_from, plover_from; --csv writes the
same fields with a header row, contexts joined by ";". *_from name the code
whose reference line supplied the value (an ancestor when inherited).

Examples:
  dyad codes                    all 311 codes
  dyad codes 04                 CONSULT: 04, 040 ... 046
  dyad codes 18 19 20           the violent roots
  dyad codes --quad 2           material cooperation only
  dyad codes --plover assault   codes whose PLOVER type is ASSAULT
  dyad codes --json 0231        {"code":"0231","name":"Appeal for economic aid",...}
  dyad codes --csv > cameo.csv  a spreadsheet of the taxonomy`

func init() {
	register(&command{
		name:    "codes",
		summary: "list CAMEO event codes with Goldstein, quad class and PLOVER mapping",
		usage:   codesUsage,
		run:     runCodes,
	})
}

// codeRecord is one line of "dyad codes --json".
type codeRecord struct {
	Code          string      `json:"code"`
	Name          string      `json:"name"`
	Root          string      `json:"root"`
	Quad          int         `json:"quad"`
	QuadName      string      `json:"quad_name"`
	Goldstein     float64     `json:"goldstein"`
	Plover        dyad.Plover `json:"plover"`
	GoldsteinFrom string      `json:"goldstein_from"`
	PloverFrom    string      `json:"plover_from"`
}

func runCodes(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "codes", codesUsage)
	asJSON := fs.Bool("json", false, "write JSON Lines, one code per line")
	asCSV := fs.Bool("csv", false, "write CSV with a header row")
	quad := fs.Int("quad", 0, "keep only codes of this quad class (1-4)")
	plover := fs.String("plover", "", "keep only codes of this PLOVER event type (e.g. ASSAULT; case-insensitive)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *asJSON && *asCSV {
		return usagef("--json and --csv are exclusive; pick one")
	}
	if *quad < 0 || *quad > 4 {
		return usagef("--quad %d: want 1 (verbal cooperation) to 4 (material conflict)", *quad)
	}
	var prefixes []string
	for _, a := range fs.Args() {
		p := strings.TrimSpace(a)
		if strings.HasPrefix(p, "[") && strings.HasSuffix(p, "]") {
			p = strings.TrimSpace(p[1 : len(p)-1])
		}
		if len(p) == 0 || len(p) > 4 || strings.Trim(p, "0123456789") != "" {
			return usagef("prefix %q: want 1 to 4 digits of a CAMEO code, such as 02 or 0231", a)
		}
		prefixes = append(prefixes, p)
	}

	var list []taxonomy.Code
	for _, c := range taxonomy.All() {
		if *quad != 0 && c.Quad != *quad {
			continue
		}
		if *plover != "" && !strings.EqualFold(c.PloverEvent, strings.TrimSpace(*plover)) {
			continue
		}
		if len(prefixes) > 0 && !hasAnyPrefix(c.Code, prefixes) {
			continue
		}
		list = append(list, c)
	}
	if len(list) == 0 {
		return fmt.Errorf("no CAMEO code matches (prefixes %q, quad %d, plover %q); run 'dyad codes' for the full list", prefixes, *quad, *plover)
	}

	w := bufio.NewWriter(e.stdout)
	var err error
	switch {
	case *asJSON:
		err = writeCodesJSON(w, list)
	case *asCSV:
		err = writeCodesCSV(w, list)
	default:
		err = writeCodesText(w, list)
	}
	if err != nil {
		return fmt.Errorf("write codes: %w", err)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("write codes: %w", err)
	}
	return nil
}

func hasAnyPrefix(code string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(code, p) {
			return true
		}
	}
	return false
}

func record(c taxonomy.Code) codeRecord {
	ctx := c.PloverContext
	if ctx == nil {
		ctx = []string{}
	}
	return codeRecord{
		Code: c.Code, Name: c.Name, Root: c.Root, Quad: c.Quad, QuadName: taxonomy.QuadName(c.Quad),
		Goldstein: c.Goldstein, Plover: dyad.Plover{Event: c.PloverEvent, Mode: c.PloverMode, Context: ctx},
		GoldsteinFrom: c.GoldsteinFrom, PloverFrom: c.PloverFrom,
	}
}

func writeCodesJSON(w *bufio.Writer, list []taxonomy.Code) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, c := range list {
		if err := enc.Encode(record(c)); err != nil {
			return err
		}
	}
	return nil
}

func writeCodesCSV(w *bufio.Writer, list []taxonomy.Code) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"code", "name", "root", "quad", "quad_name", "goldstein",
		"plover_event", "plover_mode", "plover_context", "goldstein_from", "plover_from"}); err != nil {
		return err
	}
	for _, c := range list {
		if err := cw.Write([]string{c.Code, c.Name, c.Root, strconv.Itoa(c.Quad), taxonomy.QuadName(c.Quad),
			strconv.FormatFloat(c.Goldstein, 'f', 1, 64), c.PloverEvent, c.PloverMode,
			strings.Join(c.PloverContext, ";"), c.GoldsteinFrom, c.PloverFrom}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func writeCodesText(w *bufio.Writer, list []taxonomy.Code) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CODE\tGOLDSTEIN\tQUAD\tPLOVER\tMODE\tCONTEXT\tNAME")
	dash := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	for _, c := range list {
		fmt.Fprintf(tw, "%s\t%5.1f\t%d\t%s\t%s\t%s\t%s%s\n", c.Code, c.Goldstein, c.Quad,
			dash(c.PloverEvent), dash(c.PloverMode), dash(strings.Join(c.PloverContext, ";")),
			strings.Repeat("  ", len(c.Code)-2), c.Name)
	}
	return tw.Flush()
}
