// Package examples holds the sample data written for dyad: the news corpus
// of news/ (see README.md), embedded here so that "dyad demo" works from
// the binary alone, with no second copy to keep in step.
package examples

import "embed"

// News holds the sample stories, news/*.jsonl: one JSON Lines file per
// year, one story per line.
//
//go:embed news/*.jsonl
var News embed.FS
