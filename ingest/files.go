package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/store"
)

// Kind is the format of an input file.
type Kind string

// Input kinds, chosen from the file name by KindOf.
const (
	KindText  Kind = "text"
	KindHTML  Kind = "html"
	KindJSONL Kind = "jsonl"
	KindGDELT Kind = "gdelt"
	KindSkip  Kind = "" // not an input (hidden files, images, …)
)

// KindOf chooses the reader for a file name: *.export.CSV[.zip] → GDELT,
// .html/.htm/.xhtml → HTML, .jsonl/.ndjson → JSON Lines, .txt/.text/.md or
// no extension → plain text. Other extensions are skipped when walking a
// directory.
func KindOf(name string) Kind {
	base := strings.ToLower(filepath.Base(name))
	if strings.HasPrefix(base, ".") {
		return KindSkip
	}
	if IsGDELTName(base) {
		return KindGDELT
	}
	switch filepath.Ext(base) {
	case ".html", ".htm", ".xhtml":
		return KindHTML
	case ".jsonl", ".ndjson":
		return KindJSONL
	case ".txt", ".text", ".md", "":
		return KindText
	}
	return KindSkip
}

// Paths reads each path: an http:// or https:// URL is fetched (see
// FetchURL), "-" is standard input (plain text, or JSON Lines
// when its first byte is "{"), a directory is walked recursively in
// lexical order (files of unknown kinds are skipped), a file is read by
// KindOf (a file named explicitly with an unknown extension is read as
// plain text).
func Paths(paths []string, stdin io.Reader, opts Options) Reader {
	return ReaderFunc(func(ctx context.Context, yield func(Item) bool) error {
		for _, p := range paths {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if p == "-" {
				if !readStdin(ctx, stdin, opts, yield) {
					return nil
				}
				continue
			}
			if IsURL(p) {
				if !yield(FetchURL(ctx, opts.HTTPClient, p, opts)) {
					return nil
				}
				continue
			}
			fi, err := os.Stat(p)
			if err != nil {
				if !yield(Item{Pos: p, Err: err}) {
					return nil
				}
				continue
			}
			if !fi.IsDir() {
				k := KindOf(p)
				if k == KindSkip {
					k = KindText
				}
				if !readFile(ctx, p, k, opts, yield) {
					return nil
				}
				continue
			}
			var files []string
			werr := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
				if err != nil {
					if !yield(Item{Pos: path, Err: err}) {
						return fs.SkipAll
					}
					return nil
				}
				if d.IsDir() {
					if path != p && strings.HasPrefix(d.Name(), ".") {
						return fs.SkipDir
					}
					return nil
				}
				if KindOf(path) != KindSkip && d.Type().IsRegular() {
					files = append(files, path)
				}
				return nil
			})
			if werr != nil {
				return fmt.Errorf("%s: %w", p, werr)
			}
			sort.Strings(files)
			for _, f := range files {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				if !readFile(ctx, f, KindOf(f), opts, yield) {
					return nil
				}
			}
		}
		return nil
	})
}

// readFile yields the items of one file; it returns false when yield asked
// to stop.
func readFile(ctx context.Context, path string, k Kind, opts Options, yield func(Item) bool) bool {
	stopped := false
	y := func(it Item) bool {
		if !yield(it) {
			stopped = true
			return false
		}
		return true
	}
	switch k {
	case KindGDELT:
		if err := ReadGDELTFile(ctx, path, y); err != nil && !stopped {
			y(Item{Pos: path, Err: err})
		}
		return !stopped
	case KindJSONL:
		f, err := os.Open(path)
		if err != nil {
			return y(Item{Pos: path, Err: err})
		}
		defer f.Close()
		var mtime time.Time
		if fi, err := f.Stat(); err == nil {
			mtime = fi.ModTime()
		}
		if err := ReadJSONL(ctx, f, path, mtime, opts, y); err != nil && !stopped {
			y(Item{Pos: path, Err: err})
		}
		return !stopped
	}
	fi, err := os.Stat(path)
	if err != nil {
		return y(Item{Pos: path, Err: err})
	}
	if fi.Size() > int64(opts.maxBytes()) {
		return y(Item{Pos: path, Err: fmt.Errorf("%s: %d bytes, more than the limit of %d: %w", path, fi.Size(), opts.maxBytes(), dyad.ErrInvalidInput)})
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return y(Item{Pos: path, Err: err})
	}
	return y(docItem(b, path, path, k, fi.ModTime(), opts))
}

