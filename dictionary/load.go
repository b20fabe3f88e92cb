package dictionary

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyad-events/dyad/text"
)

// LoadDir reads the native dictionary set in directory dir: every *.txt file
// below it, in lexical path order. Any malformed entry fails the load with
// all errors found (up to 20), each naming file:line.
func LoadDir(dir string) (*Dictionary, error) {
	return LoadDirOptions(dir, Options{})
}

// LoadDirOptions is LoadDir with options (see Load). dir may also name a
// single native file.
func LoadDirOptions(dir string, opt Options) (*Dictionary, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("dictionary: %w", err)
	}
	if !st.IsDir() {
		data, err := os.ReadFile(dir)
		if err != nil {
			return nil, fmt.Errorf("dictionary: %w", err)
		}
		return ParseNative(filepath.Base(dir), data, opt)
	}
	return Load(os.DirFS(dir), ".", opt)
}

// LoadFS reads the native dictionary set under root in fsys (the embedded
// defaults are read this way). Errors are as for LoadDir.
func LoadFS(fsys fs.FS, root string) (*Dictionary, error) {
	return Load(fsys, root, Options{})
}

// Load reads the native set under root in fsys with options. With
// opt.SkipBadEntries malformed entries are skipped and counted in
// Dictionary.Report and the error is only for unreadable input (no files,
// I/O errors); otherwise the first errors are returned joined, and the
// Dictionary is nil. File names in positions are relative to root.
func Load(fsys fs.FS, root string, opt Options) (d *Dictionary, err error) {
	defer recoverLoad(&d, &err)
	start := time.Now()
	if root == "" {
		root = "."
	}
	var files []string
	err = fs.WalkDir(fsys, root, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !de.IsDir() && strings.HasSuffix(p, ".txt") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("dictionary: reading %s: %w", root, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("dictionary: %s: no *.txt dictionary files found (expected a directory of native dictionary files): %w", root, errInvalid)
	}
	sort.Strings(files)
	l := newLoader(opt)
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("dictionary: %w", err)
		}
		name := f
		if root != "." {
			if rel, ok := strings.CutPrefix(f, strings.TrimSuffix(root, "/")+"/"); ok {
				name = rel
			}
		}
		l.native(name, data)
		if l.failed() {
			break
		}
	}
	return l.finish(start)
}

// ParseNative reads one native file's content (name is used in positions)
// into a new dictionary; it is LoadDir for a single file.
func ParseNative(name string, data []byte, opt Options) (d *Dictionary, err error) {
	defer recoverLoad(&d, &err)
	l := newLoader(opt)
	l.native(name, data)
	return l.finish(time.Now())
}

// recoverLoad turns a panic in a loader (a bug) into an error, so that no
// panic crosses the package boundary.
func recoverLoad(d **Dictionary, err *error) {
	if r := recover(); r != nil {
		*d = nil
		*err = fmt.Errorf("dictionary: internal error while loading: %v: %w", r, errInvalid)
	}
}

// loader accumulates entries, errors and the report of one load.
type loader struct {
	d    *Dictionary
	opt  Options
	errs []*LoadError // fatal errors (strict mode)
	fr   *FileReport
}

func newLoader(opt Options) *loader {
	return &loader{d: newDictionary(), opt: opt}
}

func (l *loader) failed() bool { return !l.opt.SkipBadEntries && len(l.errs) >= l.opt.maxErrors() }

func (l *loader) beginFile(name, format string) {
	l.d.Report.Files = append(l.d.Report.Files, FileReport{Path: name, Format: format})
	l.fr = &l.d.Report.Files[len(l.d.Report.Files)-1]
}

// bad records a malformed entry: an error in strict mode, a skip otherwise.
func (l *loader) bad(e *LoadError) {
	r := &l.d.Report
	if l.fr != nil {
		l.fr.Skipped++
	}
	r.Skipped++
	if len(r.Errors) < l.opt.maxErrors() {
		r.Errors = append(r.Errors, e)
	}
	if !l.opt.SkipBadEntries && len(l.errs) < l.opt.maxErrors() {
		l.errs = append(l.errs, e)
	}
}

