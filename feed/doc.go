// Package feed fetches and parses RSS and Atom feeds and keeps them
// current: conditional requests (ETag, Last-Modified), a per-request
// timeout, a bound on body sizes, exponential backoff with jitter on
// errors, article deduplication by GUID and URL across polls, and a small
// JSON state file so that a restarted watcher resumes where it stopped.
//
// Parse reads RSS 2.0 (and 0.9x), RSS 1.0 (RDF) and Atom 1.0 with
// encoding/xml. A Poller polls one feed at a time against a State; a
// Watcher polls a set of feeds every period and hands new articles to a
// Sink, such as IngestSink, which codes and stores them through
// ingest.Run. Time and randomness are injected (Clock, Backoff.Rand) so
// that tests run without waiting.
package feed
