package postgres

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// ftsQuery translates a full-text query in SQLite FTS5 syntax, as the
// SQLite store takes it, into a PostgreSQL tsquery expression whose text
// parts are arguments of w:
//
//	word          phraseto_tsquery('simple', 'word')
//	"a phrase"    phraseto_tsquery('simple', 'a phrase') (words in a row)
//	word*         to_tsquery('simple', '''word'':*') (prefix)
//	a b, a AND b  a && b
//	a OR b        a || b
//	a NOT b       a && !!b
//	( … )         grouping
//
// NOT binds tighter than AND, AND tighter than OR, as in FTS5. Bare words
// are made of letters, digits, "_" and non-ASCII characters; other
// characters outside quotes, unbalanced quotes or parentheses and missing
// operands are errors, as in FTS5. Column filters, NEAR and "^" are not
// supported.
func ftsQuery(w *where, q string) (string, error) {
	toks, err := ftsTokens(q)
	if err != nil {
		return "", err
	}
	p := ftsParser{toks: toks, w: w}
	expr, err := p.or()
	if err != nil {
		return "", err
	}
	if p.pos < len(p.toks) {
		return "", fmt.Errorf("syntax error near %q", p.toks[p.pos].text)
	}
	return expr, nil
}

type ftsKind int

const (
	ftsWord ftsKind = iota
	ftsPhrase
	ftsOpen
	ftsClose
	ftsAnd
	ftsOr
	ftsNot
)

type ftsToken struct {
	kind   ftsKind
	text   string
	prefix bool // followed by "*"
}

func isBareword(r rune) bool {
	return r >= 0x80 || r == '_' || r == 0x1a || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
}

func ftsTokens(q string) ([]ftsToken, error) {
	var toks []ftsToken
	for i := 0; i < len(q); {
		r, n := utf8.DecodeRuneInString(q[i:])
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			i += n
		case r == '(':
			toks = append(toks, ftsToken{kind: ftsOpen, text: "("})
			i++
		case r == ')':
			toks = append(toks, ftsToken{kind: ftsClose, text: ")"})
			i++
		case r == '"':
			// A string; "" inside is a quote.
			var b strings.Builder
			j := i + 1
			for {
				k := strings.IndexByte(q[j:], '"')
				if k < 0 {
					return nil, errors.New("unterminated string")
				}
				b.WriteString(q[j : j+k])
				j += k + 1
				if j < len(q) && q[j] == '"' {
					b.WriteByte('"')
					j++
					continue
				}
				break
			}
			t := ftsToken{kind: ftsPhrase, text: b.String()}
			if j < len(q) && q[j] == '*' {
				t.prefix = true
				j++
			}
			toks = append(toks, t)
			i = j
		case isBareword(r):
			j := i
			for j < len(q) {
				r, n := utf8.DecodeRuneInString(q[j:])
				if !isBareword(r) {
					break
				}
				j += n
			}
			t := ftsToken{kind: ftsWord, text: q[i:j]}
			switch t.text {
			case "AND":
				t.kind = ftsAnd
			case "OR":
				t.kind = ftsOr
			case "NOT":
				t.kind = ftsNot
			case "NEAR":
				if j < len(q) && q[j] == '(' {
					return nil, errors.New("NEAR is not supported")
				}
			}
			if j < len(q) && q[j] == '*' && t.kind == ftsWord {
				t.prefix = true
				j++
			}
			toks = append(toks, t)
			i = j
		default:
			return nil, fmt.Errorf("syntax error near %q", string(r))
		}
	}
	if len(toks) == 0 {
		return nil, errors.New("empty query")
	}
	return toks, nil
}

type ftsParser struct {
	toks []ftsToken
	pos  int
	w    *where
}

func (p *ftsParser) peek() (ftsToken, bool) {
	if p.pos < len(p.toks) {
		return p.toks[p.pos], true
	}
	return ftsToken{}, false
}

func (p *ftsParser) or() (string, error) {
	left, err := p.and()
	if err != nil {
		return "", err
	}
	for {
		t, ok := p.peek()
		if !ok || t.kind != ftsOr {
			return left, nil
		}
		p.pos++
		right, err := p.and()
		if err != nil {
			return "", err
		}
		left = "(" + left + " || " + right + ")"
	}
}

func (p *ftsParser) and() (string, error) {
	left, err := p.not()
	if err != nil {
		return "", err
	}
	for {
		t, ok := p.peek()
		if !ok || t.kind == ftsOr || t.kind == ftsClose {
			return left, nil
		}
		if t.kind == ftsAnd {
			p.pos++
		}
		right, err := p.not()
		if err != nil {
			return "", err
		}
		left = "(" + left + " && " + right + ")"
	}
}

func (p *ftsParser) not() (string, error) {
	left, err := p.primary()
	if err != nil {
		return "", err
	}
	for {
		t, ok := p.peek()
		if !ok || t.kind != ftsNot {
			return left, nil
		}
		p.pos++
		right, err := p.primary()
		if err != nil {
			return "", err
		}
		left = "(" + left + " && !!" + right + ")"
	}
}

func (p *ftsParser) primary() (string, error) {
	t, ok := p.peek()
	if !ok {
		return "", errors.New("syntax error at the end of the query")
	}
	p.pos++
	switch t.kind {
	case ftsOpen:
		e, err := p.or()
		if err != nil {
			return "", err
		}
		if c, ok := p.peek(); !ok || c.kind != ftsClose {
			return "", errors.New("unbalanced parenthesis")
		}
		p.pos++
		return e, nil
	case ftsWord, ftsPhrase:
		text := clean(t.text)
		if !t.prefix {
			return "phraseto_tsquery('simple', " + p.w.arg(text) + ")", nil
		}
		// The last word of the phrase is a prefix.
		end := len(text)
		for end > 0 {
			r, n := utf8.DecodeLastRuneInString(text[:end])
			if isBareword(r) {
				break
			}
			end -= n
		}
		start := end
		for start > 0 {
			r, n := utf8.DecodeLastRuneInString(text[:start])
			if !isBareword(r) {
				break
			}
			start -= n
		}
		if start == end {
			return "", fmt.Errorf("prefix of %q has no word", t.text)
		}
		last := "'" + strings.ReplaceAll(text[start:end], "'", "''") + "':*"
		pre := strings.TrimSpace(text[:start])
		if pre == "" {
			return "to_tsquery('simple', " + p.w.arg(last) + ")", nil
		}
		return "tsquery_phrase(phraseto_tsquery('simple', " + p.w.arg(pre) + "), to_tsquery('simple', " + p.w.arg(last) + "))", nil
	}
	return "", fmt.Errorf("syntax error near %q", t.text)
}