// warn records a tolerated problem; it never fails a load.
func (l *loader) warn(e *LoadError) {
	r := &l.d.Report
	if l.fr != nil {
		l.fr.Warnings++
	}
	r.Warned++
	if len(r.Warnings) < l.opt.maxErrors() {
		r.Warnings = append(r.Warnings, e)
	}
}

func (l *loader) entry() {
	if l.fr != nil {
		l.fr.Entries++
	}
}

func (l *loader) finish(start time.Time) (*Dictionary, error) {
	if len(l.errs) > 0 {
		return nil, joinLoadErrors(l.errs, l.d.Report.Skipped)
	}
	l.d.build(l.warn)
	l.d.Report.Duration = time.Since(start)
	return l.d, nil
}

// joinLoadErrors returns the errors as one error whose message lists them
// one per line; errors.Is(err, dyad.ErrInvalidInput) and errors.As to
// *LoadError work on it.
func joinLoadErrors(errs []*LoadError, total int) error {
	list := make([]error, 0, len(errs)+1)
	for _, e := range errs {
		list = append(list, e)
	}
	if total > len(errs) {
		list = append(list, fmt.Errorf("… and %d more errors", total-len(errs)))
	}
	return errors.Join(list...)
}

// checkText rejects binary and empty input: NUL bytes and invalid UTF-8
// fail at the first line holding them. Lines with other stray control
// characters are returned in stray (an error for native files, a warning
// for PETRARCH files, which hold a few).
func checkText(name string, data []byte) (fatal *LoadError, stray []*LoadError) {
	if len(bytes.TrimSpace(data)) == 0 {
		return errorf(Pos{File: name}, "empty file (expected dictionary entries)"), nil
	}
	line := 1
	for i := 0; i < len(data); {
		c := data[i]
		if c == '\n' {
			line++
			i++
			continue
		}
		if c < utf8.RuneSelf {
			if c == 0 {
				return errorf(Pos{File: name, Line: line}, "binary data (NUL byte): expected a UTF-8 text dictionary"), nil
			}
			if c < 0x20 && c != '\t' && c != '\r' && c != '\f' || c == 0x7f {
				if len(stray) >= 100 {
					return errorf(Pos{File: name, Line: line}, "binary data (control byte 0x%02x): expected a UTF-8 text dictionary", c), nil
				}
				stray = append(stray, errorf(Pos{File: name, Line: line}, "stray control byte 0x%02x (expected text)", c))
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return errorf(Pos{File: name, Line: line}, "invalid UTF-8 (byte 0x%02x): expected a UTF-8 text dictionary", c), nil
		}
		i += size
	}
	return nil, stray
}

// checkFile applies checkText: it reports whether the file can be read, and
// records stray control bytes as errors (strict) or warnings.
func (l *loader) checkFile(name string, data []byte, strict bool) bool {
	fatal, stray := checkText(name, data)
	if fatal != nil {
		l.bad(fatal)
		return false
	}
	for _, e := range stray {
		if strict {
			l.bad(e)
		} else {
			l.warn(e)
		}
	}
	return true
}

// splitLines splits data into lines without their line endings.
func splitLines(data []byte) []string {
	s := string(data)
	s = strings.TrimPrefix(s, "\ufeff")
	lines := strings.Split(s, "\n")
	for i, ln := range lines {
		lines[i] = strings.TrimSuffix(ln, "\r")
	}
	if n := len(lines); n > 0 && lines[n-1] == "" {
		lines = lines[:n-1]
	}
	return lines
}

// tokenizeName splits a name or phrase into tokens as the text tokenizer
// splits running text, so that names and text agree ("U.S.-led" → "U.S.",
// "-", "led"; "China's" → "China", "'s").
func tokenizeName(s string) []string {
	toks := text.Tokenize(s)
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		w := t.Text
		if strings.ContainsAny(w, "’‘") {
			w = strings.NewReplacer("’", "'", "‘", "'").Replace(w)
		}
		out = append(out, w)
	}
	return out
}

// lowerWords folds each word.
func lowerWords(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = fold(w)
	}
	return out
}

func baseName(p string) string { return path.Base(p) }
