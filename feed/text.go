package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"html"
	"strings"

	"github.com/dyad-events/dyad/ingest"
)

// blockTags are the HTML elements that end a paragraph of text.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "blockquote": true, "pre": true,
	"table": true, "tr": true, "hr": true, "section": true, "article": true, "header": true, "footer": true,
	"figure": true, "figcaption": true, "aside": true, "nav": true, "main": true,
}

// skipTags are HTML elements whose content is not text.
var skipTags = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "svg": true, "iframe": true, "object": true}

// htmlToText reduces an HTML fragment to plain text: tags dropped (with
// script and style content), entities decoded, white space collapsed,
// paragraphs separated by one blank line. A "<" that starts no tag is kept.
func htmlToText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return ingest.TidyText(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	i := 0
	for i < len(s) {
		c := s[i]
		if c != '<' {
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				j = len(s) - i
			}
			b.WriteString(html.UnescapeString(s[i : i+j]))
			i += j
			continue
		}
		rest := s[i+1:]
		switch {
		case strings.HasPrefix(rest, "!--"):
			end := strings.Index(rest[3:], "-->")
			if end < 0 {
				return ingest.TidyText(b.String())
			}
			i += 1 + 3 + end + 3
			continue
		case strings.HasPrefix(rest, "!"), strings.HasPrefix(rest, "?"):
			end := strings.IndexByte(rest, '>')
			if end < 0 {
				return ingest.TidyText(b.String())
			}
			i += 1 + end + 1
			continue
		}
		closing := strings.HasPrefix(rest, "/")
		nameStart := 0
		if closing {
			nameStart = 1
		}
		k := nameStart
		for k < len(rest) && isNameByte(rest[k]) {
			k++
		}
		if k == nameStart || !isLetter(rest[nameStart]) {
			// Not a tag: a literal "<".
			b.WriteByte('<')
			i++
			continue
		}
		name := strings.ToLower(rest[nameStart:k])
		end := tagEnd(rest, k)
		if end < 0 {
			// An unterminated tag ends the text.
			break
		}
		i += 1 + end + 1
		if blockTags[name] {
			b.WriteString("\n\n")
		}
		if !closing && skipTags[name] && !strings.HasSuffix(rest[:end], "/") {
			// Skip to the matching end tag.
			e := indexEndTag(s[i:], name)
			if e < 0 {
				break
			}
			i += e
		}
	}
	return ingest.TidyText(b.String())
}

// indexEndTag returns the index in s of "</name" (any case), or -1.
func indexEndTag(s, name string) int {
	for j := 0; ; {
		k := strings.Index(s[j:], "</")
		if k < 0 {
			return -1
		}
		j += k
		if len(s)-j-2 >= len(name) && strings.EqualFold(s[j+2:j+2+len(name)], name) {
			return j
		}
		j += 2
	}
}

// tagEnd returns the index in s of the ">" closing a tag whose name ends
// at k, skipping quoted attribute values, or -1.
func tagEnd(s string, k int) int {
	var quote byte
	for j := k; j < len(s); j++ {
		c := s[j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return j
		}
	}
	return -1
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isNameByte(c byte) bool {
	return isLetter(c) || c >= '0' && c <= '9' || c == '-' || c == ':' || c == '_'
}

// htmlToLine reduces an HTML title to one line of text.
func htmlToLine(s string) string {
	if strings.ContainsAny(s, "<&") {
		s = htmlToText(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// shortHash returns 16 hex digits of the SHA-256 of s.
func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:8])
}
