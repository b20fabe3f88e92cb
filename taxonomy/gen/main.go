// Command gen writes taxonomy/tables.go from the CAMEO and PLOVER reference
// files. It is run by hand (go run ./taxonomy/gen, or go generate
// ./taxonomy) when the reference files change; the generated facts are
// committed and the build never needs the generator.
//
// Usage:
//
//	go run ./taxonomy/gen [-ref DIR] [-o FILE]
//
// -ref defaults to $DYAD_SHARED/data/reference, or ../shared/data/reference
// beside the module root; -o defaults to taxonomy/tables.go in the module.
// The output depends only on the input files, so running it twice gives the
// same bytes. Notes about oddities in the inputs go to stderr.
package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Input file names inside the reference folder.
const (
	eventCodesFile = "CAMEO.eventcodes.txt"
	goldsteinFile  = "CAMEO.goldsteinscale.txt"
	ploverFile     = "CAMEO2PLOVER-2021.txt"
)

func main() {
	ref := flag.String("ref", "", "folder holding the reference files (default: the shared data folder)")
	out := flag.String("o", "", "output file (default: taxonomy/tables.go in the module)")
	flag.Parse()
	if err := run(*ref, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(ref, out string) error {
	root := moduleRoot()
	if ref == "" {
		ref = defaultRef(root)
	}
	if out == "" {
		if root == "" {
			return errors.New("cannot find go.mod; give -o")
		}
		out = filepath.Join(root, "taxonomy", "tables.go")
	}
	src, notes, err := generate(ref)
	if err != nil {
		return err
	}
	for _, n := range notes {
		fmt.Fprintln(os.Stderr, "note:", n)
	}
	if err := os.WriteFile(out, src, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	fmt.Fprintf(os.Stderr, "wrote %s\n", out)
	return nil
}

// moduleRoot returns the directory holding go.mod above the working directory.
func moduleRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func defaultRef(root string) string {
	if v := os.Getenv("DYAD_SHARED"); v != "" {
		if !filepath.IsAbs(v) && root != "" {
			v = filepath.Join(root, v)
		}
		return filepath.Join(v, "data", "reference")
	}
	return filepath.Join(root, "..", "shared", "data", "reference")
}

// entry is one code as it will be written.
type entry struct {
	code, name                string
	root                      string
	quad                      int
	goldstein                 float64
	goldsteinFrom             string
	event, mode, ploverFrom   string
	context                   []string
	hasPlover, hasGoldsteinLn bool
}

// mapping is one line of the PLOVER table.
type mapping struct {
	event, mode string
	context     []string
	line        int
}

// generate reads the three files in ref and returns the formatted Go source
// of tables.go and notes on what it found.
func generate(ref string) ([]byte, []string, error) {
	var notes []string
	inputs := map[string][]byte{}
	for _, name := range []string{eventCodesFile, goldsteinFile, ploverFile} {
		b, err := os.ReadFile(filepath.Join(ref, name))
		if err != nil {
			return nil, nil, fmt.Errorf("read reference file: %w", err)
		}
		inputs[name] = b
	}

	names, err := readTSV(inputs[eventCodesFile], eventCodesFile, "CAMEOEVENTCODE", "EVENTDESCRIPTION")
	if err != nil {
		return nil, nil, err
	}
	gold, err := readTSV(inputs[goldsteinFile], goldsteinFile, "CAMEOEVENTCODE", "GOLDSTEINSCALE")
	if err != nil {
		return nil, nil, err
	}
	plover, version, pnotes, err := readPlover(inputs[ploverFile])
	if err != nil {
		return nil, nil, err
	}
	notes = append(notes, pnotes...)

	codes := make([]string, 0, len(names))
	for c := range names {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	// Every non-root code must refine a listed code, or Parent-based fallbacks
	// and the tree view would break.
	for _, c := range codes {
		if len(c) > 2 {
			if _, ok := names[c[:len(c)-1]]; !ok {
				return nil, nil, fmt.Errorf("%s: code %s has no parent %s", eventCodesFile, c, c[:len(c)-1])
			}
		}
	}
	for c := range gold {
		if _, ok := names[c]; !ok {
			notes = append(notes, fmt.Sprintf("%s: code %s is not in %s; ignored", goldsteinFile, c, eventCodesFile))
		}
	}
	for c, m := range plover {
		if _, ok := names[c]; !ok {
			notes = append(notes, fmt.Sprintf("%s:%d: code %s is not in %s; ignored", ploverFile, m.line, c, eventCodesFile))
		}
	}

	entries := make([]entry, 0, len(codes))
	var goldFallback, ploverInherited, ploverNone []string
	for _, c := range codes {
		e := entry{code: c, name: names[c].value, root: c[:2]}
		r, _ := strconv.Atoi(c[:2])
		switch {
		case r >= 1 && r <= 5:
			e.quad = 1
		case r >= 6 && r <= 8:
			e.quad = 2
		case r >= 9 && r <= 13:
			e.quad = 3
		case r >= 14 && r <= 20:
			e.quad = 4
		default:
			return nil, nil, fmt.Errorf("%s:%d: root %s is outside 01-20", eventCodesFile, names[c].line, c[:2])
		}
		// Goldstein: the code's own line, else the nearest ancestor's.
		for a := c; a != ""; a = parent(a) {
			if g, ok := gold[a]; ok {
				v, err := strconv.ParseFloat(g.value, 64)
				if err != nil || v < -10 || v > 10 {
					return nil, nil, fmt.Errorf("%s:%d: Goldstein value %q is not a number from -10 to 10", goldsteinFile, g.line, g.value)
				}
				e.goldstein, e.goldsteinFrom = v, a
				break
			}
		}
		if e.goldsteinFrom == "" {
			return nil, nil, fmt.Errorf("%s: no Goldstein value for %s or any ancestor", goldsteinFile, c)
		}
		if e.goldsteinFrom != c {
			goldFallback = append(goldFallback, c+"<-"+e.goldsteinFrom)
		}
		// PLOVER: the code's own line, else the nearest ancestor's.
		for a := c; a != ""; a = parent(a) {
			if m, ok := plover[a]; ok {
				e.event, e.mode, e.context, e.ploverFrom = m.event, m.mode, m.context, a
				break
			}
		}
		switch e.ploverFrom {
		case c:
		case "":
			ploverNone = append(ploverNone, c)
		default:
			ploverInherited = append(ploverInherited, c+"<-"+e.ploverFrom)
		}
		entries = append(entries, e)
	}
	slices.Sort(notes)
	notes = append(notes,
		fmt.Sprintf("%d codes; Goldstein fallbacks to an ancestor: %d %v", len(entries), len(goldFallback), goldFallback),
		fmt.Sprintf("PLOVER inherited from an ancestor: %d %v", len(ploverInherited), ploverInherited),
		fmt.Sprintf("PLOVER unmapped (no line for the code or any ancestor): %d %v", len(ploverNone), ploverNone))

	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by \"go run ./taxonomy/gen\"; DO NOT EDIT.\n")
	fmt.Fprintf(&b, "//\n// Sources (SHA-256):\n")
	for _, name := range []string{eventCodesFile, goldsteinFile, ploverFile} {
		fmt.Fprintf(&b, "//   %s %x\n", name, sha256.Sum256(inputs[name]))
	}
	fmt.Fprintf(&b, "\npackage taxonomy\n\n")
	fmt.Fprintf(&b, "// PloverVersion names the PLOVER manual version of the CAMEO to PLOVER\n// mapping encoded here, as stated in %s.\n", ploverFile)
	fmt.Fprintf(&b, "const PloverVersion = %q\n\n", version)
	fmt.Fprintf(&b, "// table holds every CAMEO event code, sorted by code.\nvar table = []Code{\n")
	for _, e := range entries {
		ctx := "nil"
		if len(e.context) > 0 {
			q := make([]string, len(e.context))
			for i, s := range e.context {
				q[i] = strconv.Quote(s)
			}
			ctx = "[]string{" + strings.Join(q, ", ") + "}"
		}
		fmt.Fprintf(&b, "\t{Code: %q, Name: %q, Root: %q, Quad: %d, Goldstein: %s, GoldsteinFrom: %q, PloverEvent: %q, PloverMode: %q, PloverContext: %s, PloverFrom: %q},\n",
			e.code, e.name, e.root, e.quad, strconv.FormatFloat(e.goldstein, 'f', -1, 64), e.goldsteinFrom,
			e.event, e.mode, ctx, e.ploverFrom)
	}
	fmt.Fprintf(&b, "}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, nil, fmt.Errorf("format generated source: %w", err)
	}
	return src, notes, nil
}

func parent(c string) string {
	if len(c) <= 2 {
		return ""
	}
	return c[:len(c)-1]
}

// isCode reports whether s is two to four ASCII digits.
func isCode(s string) bool {
	if len(s) < 2 || len(s) > 4 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// cell is a value and the line it came from.
type cell struct {
	value string
	line  int
}

// readTSV reads a two-column file with the given header; codes must be unique.
func readTSV(data []byte, name, h1, h2 string) (map[string]cell, error) {
	out := map[string]cell{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if n == 1 {
			if line != h1+"\t"+h2 {
				return nil, fmt.Errorf("%s:1: header %q, want %q", name, line, h1+"\t"+h2)
			}
			continue
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		code, value, ok := strings.Cut(line, "\t")
		code, value = strings.TrimSpace(code), strings.Join(strings.Fields(value), " ")
		if !ok || !isCode(code) || value == "" || strings.Contains(value, "\t") {
			return nil, fmt.Errorf("%s:%d: want CODE<TAB>VALUE, got %q", name, n, line)
		}
		if prev, dup := out[code]; dup {
			return nil, fmt.Errorf("%s:%d: code %s already on line %d", name, n, code, prev.line)
		}
		out[code] = cell{value, n}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return out, nil
}

// readPlover reads the CAMEO to PLOVER table. Lines are
//
//	CODE: EVENT[, MODE, CONTEXT[; CONTEXT...]]  # comment
//
// with '#' comments, blank lines and a closing "~~~~~" line. White space in
// each field is normalised. When a code appears twice, the first line wins
// and the conflict is noted.
func readPlover(data []byte) (map[string]mapping, string, []string, error) {
	const name = ploverFile
	out := map[string]mapping{}
	var version string
	var notes []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	n := 0
	for sc.Scan() {
		n++
		raw := strings.TrimRight(sc.Text(), "\r")
		if strings.HasPrefix(raw, "#") {
			if _, v, ok := strings.Cut(raw, "PLOVER manual version "); ok && version == "" {
				version = strings.TrimSpace(v)
			}
			continue
		}
		line, _, _ := strings.Cut(raw, "#")
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if strings.Trim(line, "~") == "" {
			break // end marker
		}
		code, rest, ok := strings.Cut(line, ":")
		code = strings.TrimSpace(code)
		if !ok || !isCode(code) {
			return nil, "", nil, fmt.Errorf("%s:%d: want CODE: EVENT, MODE, CONTEXT, got %q", name, n, raw)
		}
		f := strings.Split(rest, ",")
		if len(f) != 1 && len(f) != 3 {
			return nil, "", nil, fmt.Errorf("%s:%d: want 1 or 3 comma-separated fields after the code, got %d in %q", name, n, len(f), raw)
		}
		m := mapping{event: strings.TrimSpace(f[0]), line: n}
		if m.event == "" || strings.ToUpper(m.event) != m.event || strings.ContainsAny(m.event, " \t") {
			return nil, "", nil, fmt.Errorf("%s:%d: event type %q is not one upper-case word", name, n, m.event)
		}
		if len(f) == 3 {
			m.mode = strings.Join(strings.Fields(f[1]), " ")
			for _, c := range strings.Split(f[2], ";") {
				if c = strings.Join(strings.Fields(c), " "); c != "" {
					m.context = append(m.context, c)
				}
			}
		}
		if prev, dup := out[code]; dup {
			if prev.event == m.event && prev.mode == m.mode && slices.Equal(prev.context, m.context) {
				notes = append(notes, fmt.Sprintf("%s:%d: code %s repeats line %d with the same mapping", name, n, code, prev.line))
			} else {
				notes = append(notes, fmt.Sprintf("%s:%d: code %s (%s) conflicts with line %d (%s); line %d kept", name, n, code, m.event, prev.line, prev.event, prev.line))
			}
			continue
		}
		out[code] = m
	}
	if err := sc.Err(); err != nil {
		return nil, "", nil, fmt.Errorf("read %s: %w", name, err)
	}
	if version == "" {
		return nil, "", nil, fmt.Errorf("%s: no \"# PLOVER manual version ...\" line", name)
	}
	return out, version, notes, nil
}
