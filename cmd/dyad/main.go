// Command dyad turns news text into coded international events and answers
// questions about relations between actors. Each subcommand lives in its own
// file with its own FlagSet and registers itself in init.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// Exit codes. They are part of the command-line contract.
const (
	exitOK      = 0 // success
	exitError   = 1 // the command failed
	exitUsage   = 2 // bad flags or arguments
	exitPartial = 3 // finished, but some inputs failed (listed on stderr)
)

// env is what a subcommand may touch of the outside world; tests substitute it.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

// command is one subcommand of dyad.
type command struct {
	name    string
	summary string // one line for the command list
	usage   string // full help text printed by -h
	run     func(ctx context.Context, e *env, args []string) error
}

// groups maps a parent command ("eval", "dict") to its subcommands.
var (
	commands = map[string]*command{}
	groups   = map[string]map[string]*command{}
)

func register(c *command) { commands[c.name] = c }

func registerSub(group string, c *command) {
	if groups[group] == nil {
		groups[group] = map[string]*command{}
	}
	groups[group][c.name] = c
}

// usageError marks an error as a usage mistake (exit code 2).
type usageError struct{ msg string }

func (u *usageError) Error() string { return u.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// partialError marks a run that finished with some failed inputs (exit code 3).
type partialError struct{ msg string }

func (p *partialError) Error() string { return p.msg }

// newFlagSet returns a FlagSet that prints the command's usage text on -h.
func newFlagSet(e *env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, strings.TrimSpace(usage))
		fmt.Fprintln(e.stderr, "\nFlags:")
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args and turns flag errors into usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return flag.ErrHelp
		}
		return &usageError{err.Error()}
	}
	return nil
}

const mainUsage = `dyad turns news text into coded international events (CAMEO and PLOVER)
and answers questions about relations between actors, with every answer
traced back to the sentences behind it.

Usage:
  dyad [--db PATH] <command> [flags] [arguments]

A global --db names the store for every command: a SQLite file path
(default: $XDG_DATA_HOME/dyad/dyad.db) or, later, a postgres:// URL.

Run "dyad <command> -h" for the flags and examples of one command.`

func printUsage(w io.Writer) {
	fmt.Fprintln(w, mainUsage)
	fmt.Fprintln(w, "\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	gnames := make([]string, 0, len(groups))
	for g := range groups {
		gnames = append(gnames, g)
	}
	sort.Strings(gnames)
	for _, g := range gnames {
		subs := make([]string, 0, len(groups[g]))
		for n := range groups[g] {
			subs = append(subs, n)
		}
		sort.Strings(subs)
		fmt.Fprintf(w, "  %-10s %s (run \"dyad %s\" for details)\n", g, strings.Join(subs, ", "), g)
	}
	fmt.Fprintln(w, "\nExit codes: 0 success, 1 failure, 2 usage error, 3 finished with some inputs failed.")
}

func printGroupUsage(w io.Writer, group string) {
	fmt.Fprintf(w, "Usage: dyad %s <subcommand> [flags]\n\nSubcommands:\n", group)
	names := make([]string, 0, len(groups[group]))
	for n := range groups[group] {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, groups[group][n].summary)
	}
}

// lookup finds the command for args, descending into groups.
func lookup(args []string) (*command, []string, string) {
	c, ok := commands[args[0]]
	if ok {
		return c, args[1:], ""
	}
	if subs, ok := groups[args[0]]; ok {
		if len(args) < 2 || args[1] == "-h" || args[1] == "--help" || args[1] == "help" {
			return nil, nil, args[0]
		}
		if c, ok := subs[args[1]]; ok {
			return c, args[2:], ""
		}
		return nil, nil, args[0]
	}
	return nil, nil, ""
}

// run executes dyad with args (without the program name) and returns the exit code.
func run(ctx context.Context, e *env, args []string) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(e.stderr, "dyad: internal error: %v\n", r)
			code = exitError
		}
	}()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(e.stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	if db, rest := splitGlobalDB(args); db != "" {
		// "dyad --db x.db events": the global --db names the store for
		// every command, passed on through $DYAD_DB.
		os.Setenv("DYAD_DB", db)
		args = rest
		if len(args) == 0 {
			printUsage(e.stderr)
			return exitUsage
		}
	}
	if args[0] == "--version" || args[0] == "-version" {
		args = []string{"version"}
	}
	c, rest, group := lookup(args)
	if c == nil {
		if group != "" {
			printGroupUsage(e.stderr, group)
			return exitUsage
		}
		fmt.Fprintf(e.stderr, "dyad: unknown command %q\n\n", args[0])
		printUsage(e.stderr)
		return exitUsage
	}
	err := c.run(ctx, e, rest)
	var ue *usageError
	var pe *partialError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "dyad %s: %v\n", c.name, err)
		return exitUsage
	case errors.As(err, &pe):
		fmt.Fprintf(e.stderr, "dyad %s: %v\n", c.name, err)
		return exitPartial
	default:
		fmt.Fprintf(e.stderr, "dyad %s: %v\n", c.name, err)
		return exitError
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	os.Exit(run(ctx, e, os.Args[1:]))
}
