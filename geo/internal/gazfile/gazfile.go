// Package gazfile reads and writes the gazetteer's line format. It is shared
// by the geo package (reader) and its generator geo/gen (writer), so both
// agree on one format.
//
// The file is UTF-8 text, one record a line, fields separated by tabs:
//
//	# comment lines start with '#'
//	C  ISO3 ISO2       Name lat lon population capital  aliases
//	A  ISO3 admin1code Name lat lon population -        aliases
//	P  ISO3 admin1code Name lat lon population feature  aliases
//
// C is a country, A a first-level division, P a populated place. Aliases are
// separated by '|'. lat and lon carry four decimals. A P record's admin1code
// refers to the A record of the same country with that code, if any.
package gazfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Record is one line of the gazetteer file.
type Record struct {
	Kind    byte   // 'C', 'A' or 'P'
	Country string // ISO 3166-1 alpha-3
	Code    string // ISO2 for countries, the admin1 code otherwise
	Name    string
	Lat     float64
	Lon     float64
	Pop     int
	Extra   string // capital name for countries, GeoNames feature code for places
	Aliases []string
}

// ErrFormat reports a malformed gazetteer line.
var ErrFormat = errors.New("gazfile: bad format")

// Header is the first line of every gazetteer file.
const Header = "# dyad gazetteer v1"

// clean removes characters that would break the line format.
func clean(s string) string {
	if !strings.ContainsAny(s, "\t\n\r|") {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '\t', '\n', '\r', '|':
			return ' '
		}
		return r
	}, s)
}

// Write writes the header, the comment lines and the records to w.
func Write(w io.Writer, comments []string, recs []Record) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(Header + "\n")
	for _, c := range comments {
		bw.WriteString("# " + strings.ReplaceAll(c, "\n", " ") + "\n")
	}
	var b []byte
	for _, r := range recs {
		b = b[:0]
		b = append(b, r.Kind, '\t')
		b = append(b, clean(r.Country)...)
		b = append(b, '\t')
		b = append(b, clean(r.Code)...)
		b = append(b, '\t')
		b = append(b, clean(r.Name)...)
		b = append(b, '\t')
		b = strconv.AppendFloat(b, r.Lat, 'f', 4, 64)
		b = append(b, '\t')
		b = strconv.AppendFloat(b, r.Lon, 'f', 4, 64)
		b = append(b, '\t')
		b = strconv.AppendInt(b, int64(r.Pop), 10)
		b = append(b, '\t')
		b = append(b, clean(r.Extra)...)
		b = append(b, '\t')
		for i, a := range r.Aliases {
			if i > 0 {
				b = append(b, '|')
			}
			b = append(b, clean(a)...)
		}
		b = append(b, '\n')
		if _, err := bw.Write(b); err != nil {
			return fmt.Errorf("gazfile: write: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("gazfile: write: %w", err)
	}
	return nil
}

// Read parses a whole gazetteer file.
func Read(r io.Reader) ([]Record, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("gazfile: read: %w", err)
	}
	return Parse(string(data))
}

// Parse parses the text of a gazetteer file. Strings in the records share
// memory with data.
func Parse(data string) ([]Record, error) {
	recs := make([]Record, 0, strings.Count(data, "\n"))
	err := Scan(data, func(r *Record) error {
		rec := *r
		rec.Aliases = append([]string(nil), r.Aliases...)
		if len(rec.Aliases) == 0 {
			rec.Aliases = nil
		}
		recs = append(recs, rec)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return recs, nil
}

// Scan parses the text of a gazetteer file and calls fn for each record in
// order. The record and its Aliases slice are reused between calls; their
// strings share memory with data. An error from fn stops the scan and is
// returned.
func Scan(data string, fn func(*Record) error) error {
	if !strings.HasPrefix(data, Header) {
		return fmt.Errorf("%w: missing header", ErrFormat)
	}
	line := 0
	var f [9]string
	var rec Record
	for len(data) > 0 {
		line++
		var l string
		if i := strings.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i], data[i+1:]
		} else {
			l, data = data, ""
		}
		if l == "" || l[0] == '#' {
			continue
		}
		n := 0
		for n < 8 {
			i := strings.IndexByte(l, '\t')
			if i < 0 {
				break
			}
			f[n] = l[:i]
			l = l[i+1:]
			n++
		}
		f[n] = l
		if n != 8 || len(f[0]) != 1 {
			return fmt.Errorf("%w: line %d: want 9 fields", ErrFormat, line)
		}
		lat, ok1 := parseFixed(f[4])
		lon, ok2 := parseFixed(f[5])
		pop, ok3 := parseInt(f[6])
		if !ok1 || !ok2 || !ok3 {
			return fmt.Errorf("%w: line %d: bad number", ErrFormat, line)
		}
		rec = Record{Kind: f[0][0], Country: f[1], Code: f[2], Name: f[3], Lat: lat, Lon: lon, Pop: pop, Extra: f[7], Aliases: rec.Aliases[:0]}
		for a := f[8]; a != ""; {
			i := strings.IndexByte(a, '|')
			if i < 0 {
				rec.Aliases = append(rec.Aliases, a)
				break
			}
			rec.Aliases = append(rec.Aliases, a[:i])
			a = a[i+1:]
		}
		switch rec.Kind {
		case 'C', 'A', 'P':
		default:
			return fmt.Errorf("%w: line %d: unknown kind %q", ErrFormat, line, rec.Kind)
		}
		if err := fn(&rec); err != nil {
			return err
		}
	}
	return nil
}

// parseInt parses a decimal integer with an optional sign.
func parseInt(s string) (int, bool) {
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "" || len(s) > 18 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// parseFixed parses a decimal number such as "-12.3456" (the writer's
// four-decimal form) exactly as strconv would, falling back to strconv
// for anything else.
func parseFixed(s string) (float64, bool) {
	ip, fp, dot := strings.Cut(s, ".")
	if dot && len(fp) == 4 && ip != "" && ip != "-" && ip != "+" {
		i, ok1 := parseInt(ip)
		f, ok2 := parseInt(fp)
		if ok1 && ok2 && fp[0] != '-' && fp[0] != '+' && len(ip) <= 5 {
			v := (float64(abs(i)*10000 + f)) / 10000
			if ip[0] == '-' {
				v = -v
			}
			return v, true
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}