// docItem makes the item for one whole text or HTML document.
func docItem(b []byte, id, pos string, k Kind, fallback time.Time, opts Options) Item {
	var meta time.Time
	title, text := "", ""
	if k == KindHTML {
		art, err := ExtractHTML(b, "")
		if err != nil {
			return Item{Pos: pos, Doc: store.Doc{Document: dyad.Document{ID: id}}, Err: fmt.Errorf("%s: %w", pos, err)}
		}
		title, text, meta = art.Title, art.Text, art.Published
	} else {
		if i := indexNUL(b); i >= 0 {
			return Item{Pos: pos, Doc: store.Doc{Document: dyad.Document{ID: id}}, Err: fmt.Errorf("%s: byte %d: NUL byte, not a text file: %w", pos, i, dyad.ErrInvalidInput)}
		}
		if !utf8.Valid(b) {
			b = []byte(strings.ToValidUTF8(string(b), "\uFFFD"))
		}
		text = string(b)
		if strings.TrimSpace(text) == "" {
			return Item{Pos: pos, Doc: store.Doc{Document: dyad.Document{ID: id}}, Err: fmt.Errorf("%s: %w", pos, ErrNoText)}
		}
		title = firstLine(text)
	}
	d, how := pubDate(meta, text, &opts, fallback)
	return Item{Pos: pos, Doc: store.Doc{Document: dyad.Document{ID: id, Title: title, Source: opts.Source, Date: d, Text: text}, DateSource: how}}
}

func indexNUL(b []byte) int {
	for i, c := range b {
		if c == 0 {
			return i
		}
	}
	return -1
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 120 {
		s = s[:120]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
	}
	return strings.TrimSpace(s)
}

func readStdin(ctx context.Context, r io.Reader, opts Options, yield func(Item) bool) bool {
	if r == nil {
		return yield(Item{Pos: "-", Err: errors.New("no standard input")})
	}
	b, err := io.ReadAll(io.LimitReader(r, int64(opts.maxBytes())+1))
	if err != nil {
		return yield(Item{Pos: "-", Err: fmt.Errorf("standard input: %w", err)})
	}
	trim := strings.TrimSpace(string(b))
	if strings.HasPrefix(trim, "{") {
		stopped := false
		err := ReadJSONL(ctx, strings.NewReader(string(b)), "stdin", time.Time{}, opts, func(it Item) bool {
			if !yield(it) {
				stopped = true
				return false
			}
			return true
		})
		if err != nil && !stopped {
			return yield(Item{Pos: "stdin", Err: err})
		}
		return !stopped
	}
	if len(b) > opts.maxBytes() {
		return yield(Item{Pos: "stdin", Err: fmt.Errorf("standard input: more than %d bytes: %w", opts.maxBytes(), dyad.ErrInvalidInput)})
	}
	k := KindText
	if strings.HasPrefix(strings.ToLower(trim), "<!doctype html") || strings.HasPrefix(strings.ToLower(trim), "<html") {
		k = KindHTML
	}
	id := "stdin-" + store.ContentHash(string(b))
	if len(id) > 22 {
		id = id[:22]
	}
	return yield(docItem(b, id, "stdin", k, opts.now(), opts))
}

// Count estimates the number of items Paths will yield, for progress and
// ETA: one per text or HTML file, one per non-empty line of JSON Lines and
// GDELT files (zipped ones are decompressed to count). Standard input and
// unreadable paths count 0.
func Count(paths []string) int {
	n := 0
	countFile := func(path string) {
		switch KindOf(path) {
		case KindText, KindHTML:
			n++
		case KindSkip:
		default:
			n += countLines(path)
		}
	}
	for _, p := range paths {
		if p == "-" {
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			continue
		}
		if !fi.IsDir() {
			if KindOf(p) == KindSkip {
				n++
				continue
			}
			countFile(p)
			continue
		}
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				countFile(path)
			}
			return nil
		})
	}
	return n
}

func countLines(path string) int {
	var r io.Reader
	if strings.HasSuffix(strings.ToLower(path), ".zip") {
		zr, err := zip.OpenReader(path)
		if err != nil {
			return 0
		}
		defer zr.Close()
		var rs []io.Reader
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				continue
			}
			defer rc.Close()
			rs = append(rs, rc)
		}
		r = io.MultiReader(rs...)
	} else {
		f, err := os.Open(path)
		if err != nil {
			return 0
		}
		defer f.Close()
		r = f
	}
	buf := make([]byte, 1<<20)
	n, last := 0, byte('\n')
	for {
		k, err := r.Read(buf)
		if k > 0 {
			n += bytes.Count(buf[:k], []byte{'\n'})
			last = buf[k-1]
		}
		if err != nil {
			break
		}
	}
	if last != '\n' {
		n++
	}
	return n
}
